package quant

import (
	"fmt"
	"math"
)

// Linear is LinearQuant: unsigned (design.md §1, the paper's form) or
// symmetric signed two's complement.
type Linear struct {
	Bits   int  // total bits of the code, sign included
	Signed bool // symmetric two's complement if true
	FSR    int  // log2 of the full-scale range
}

// Validate checks the bit count (2 to 16).
func (q Linear) Validate() error {
	if q.Bits < 2 || q.Bits > 16 {
		return fmt.Errorf("linear code of %d bits: want 2 to 16", q.Bits)
	}
	return nil
}

// levelBits is b for unsigned codes and b − 1 for signed ones.
func (q Linear) levelBits() int {
	if q.Signed {
		return q.Bits - 1
	}
	return q.Bits
}

// StepExp is the exponent of the step: step = 2^StepExp = 2^(FSR − b)
// unsigned, 2^(FSR − (b−1)) signed.
func (q Linear) StepExp() int { return q.FSR - q.levelBits() }

// MaxLevel is the largest level, 2^b − 1 unsigned, 2^(b−1) − 1 signed.
func (q Linear) MaxLevel() int64 { return 1<<q.levelBits() - 1 }

// MinLevel is the smallest level: 0 unsigned, −MaxLevel signed.
func (q Linear) MinLevel() int64 {
	if q.Signed {
		return -q.MaxLevel()
	}
	return 0
}

// Level quantizes x to an integer level: clamp(Round(x/step), min, max),
// ties away from zero.
func (q Linear) Level(x float64) int64 {
	if math.IsNaN(x) {
		return 0
	}
	r := math.Round(math.Ldexp(x, -q.StepExp()))
	return clampF(r, q.MinLevel(), q.MaxLevel())
}

func clampF(r float64, lo, hi int64) int64 {
	if r <= float64(lo) {
		return lo
	}
	if r >= float64(hi) {
		return hi
	}
	return int64(r)
}

// Code packs a level into its b-bit pattern (two's complement if signed).
func (q Linear) Code(level int64) uint16 {
	return uint16(uint64(level) & (1<<q.Bits - 1))
}

// LevelOf decodes a b-bit pattern into its level (sign-extended if signed).
func (q Linear) LevelOf(code uint16) int64 {
	v := int64(code) & (1<<q.Bits - 1)
	if q.Signed && v >= 1<<(q.Bits-1) {
		v -= 1 << q.Bits
	}
	return v
}

// Quantize returns the code of x.
func (q Linear) Quantize(x float64) uint16 { return q.Code(q.Level(x)) }

// Value is the dequantized value of a code: level·step.
func (q Linear) Value(code uint16) float64 {
	return math.Ldexp(float64(q.LevelOf(code)), q.StepExp())
}

// LinearFSR is the smallest FSR for which LinearQuant of b bits does not
// clip maxAbs (Round(maxAbs/step) ≤ MaxLevel). It returns 0 for maxAbs = 0.
func LinearFSR(maxAbs float64, bits int, signed bool) int {
	if !(maxAbs > 0) || math.IsInf(maxAbs, 0) {
		return 0
	}
	_, e := math.Frexp(maxAbs) // maxAbs < 2^e
	q := Linear{Bits: bits, Signed: signed}
	for fsr := e - 1; ; fsr++ {
		q.FSR = fsr
		if math.Round(math.Ldexp(maxAbs, -q.StepExp())) <= float64(q.MaxLevel()) {
			return fsr
		}
	}
}

// EncodeFixed is the requantizer at the array edge: the code of the
// fixed-point value acc·2^(−frac), rounded half away from zero to a level
// and clamped (negative values clamp to 0 for an unsigned code).
func (q Linear) EncodeFixed(acc int64, frac int) uint16 {
	sh := frac + q.StepExp() // level = acc / 2^sh
	neg := acc < 0
	mag := uint64(acc)
	if neg {
		mag = uint64(-acc)
	}
	var lv uint64
	switch {
	case sh <= 0:
		if mag != 0 && (-sh >= 63 || mag > math.MaxInt64>>uint(-sh)) {
			lv = math.MaxInt64
		} else {
			lv = mag << uint(-sh)
		}
	case sh >= 64:
		lv = 0
	default:
		lv = (mag + 1<<uint(sh-1)) >> uint(sh)
	}
	max := uint64(q.MaxLevel())
	if lv > max {
		lv = max
	}
	level := int64(lv)
	if neg {
		level = -level
	}
	if level < q.MinLevel() {
		level = q.MinLevel()
	}
	return q.Code(level)
}
