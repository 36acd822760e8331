package quant

import (
	"fmt"
	"math"
	"math/big"
	"strings"
)

// Rounding selects how LogQuant rounds log_β|x|.
type Rounding int

// The roundings. LogRound is the default.
const (
	LogRound Rounding = iota // nearest exponent in the log domain (mantissa ≥ √2 rounds up, β = 2)
	LinRound                 // nearest power of β in value (mantissa ≥ 1.5 rounds up, β = 2)
)

// String returns "log" or "lin".
func (r Rounding) String() string {
	if r == LinRound {
		return "lin"
	}
	return "log"
}

// ParseRounding reads "log" or "lin".
func ParseRounding(s string) (Rounding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "log":
		return LogRound, nil
	case "lin":
		return LinRound, nil
	}
	return 0, fmt.Errorf("unknown rounding %q (want log or lin)", s)
}

// Base is the base of a log code.
type Base int

// The bases. Base2 is the default.
const (
	Base2     Base = iota // exponents are integer powers of 2
	BaseSqrt2             // half-step exponents: powers of √2
)

// String returns "2" or "sqrt2".
func (b Base) String() string {
	if b == BaseSqrt2 {
		return "sqrt2"
	}
	return "2"
}

// ParseBase reads "2" or "sqrt2".
func ParseBase(s string) (Base, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "2":
		return Base2, nil
	case "sqrt2":
		return BaseSqrt2, nil
	}
	return 0, fmt.Errorf("unknown base %q (want 2 or sqrt2)", s)
}

// StepsPerOctave is the number of exponent steps per factor of 2: 1 for
// base 2, 2 for base √2.
func (b Base) StepsPerOctave() int {
	if b == BaseSqrt2 {
		return 2
	}
	return 1
}

// The fixed-point √2 of the datapath (see the package doc).
const (
	Sqrt2Num    = 181 // 1.0110101₂ · 2^7
	Sqrt2Frac   = 7   // fraction bits of the constant
	Sqrt2Adders = 4   // shift-add adders: x≪7 + x≪5 + x≪4 + x≪2 + x
)

// threshold is a mantissa threshold t ∈ (1, 2): a mantissa M ≥ t rounds up.
// f64 is the float64 nearest t; f64Above says f64 > t (for exact t, false).
// fixed62 is ⌊t·2^62⌋, the hardware comparator constant; exact marks a
// dyadic t (1.5), for which the comparison is ≥ rather than >.
type threshold struct {
	f64      float64
	f64Above bool
	fixed62  uint64
	exact    bool
}

// geq reports whether a float64 mantissa m ∈ [1, 2) is ≥ t, exactly.
func (t threshold) geq(m float64) bool {
	if t.exact || t.f64Above {
		return m >= t.f64
	}
	return m > t.f64
}

// geqFixed reports whether a mantissa with its leading one at bit 62
// (norm ∈ [2^62, 2^63)) is ≥ t. For irrational t, norm ≥ t·2^62 ⟺
// norm > ⌊t·2^62⌋ because norm ≠ t·2^62.
func (t threshold) geqFixed(norm uint64) bool {
	if t.exact {
		return norm >= t.fixed62
	}
	return norm > t.fixed62
}

// thresholdsFor returns the ascending thresholds of one octave: one for base
// 2, two for base √2 (between the levels 1, √2 and 2).
func thresholdsFor(b Base, r Rounding) []threshold {
	switch {
	case b == Base2 && r == LogRound:
		return []threshold{thrSqrt2}
	case b == Base2:
		return []threshold{thrOneHalf}
	case r == LogRound:
		return []threshold{thrQuarter, thrThreeQuarter}
	}
	return []threshold{thrMidLow, thrMidHigh}
}

// The thresholds, computed once from exact integer arithmetic. Read-only.
var (
	thrSqrt2        = irrational(math.Sqrt2, isqrtShift(2))              // √2
	thrQuarter      = irrational(math.Pow(2, 0.25), iroot4Shift(2))      // 2^(1/4)
	thrThreeQuarter = irrational(math.Pow(2, 0.75), iroot4Shift(8))      // 2^(3/4)
	thrMidLow       = irrational((1+math.Sqrt2)/2, midSqrt2(1))          // (1+√2)/2
	thrMidHigh      = irrational((2+math.Sqrt2)/2, midSqrt2(2))          // (2+√2)/2
	thrOneHalf      = threshold{f64: 1.5, fixed62: 3 << 61, exact: true} // 1.5
)

// Each constructor returns ⌊t·2^k⌋ for k = 62 and k = 52+62 (the second
// decides whether the float64 nearest t lies above t).

// isqrtShift returns a function giving ⌊√(a)·2^k⌋ = isqrt(a·4^k).
func isqrtShift(a int64) func(k uint) *big.Int {
	return func(k uint) *big.Int {
		x := new(big.Int).Lsh(big.NewInt(a), 2*k)
		return x.Sqrt(x)
	}
}

// iroot4Shift returns ⌊a^(1/4)·2^k⌋ = ⌊(a·2^(4k))^(1/4)⌋ = isqrt(isqrt(·)).
func iroot4Shift(a int64) func(k uint) *big.Int {
	return func(k uint) *big.Int {
		x := new(big.Int).Lsh(big.NewInt(a), 4*k)
		x.Sqrt(x)
		return x.Sqrt(x)
	}
}

// midSqrt2 returns ⌊(c+√2)/2·2^k⌋ = ⌊(c·2^k + ⌊√2·2^k⌋)/2⌋.
func midSqrt2(c int64) func(k uint) *big.Int {
	s := isqrtShift(2)
	return func(k uint) *big.Int {
		x := new(big.Int).Lsh(big.NewInt(c), k)
		x.Add(x, s(k))
		return x.Rsh(x, 1)
	}
}

// irrational builds a threshold from its float64 and its floor function.
// The float64 f has 52 fraction bits, so f·2^112 is an integer; f > t
// ⟺ f·2^112 > ⌊t·2^112⌋ (t irrational).
func irrational(f float64, floorAt func(k uint) *big.Int) threshold {
	scaled := new(big.Float).SetPrec(200).SetFloat64(f)
	scaled.SetMantExp(scaled, 112)
	fi, _ := scaled.Int(nil)
	return threshold{
		f64:      f,
		f64Above: fi.Cmp(floorAt(112)) > 0,
		fixed62:  floorAt(62).Uint64(),
	}
}
