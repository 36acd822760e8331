package workloads

import (
	"fmt"
	"math"
	"math/bits"
)

// MaxDim is the largest size, stride, padding or count a layer may have.
// No real layer comes near it; the bound keeps every size computation
// (output size, GEMM dimensions) far from integer overflow.
const MaxDim = math.MaxInt32

// MaxLayerMACs is the most multiply-accumulates one layer may have:
// 2^44 ≈ 1.76×10¹³, over a thousand times VGG-16's largest layer at batch
// 1, so batch 1024 still fits. Every count derived from the MACs (operand
// reads, bits moved, toggles) then stays far inside int64.
const MaxLayerMACs = 1 << 44

// MaxTensorElements is the most elements one operand tensor of a layer may
// have: 2^40 ≈ 1.1×10¹², so its size in bits (at up to 32 bits per
// element, and a few passes through memory) stays inside int64.
const MaxTensorElements = 1 << 40

// checkLimits refuses a layer beyond MaxLayerMACs or MaxTensorElements.
func checkLimits(macs int64, t TensorSizes) error {
	if macs > MaxLayerMACs {
		return fieldErrorf("shape", "%d MACs: more than the limit of 2^44 = %d per layer (README: Limits)", macs, int64(MaxLayerMACs))
	}
	for _, e := range []struct {
		name string
		n    int64
	}{{"input", t.Ifmap}, {"weight", t.Filter}, {"output", t.Ofmap}} {
		if e.n > MaxTensorElements {
			return fieldErrorf("shape", "%s tensor of %d elements: more than the limit of 2^40 = %d (README: Limits)", e.name, e.n, int64(MaxTensorElements))
		}
	}
	return nil
}

// FieldError is a validation error about one field of a layer. Field uses
// the names of Conv2D's and MatMul's doc comments ("H", "Kh", "stride_h",
// "groups", "M", "count", …), or "shape" for a layer too large as a whole.
// Importers map Field back to the line and column of their input.
type FieldError struct {
	Field string
	Msg   string
}

// Error returns "<field> <message>", e.g. "Kh must be positive, got 0".
func (e *FieldError) Error() string { return e.Field + " " + e.Msg }

func fieldErrorf(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// namedInt is one integer field of a layer, for validation.
type namedInt struct {
	name string
	v    int
}

// checkSize requires min ≤ v ≤ MaxDim.
func (f namedInt) checkSize(min int) error {
	switch {
	case f.v < min && min == 1:
		return fieldErrorf(f.name, "must be positive, got %d", f.v)
	case f.v < min:
		return fieldErrorf(f.name, "must not be negative, got %d", f.v)
	case f.v > MaxDim:
		return fieldErrorf(f.name, "must be at most %d, got %d", MaxDim, f.v)
	}
	return nil
}

// productFits reports whether the product of non-negative factors fits in
// an int64.
func productFits(factors ...int) bool {
	p := uint64(1)
	for _, f := range factors {
		hi, lo := bits.Mul64(p, uint64(f))
		if hi != 0 || lo > math.MaxInt64 {
			return false
		}
		p = lo
	}
	return true
}
