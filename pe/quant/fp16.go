package quant

import (
	"math"
	"math/big"
)

// FP16 is IEEE 754 binary16 rounding (round to nearest, ties to even; with
// subnormals; overflow to ±Inf), used by the mult:fp16 reference PE. It has
// no FSR.
type FP16 struct{}

// Validate always succeeds.
func (FP16) Validate() error { return nil }

// Quantize returns the binary16 bit pattern nearest to x.
func (FP16) Quantize(x float64) uint16 { return F16Bits(x) }

// Value returns the value of a binary16 bit pattern.
func (FP16) Value(code uint16) float64 { return F16Value(code) }

// EncodeFixed returns the binary16 pattern nearest to acc·2^(−frac).
func (FP16) EncodeFixed(acc int64, frac int) uint16 {
	if acc > -(1<<53) && acc < 1<<53 {
		return F16Bits(math.Ldexp(float64(acc), -frac)) // exact in float64
	}
	// Round once, to 11 significant bits, then the value is exact in float64.
	f := new(big.Float).SetInt64(acc)
	f.SetMantExp(f, -frac)
	f.SetMode(big.ToNearestEven).SetPrec(11)
	v, _ := f.Float64()
	return F16Bits(v)
}

// F16Bits rounds x to binary16 (ties to even) and returns its bit pattern.
func F16Bits(x float64) uint16 {
	sign := uint16(math.Float64bits(x)>>48) & 0x8000
	a := math.Abs(x)
	switch {
	case math.IsNaN(x):
		return 0x7e00
	case a >= 65520: // halfway between 65504 (max) and 2^16 ties to even: Inf
		return sign | 0x7c00
	}
	_, e := math.Frexp(a)
	exp := e - 1 // a = M·2^exp, M ∈ [1, 2)
	if a == 0 || exp < -14 {
		// Subnormal: units of 2^−24; 1024 units is the smallest normal.
		n := uint16(math.RoundToEven(math.Ldexp(a, 24)))
		return sign | n
	}
	n := uint16(math.RoundToEven(math.Ldexp(a, 10-exp))) // ∈ [1024, 2048]
	if n == 2048 {
		n, exp = 1024, exp+1
	}
	if exp > 15 {
		return sign | 0x7c00
	}
	return sign | uint16(exp+15)<<10 | (n - 1024)
}

// F16Value returns the value of a binary16 bit pattern.
func F16Value(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	e := int(h>>10) & 0x1f
	m := float64(h & 0x3ff)
	switch e {
	case 0:
		return sign * math.Ldexp(m, -24)
	case 0x1f:
		if m != 0 {
			return math.NaN()
		}
		return math.Inf(int(sign))
	}
	return sign * math.Ldexp(1024+m, e-25)
}
