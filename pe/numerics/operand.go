package numerics

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strings"
)

// Operand is a matrix read one line at a time: the activation matrix by rows
// (Lines = P, Len = K) or the weight matrix by columns (Lines = N, Len = K).
type Operand interface {
	Lines() int
	Len() int
	// Line writes line i into dst (len(dst) = Len()).
	Line(i int, dst []float64)
	// Synthetic reports whether the data is generated rather than real.
	Synthetic() bool
}

// Dist is a synthetic distribution.
type Dist int

// The synthetic distributions.
const (
	Gaussian     Dist = iota // N(0, 1)
	Laplacian                // Laplace(0, 1/√2): unit variance
	ReLUGaussian             // max(0, N(0, 1))
)

// String returns the distribution's name.
func (d Dist) String() string {
	switch d {
	case Gaussian:
		return "gaussian"
	case Laplacian:
		return "laplacian"
	case ReLUGaussian:
		return "relu-gaussian"
	}
	return fmt.Sprintf("dist(%d)", int(d))
}

// ParseDist reads "gaussian", "laplacian" or "relu-gaussian".
func ParseDist(s string) (Dist, error) {
	for _, d := range []Dist{Gaussian, Laplacian, ReLUGaussian} {
		if strings.EqualFold(strings.TrimSpace(s), d.String()) {
			return d, nil
		}
	}
	return 0, fmt.Errorf("unknown distribution %q (want gaussian, laplacian or relu-gaussian)", s)
}

// draw returns one sample of d.
func (d Dist) draw(r *rand.Rand) float64 {
	switch d {
	case Laplacian:
		// Inverse CDF: −b·sign(u)·ln(1 − 2|u|), u uniform in (−½, ½).
		u := r.Float64() - 0.5
		b := 1 / math.Sqrt2
		if u < 0 {
			return b * math.Log(1+2*u)
		}
		return -b * math.Log(1-2*u)
	case ReLUGaussian:
		return max(0, r.NormFloat64())
	}
	return r.NormFloat64()
}

// Sample returns n samples of d from a PCG stream seeded with (seed, 0).
func (d Dist) Sample(n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 0))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = d.draw(r)
	}
	return xs
}

// SyntheticOperand generates line i from its own PCG stream (Seed, i).
type SyntheticOperand struct {
	Dist   Dist
	NLines int
	K      int
	Seed   uint64
}

// Lines returns the number of lines.
func (s SyntheticOperand) Lines() int { return s.NLines }

// Len returns the line length.
func (s SyntheticOperand) Len() int { return s.K }

// Synthetic is true.
func (s SyntheticOperand) Synthetic() bool { return true }

// Line generates line i.
func (s SyntheticOperand) Line(i int, dst []float64) {
	r := rand.New(rand.NewPCG(s.Seed, uint64(i)))
	for k := range dst {
		dst[k] = s.Dist.draw(r)
	}
}

// DenseOperand is a matrix in memory. ByColumn says lines are columns (the
// K×N weight matrix) rather than rows (the P×K activations).
type DenseOperand struct {
	Data       []float64 // row-major, Rows×Cols
	Rows, Cols int
	ByColumn   bool
}

// Lines returns the number of lines.
func (d DenseOperand) Lines() int {
	if d.ByColumn {
		return d.Cols
	}
	return d.Rows
}

// Len returns the line length.
func (d DenseOperand) Len() int {
	if d.ByColumn {
		return d.Rows
	}
	return d.Cols
}

// Synthetic is false.
func (d DenseOperand) Synthetic() bool { return false }

// Line copies line i.
func (d DenseOperand) Line(i int, dst []float64) {
	if !d.ByColumn {
		copy(dst, d.Data[i*d.Cols:(i+1)*d.Cols])
		return
	}
	for k := range dst {
		dst[k] = d.Data[k*d.Cols+i]
	}
}

// LoadNPY reads a 2-D float32 or float64 .npy file into a row-major dense
// matrix, its header checked (ReadNPYHeader) before anything is allocated.
// Errors name the file.
func LoadNPY(path string) (DenseOperand, error) {
	h, err := ReadNPYFileHeader(path)
	if err != nil {
		return DenseOperand{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return DenseOperand{}, fmt.Errorf("npy file: %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(h.DataOffset, io.SeekStart); err != nil {
		return DenseOperand{}, fmt.Errorf("npy file %s: %w", path, err)
	}
	d, err := DecodeNPY(bufio.NewReader(f), h)
	if err != nil {
		return DenseOperand{}, fmt.Errorf("npy file %s: %w", path, err)
	}
	return d, nil
}

// maxAbs scans every line of an operand for its largest magnitude.
func maxAbs(o Operand) float64 {
	buf := make([]float64, o.Len())
	m := 0.0
	for i := 0; i < o.Lines(); i++ {
		o.Line(i, buf)
		for _, v := range buf {
			m = max(m, math.Abs(v))
		}
	}
	return m
}
