package quant

import (
	"fmt"
	"math"
	"math/bits"
)

// Log is LogQuant with FSR (design.md §1).
type Log struct {
	Bits   int      // total bits of the code, sign included
	Signed bool     // sign bit plus a (b−1)-bit magnitude field if true
	FSR    int      // log_β of the full-scale range: exponents ≤ FSR − 1
	Base   Base     // 2 or √2
	Round  Rounding // log-domain (default) or linear-domain rounding
}

// Validate checks the bit count: 2 to 12 bits (the datapath takes at most 8).
func (q Log) Validate() error {
	if q.Bits < 2 || q.Bits > 12 {
		return fmt.Errorf("log code of %d bits: want 2 to 12", q.Bits)
	}
	return nil
}

// MagBits is m, the bits of the magnitude field: b unsigned, b − 1 signed.
func (q Log) MagBits() int {
	if q.Signed {
		return q.Bits - 1
	}
	return q.Bits
}

// Exponents is the number of nonzero magnitudes, 2^m − 1.
func (q Log) Exponents() int { return 1<<q.MagBits() - 1 }

// MinExp is the exponent of magnitude code 1: FSR − 2^m + 1.
func (q Log) MinExp() int { return q.FSR - 1<<q.MagBits() + 1 }

// MaxExp is the exponent of the largest code: FSR − 1.
func (q Log) MaxExp() int { return q.FSR - 1 }

// Decode splits a code into its sign (−1, 0 or +1) and exponent (in units
// of the base; meaningless when the sign is 0).
func (q Log) Decode(code uint16) (sign int, exp int) {
	m := q.MagBits()
	c := int(code) & (1<<m - 1)
	if c == 0 {
		return 0, 0
	}
	sign = 1
	if q.Signed && int(code)>>m&1 == 1 {
		sign = -1
	}
	return sign, q.MinExp() - 1 + c
}

// Encode builds the code of sign·β^exp, exp already clamped to the range
// (sign 0 or an exponent below the range gives the zero code).
func (q Log) Encode(sign int, exp int) uint16 {
	if sign == 0 || exp < q.MinExp() {
		return 0
	}
	if exp > q.MaxExp() {
		exp = q.MaxExp()
	}
	c := uint16(exp - q.MinExp() + 1)
	if sign < 0 && q.Signed {
		c |= 1 << q.MagBits()
	}
	return c
}

// Value is the dequantized value of a code, β^exp with the true √2.
func (q Log) Value(code uint16) float64 {
	s, e := q.Decode(code)
	if s == 0 {
		return 0
	}
	return float64(s) * pow(q.Base, e)
}

// pow returns β^e in float64 (exact for base 2; √2·2^k for odd half-steps).
func pow(b Base, e int) float64 {
	if b == Base2 {
		return math.Ldexp(1, e)
	}
	if e%2 == 0 {
		return math.Ldexp(1, e/2)
	}
	return math.Ldexp(math.Sqrt2, (e-1)/2)
}

// RoundExp is Round(log_β|x|) for x ≠ 0, finite, under the rounding rule,
// computed exactly.
func RoundExp(x float64, b Base, r Rounding) int {
	fr, e := math.Frexp(math.Abs(x)) // |x| = M·2^k, M = 2·fr ∈ [1, 2), k = e − 1
	m, k := 2*fr, e-1
	up := 0
	for _, t := range thresholdsFor(b, r) {
		if t.geq(m) {
			up++
		}
	}
	return b.StepsPerOctave()*k + up
}

// Quantize returns the code of x: x̃ = min(Round(log_β|x|), FSR − 1), zero
// if x = 0, if x̃ ≤ FSR − 2^m (underflow), or if x < 0 and the code is
// unsigned.
func (q Log) Quantize(x float64) uint16 {
	if x == 0 || math.IsNaN(x) || (x < 0 && !q.Signed) {
		return 0
	}
	sign := 1
	if x < 0 {
		sign = -1
	}
	if math.IsInf(x, 0) {
		return q.Encode(sign, q.MaxExp())
	}
	return q.Encode(sign, RoundExp(x, q.Base, q.Round))
}

// LogFSR is the smallest FSR that does not clip maxAbs: Round(log_β maxAbs)
// + 1. It returns 0 for maxAbs = 0.
func LogFSR(maxAbs float64, b Base, r Rounding) int {
	if !(maxAbs > 0) || math.IsInf(maxAbs, 0) {
		return 0
	}
	return RoundExp(maxAbs, b, r) + 1
}

// EncodeFixed is the linear-to-log encoder at the array edge: the code of
// acc·2^(−frac), by leading-one detection, normalisation and comparison
// with the fixed thresholds (see the package doc). Negative values give the
// zero code for an unsigned code.
func (q Log) EncodeFixed(acc int64, frac int) uint16 {
	if acc == 0 || (acc < 0 && !q.Signed) {
		return 0
	}
	sign := 1
	mag := uint64(acc)
	if acc < 0 {
		sign, mag = -1, uint64(-acc)
	}
	p := bits.Len64(mag) - 1 // leading-one position
	norm := mag << uint(62-p)
	up := 0
	for _, t := range thresholdsFor(q.Base, q.Round) {
		if t.geqFixed(norm) {
			up++
		}
	}
	return q.Encode(sign, q.Base.StepsPerOctave()*(p-frac)+up)
}
