package pe

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/logsim/logsim/pe/quant"
)

// Counters count what a datapath did.
type Counters struct {
	MACs int64 // multiply-accumulates performed
	// Truncations counts products whose bits below the accumulator LSB were
	// dropped (nonzero). For mult:fp16, fp32 additions that were inexact.
	Truncations int64
	// Overflows counts sums that did not fit the accumulator and were
	// saturated or wrapped. For mult:fp16, sums that became ±Inf.
	Overflows int64
}

// Add adds o to c.
func (c *Counters) Add(o Counters) {
	c.MACs += o.MACs
	c.Truncations += o.Truncations
	c.Overflows += o.Overflows
}

// Datapath is the bit-exact MAC of an integer PE (mult, shift, logboth)
// configured for one layer: operand FSRs and the accumulator's fractional
// bits F. The accumulator is a two's complement integer acc of Spec.Acc()
// bits whose value is acc·2^(−F). See the package doc for the rules.
type Datapath struct {
	spec    Spec
	fsrA    int
	fsrW    int
	frac    int
	accBits int
	min     int64
	max     int64
	wrap    bool
	sqrt2   bool
	// Per-code operand tables, indexed by the code.
	aLevel []int64 // linear activation level (mult, shift)
	wLevel []int64 // linear weight level (mult)
	aSign  []int8  // log activation sign −1, 0, +1 (logboth)
	aExp   []int32 // log activation exponent (logboth)
	wSign  []int8  // log weight sign (shift, logboth)
	wExp   []int32 // log weight exponent (shift, logboth)
	// shift0 is the constant part of the alignment shift: mult eA + eW + F,
	// shift eA + F, logboth F (eA, eW: the linear step exponents).
	shift0 int
}

// NewDatapath builds the datapath of an integer spec for a layer whose
// activation and weight FSRs are fsrA and fsrW, with frac fractional
// accumulator bits (see FracBits for the default).
func NewDatapath(s Spec, fsrA, fsrW, frac int) (*Datapath, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.FP16 {
		return nil, fmt.Errorf("PE %s: use FP16Datapath", s)
	}
	d := &Datapath{
		spec: s, fsrA: fsrA, fsrW: fsrW, frac: frac, accBits: s.Acc(),
		wrap: s.Ovf == Wrap, sqrt2: s.Base == quant.BaseSqrt2,
	}
	d.max = 1<<(d.accBits-1) - 1
	d.min = -1 << (d.accBits - 1)
	aq, wq := s.ActQuantizer(fsrA), s.WeightQuantizer(fsrW)
	switch s.Kind {
	case Mult:
		la, lw := aq.(quant.Linear), wq.(quant.Linear)
		d.aLevel = linearTable(la)
		d.wLevel = linearTable(lw)
		d.shift0 = la.StepExp() + lw.StepExp() + frac
	case Shift:
		la := aq.(quant.Linear)
		d.aLevel = linearTable(la)
		d.wSign, d.wExp = logTable(wq.(quant.Log))
		d.shift0 = la.StepExp() + frac
	case LogBoth:
		d.aSign, d.aExp = logTable(aq.(quant.Log))
		d.wSign, d.wExp = logTable(wq.(quant.Log))
		d.shift0 = frac
	}
	return d, nil
}

func linearTable(q quant.Linear) []int64 {
	t := make([]int64, 1<<q.Bits)
	for c := range t {
		t[c] = q.LevelOf(uint16(c))
	}
	return t
}

func logTable(q quant.Log) ([]int8, []int32) {
	n := 1 << q.Bits
	s, e := make([]int8, n), make([]int32, n)
	for c := 0; c < n; c++ {
		sg, ex := q.Decode(uint16(c))
		s[c], e[c] = int8(sg), int32(ex)
	}
	return s, e
}

// Spec returns the datapath's PE spec.
func (d *Datapath) Spec() Spec { return d.spec }

// FracBits returns F, the accumulator's fractional bits.
func (d *Datapath) FracBits() int { return d.frac }

// Range returns the accumulator's smallest and largest integer.
func (d *Datapath) Range() (min, max int64) { return d.min, d.max }

// Value is the real value of an accumulator integer: acc·2^(−F).
func (d *Datapath) Value(acc int64) float64 { return math.Ldexp(float64(acc), -d.frac) }

// maskA and maskW reduce a code to the operand's bits.
func (d *Datapath) maskA(a uint16) uint16 { return a & (1<<d.spec.ABits - 1) }
func (d *Datapath) maskW(w uint16) uint16 { return w & (1<<d.spec.WBits - 1) }

// Product returns the datapath's product of two codes as v·2^sh in units of
// the accumulator LSB (before alignment): what the multiplier, the shifter
// (with its √2 shift-adds) or the exponent adder and decoder produce,
// signed.
func (d *Datapath) Product(a, w uint16) (v int64, sh int) {
	a, w = d.maskA(a), d.maskW(w)
	switch d.spec.Kind {
	case Mult:
		return d.aLevel[a] * d.wLevel[w], d.shift0
	case Shift:
		x, sg := d.aLevel[a], d.wSign[w]
		if sg == 0 || x == 0 {
			return 0, 0
		}
		v, sh = d.scaleByPow(x, int(d.wExp[w]))
		if sg < 0 {
			v = -v
		}
		return v, sh + d.shift0
	}
	sa, sw := d.aSign[a], d.wSign[w]
	if sa == 0 || sw == 0 {
		return 0, 0
	}
	v, sh = d.scaleByPow(1, int(d.aExp[a])+int(d.wExp[w])) // exponent adder, decoder
	if sa != sw {
		v = -v
	}
	return v, sh + d.shift0
}

// scaleByPow returns x·β^e as v·2^sh: for base 2 a shift by e; for base √2
// a shift by e/2, and for odd e the shift-add product x·181 with 7 more
// fraction bits (x·√2 ≈ x·181/128).
func (d *Datapath) scaleByPow(x int64, e int) (int64, int) {
	if !d.sqrt2 {
		return x, e
	}
	if e&1 == 0 {
		return x, e >> 1
	}
	v := x<<7 + x<<5 + x<<4 + x<<2 + x // x·181, Sqrt2Adders = 4 adders
	return v, (e-1)>>1 - quant.Sqrt2Frac
}

// MAC performs acc + a·w through the datapath and counts into c.
func (d *Datapath) MAC(acc int64, a, w uint16, c *Counters) int64 {
	return d.AddTerm(acc, d.Term(a, w), c)
}

// Dot accumulates Σ acts[i]·wts[i] from zero and returns the accumulator.
func (d *Datapath) Dot(acts, wts []uint16, c *Counters) int64 {
	var acc int64
	for i := range acts {
		acc = d.MAC(acc, acts[i], wts[i], c)
	}
	return acc
}

// Term is one product aligned to the accumulator (steps 1 and 2 of the
// package doc): what the alignment stage hands the adder. It depends on
// the two codes only, so a caller may tabulate it (Datapath.Term) and add
// it with AddTerm: the same arithmetic as MAC.
type Term struct {
	// Aligned is ⌊v·2^(e+F)⌋ in accumulator LSBs (two's complement floor).
	Aligned int64
	// Truncated is true when nonzero bits were dropped below the LSB.
	Truncated bool
	// Huge is true when |v·2^(e+F)| ≥ 2^62: out of range whatever the
	// accumulator holds. Aligned then holds the product's low 64 bits (what
	// wrapping adds) and Neg its sign (where saturation goes).
	Huge bool
	Neg  bool
}

// Term returns the aligned product of two codes.
func (d *Datapath) Term(a, w uint16) Term {
	v, sh := d.Product(a, w)
	var t Term
	switch {
	case v == 0:
	case sh >= 0:
		if sh >= 62 || absInt(v) >= 1<<(62-sh) {
			return Term{Aligned: int64(uint64(v) << uint(sh)), Huge: true, Neg: v < 0}
		}
		t.Aligned = v << uint(sh)
	case sh <= -63:
		t.Aligned, t.Truncated = v>>63, true // floor(v/2^k) is −1 or 0
	default:
		k := uint(-sh)
		t.Aligned, t.Truncated = v>>k, v&(1<<k-1) != 0
	}
	return t
}

// AddTerm adds an aligned product to the accumulator (step 3), counting
// the MAC, a truncation and an overflow: the exact sum outside [min, max]
// saturates or wraps.
func (d *Datapath) AddTerm(acc int64, t Term, c *Counters) int64 {
	c.MACs++
	if t.Truncated {
		c.Truncations++
	}
	if t.Huge {
		c.Overflows++
		if d.wrap {
			return d.signExtend(uint64(acc) + uint64(t.Aligned))
		}
		if t.Neg {
			return d.min
		}
		return d.max
	}
	s := acc + t.Aligned
	if s > d.max || s < d.min {
		c.Overflows++
		if d.wrap {
			return d.signExtend(uint64(s))
		}
		if s > d.max {
			return d.max
		}
		return d.min
	}
	return s
}

func (d *Datapath) signExtend(u uint64) int64 {
	k := uint(64 - d.accBits)
	return int64(u<<k) >> k
}

func absInt(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// FracBits returns the accumulator's fractional bits for a layer: the
// spec's frac if given, else F = min(F_exact, AccBits − 1 − G − E_top),
// where F_exact puts the LSB of the smallest possible product on the
// accumulator's LSB (no truncation), E_top is the smallest integer with
// every |product| < 2^E_top (at the layer's FSRs), and G = ⌈log2 k⌉ guard
// bits for a reduction of length k (0 if k ≤ 1). The sum of k products then
// never overflows, and nothing is truncated when the width allows.
func FracBits(s Spec, fsrA, fsrW, k int) int {
	if s.Frac.Set {
		return s.Frac.Value
	}
	d, err := NewDatapath(s, fsrA, fsrW, 0)
	if err != nil {
		return 0
	}
	lsb, top := d.productExtent()
	g := 0
	if k > 1 {
		g = bits.Len(uint(k - 1))
	}
	return min(-lsb, s.Acc()-1-g-top)
}

// productExtent returns the exponent of the smallest product LSB and E_top
// (|product| < 2^E_top) over every code bit pattern, with F = 0.
func (d *Datapath) productExtent() (lsb, top int) {
	lsb, top = math.MaxInt, math.MinInt
	visit := func(v int64, sh int) {
		if v == 0 {
			return
		}
		lsb = min(lsb, sh+bits.TrailingZeros64(uint64(absInt(v))))
		top = max(top, sh+bits.Len64(uint64(absInt(v))))
	}
	aq, wq := d.spec.ActQuantizer(d.fsrA), d.spec.WeightQuantizer(d.fsrW)
	switch d.spec.Kind {
	case Mult: // every bit pattern, two's complement −2^(b−1) included
		visit(maxAbs(d.aLevel)*maxAbs(d.wLevel), d.shift0)
		visit(1, d.shift0)
	case Shift:
		lw := wq.(quant.Log)
		xmax := maxAbs(d.aLevel)
		for e := lw.MinExp(); e <= lw.MaxExp(); e++ {
			v, sh := d.scaleByPow(xmax, e)
			visit(v, sh+d.shift0)
			v, sh = d.scaleByPow(1, e)
			visit(v, sh+d.shift0)
		}
	case LogBoth:
		la, lw := aq.(quant.Log), wq.(quant.Log)
		for e := la.MinExp() + lw.MinExp(); e <= la.MaxExp()+lw.MaxExp(); e++ {
			v, sh := d.scaleByPow(1, e)
			visit(v, sh+d.shift0)
		}
	}
	if lsb == math.MaxInt { // only zero products
		return 0, 0
	}
	return lsb, top
}

func maxAbs(t []int64) int64 {
	var m int64
	for _, v := range t {
		m = max(m, absInt(v))
	}
	return m
}
