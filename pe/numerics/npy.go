package numerics

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// NPYHeader is what a 2-D .npy file declares in its header: its shape,
// element size and order, and where its data starts.
type NPYHeader struct {
	Rows, Cols int
	ElemBytes  int  // 4 (float32) or 8 (float64), little-endian
	Fortran    bool // column-major data
	DataOffset int64
}

// maxNPYHeader is the longest header accepted, in bytes (numpy writes
// fewer than 200; its own reader refuses more than 10000 by default).
const maxNPYHeader = 1 << 16

// maxNPYDim bounds each dimension, so rows·cols·8 fits in int64.
const maxNPYDim = math.MaxInt32

var npyMagic = []byte("\x93NUMPY")

// ReadNPYHeader reads and checks the header of a .npy file of size bytes
// from r: the format (versions 1 to 3), a dictionary with exactly the keys
// descr, fortran_order and shape, a 2-D shape, a little-endian float32 or
// float64 type, and a data size that equals what the shape needs. Nothing
// is allocated from what the header claims.
func ReadNPYHeader(r io.Reader, size int64) (NPYHeader, error) {
	var pre [10]byte
	if _, err := io.ReadFull(r, pre[:8]); err != nil || !bytes.Equal(pre[:6], npyMagic) {
		return NPYHeader{}, errors.New("not a valid .npy file (no NUMPY magic)")
	}
	var hlen, off int
	switch pre[6] {
	case 1:
		if _, err := io.ReadFull(r, pre[8:10]); err != nil {
			return NPYHeader{}, errors.New("not a valid .npy file (truncated header)")
		}
		hlen, off = int(binary.LittleEndian.Uint16(pre[8:10])), 10
	case 2, 3:
		var l [4]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return NPYHeader{}, errors.New("not a valid .npy file (truncated header)")
		}
		hlen, off = int(binary.LittleEndian.Uint32(l[:])), 12
	default:
		return NPYHeader{}, fmt.Errorf("not a valid .npy file (format version %d)", pre[6])
	}
	if hlen > maxNPYHeader || int64(off+hlen) > size {
		return NPYHeader{}, fmt.Errorf("not a valid .npy file (header of %d bytes in a file of %d)", hlen, size)
	}
	text := make([]byte, hlen)
	if _, err := io.ReadFull(r, text); err != nil {
		return NPYHeader{}, errors.New("not a valid .npy file (truncated header)")
	}
	h, err := parseNPYDict(string(text))
	if err != nil {
		return NPYHeader{}, fmt.Errorf("header: %w", err)
	}
	h.DataOffset = int64(off + hlen)
	if want := int64(h.Rows) * int64(h.Cols) * int64(h.ElemBytes); size-h.DataOffset != want {
		return NPYHeader{}, fmt.Errorf("shape (%d, %d) needs %d data bytes, the file holds %d", h.Rows, h.Cols, want, size-h.DataOffset)
	}
	return h, nil
}

// parseNPYDict reads the header's Python dictionary literal, e.g.
// "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }".
func parseNPYDict(text string) (NPYHeader, error) {
	s := strings.TrimRight(text, " \n")
	if !strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "}") {
		return NPYHeader{}, errors.New("want a {…} dictionary")
	}
	items, err := splitTopLevel(s[1 : len(s)-1])
	if err != nil {
		return NPYHeader{}, err
	}
	var h NPYHeader
	seen := map[string]bool{}
	for _, it := range items {
		k, v, ok := strings.Cut(it, ":")
		key, okKey := unquote(strings.TrimSpace(k))
		if !ok || !okKey {
			return NPYHeader{}, fmt.Errorf("item %q: want 'key': value", it)
		}
		if seen[key] {
			return NPYHeader{}, fmt.Errorf("key %q given twice", key)
		}
		seen[key] = true
		if err := h.set(key, strings.TrimSpace(v)); err != nil {
			return NPYHeader{}, err
		}
	}
	for _, k := range []string{"descr", "fortran_order", "shape"} {
		if !seen[k] {
			return NPYHeader{}, fmt.Errorf("key %q missing", k)
		}
	}
	return h, nil
}

func (h *NPYHeader) set(key, v string) error {
	switch key {
	case "descr":
		d, ok := unquote(v)
		switch {
		case !ok:
			return fmt.Errorf("descr %q: want a quoted type", v)
		case d == "<f8" || d == "=f8":
			h.ElemBytes = 8
		case d == "<f4" || d == "=f4":
			h.ElemBytes = 4
		default:
			return fmt.Errorf("dtype %q: want little-endian float32 or float64", d)
		}
	case "fortran_order":
		switch v {
		case "False":
			h.Fortran = false
		case "True":
			h.Fortran = true
		default:
			return fmt.Errorf("fortran_order %q: want True or False", v)
		}
	case "shape":
		return h.setShape(v)
	default:
		return fmt.Errorf("unknown key %q", key)
	}
	return nil
}

func (h *NPYHeader) setShape(v string) error {
	if !strings.HasPrefix(v, "(") || !strings.HasSuffix(v, ")") {
		return fmt.Errorf("shape %s: want a tuple", v)
	}
	var dims []int
	for _, f := range strings.Split(v[1:len(v)-1], ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || n > maxNPYDim {
			return fmt.Errorf("shape %s: dimension %q is not an integer from 0 to %d", v, f, maxNPYDim)
		}
		dims = append(dims, n)
	}
	if len(dims) != 2 || dims[0] == 0 || dims[1] == 0 {
		return fmt.Errorf("shape %s: want a 2-D matrix", v)
	}
	h.Rows, h.Cols = dims[0], dims[1]
	return nil
}

// splitTopLevel splits a dictionary body at the commas outside
// parentheses and quotes, dropping empty items (a trailing comma).
func splitTopLevel(s string) ([]string, error) {
	var items []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			if depth--; depth < 0 {
				return nil, errors.New("unbalanced parentheses")
			}
		case c == ',' && depth == 0:
			items = append(items, s[start:i])
			start = i + 1
		}
	}
	if depth != 0 || quote != 0 {
		return nil, errors.New("unbalanced parentheses or quotes")
	}
	items = append(items, s[start:])
	out := items[:0]
	for _, it := range items {
		if strings.TrimSpace(it) != "" {
			out = append(out, it)
		}
	}
	return out, nil
}

func unquote(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], true
	}
	return "", false
}

// ReadNPYFileHeader reads the header of the .npy file at path.
func ReadNPYFileHeader(path string) (NPYHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return NPYHeader{}, fmt.Errorf("npy file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return NPYHeader{}, fmt.Errorf("npy file: %w", err)
	}
	if !st.Mode().IsRegular() {
		return NPYHeader{}, fmt.Errorf("npy file %s: not a regular file", path)
	}
	h, err := ReadNPYHeader(f, st.Size())
	if err != nil {
		return NPYHeader{}, fmt.Errorf("npy file %s: %w", path, err)
	}
	return h, nil
}

// DecodeNPY reads the data of a file whose header is h from r (placed at
// h.DataOffset) into a row-major dense matrix; every value must be finite.
func DecodeNPY(r io.Reader, h NPYHeader) (DenseOperand, error) {
	n := h.Rows * h.Cols
	raw := make([]byte, n*h.ElemBytes) // the header was checked against the file's size
	if _, err := io.ReadFull(r, raw); err != nil {
		return DenseOperand{}, fmt.Errorf("data: %w", err)
	}
	data := make([]float64, n)
	for i := range data {
		if h.ElemBytes == 8 {
			data[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
		} else {
			data[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:])))
		}
		if math.IsNaN(data[i]) || math.IsInf(data[i], 0) {
			return DenseOperand{}, fmt.Errorf("element %d is %v: want finite values", i, data[i])
		}
	}
	if h.Fortran {
		t := make([]float64, n)
		for i := 0; i < h.Rows; i++ {
			for j := 0; j < h.Cols; j++ {
				t[i*h.Cols+j] = data[j*h.Rows+i]
			}
		}
		data = t
	}
	return DenseOperand{Data: data, Rows: h.Rows, Cols: h.Cols}, nil
}
