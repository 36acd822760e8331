package pe

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/logsim/logsim/pe/quant"
	"github.com/stretchr/testify/require"
)

// refOperand is a code's dequantized value written straight from the code
// definitions of design.md §1 (not from the datapath's tables): a linear
// level with its step exponent, or a log sign and exponent.
type refOperand struct {
	zero  bool
	level int64 // linear: level; log: ±1
	exp   int   // linear: step exponent; log: exponent x̃ (units of the base)
}

func refDecode(bitsN int, signed, log bool, fsr int, code int) refOperand {
	if !log {
		lv := int64(code)
		lb := bitsN
		if signed {
			lb = bitsN - 1
			if code >= 1<<(bitsN-1) {
				lv -= 1 << bitsN
			}
		}
		return refOperand{zero: lv == 0, level: lv, exp: fsr - lb}
	}
	m := bitsN
	if signed {
		m = bitsN - 1
	}
	c := code & (1<<m - 1)
	s := int64(1)
	if signed && code>>m&1 == 1 {
		s = -1
	}
	return refOperand{zero: c == 0, level: s, exp: fsr - 1<<m + c}
}

// refProduct returns the exact product value as mant·2^exp. A power β^e with
// odd half-step e at base √2 is (181/128)·2^((e−1)/2): the datapath's
// fixed-point √2, applied to the product's exponent (for logboth the sum of
// both exponents), exactly as design.md §1 asks of the reference.
func refProduct(s Spec, a, w refOperand) (*big.Int, int) {
	if a.zero || w.zero {
		return new(big.Int), 0
	}
	pow := func(mant int64, e int) (*big.Int, int) {
		if !s.sqrt2() {
			return big.NewInt(mant), e
		}
		if e%2 == 0 {
			return big.NewInt(mant), e / 2
		}
		return big.NewInt(mant * 181), (e-1)/2 - 7
	}
	switch s.Kind {
	case Mult:
		return big.NewInt(a.level * w.level), a.exp + w.exp
	case Shift:
		m, e := pow(a.level*w.level, w.exp)
		return m, e + a.exp
	}
	return pow(a.level*w.level, a.exp+w.exp)
}

func (s Spec) sqrt2() bool { return s.Base == quant.BaseSqrt2 }

// refAcc applies the accumulator rules with big integers: floor of the
// product times 2^F, exact sum, then saturate or wrap into AccBits bits.
type refAcc struct {
	bits                int
	wrap                bool
	min, max, mod, half *big.Int
	tmp, fl, back       *big.Int
}

func newRefAcc(s Spec) *refAcc {
	n := s.Acc()
	one := big.NewInt(1)
	r := &refAcc{bits: n, wrap: s.Ovf == Wrap, tmp: new(big.Int), fl: new(big.Int), back: new(big.Int)}
	r.half = new(big.Int).Lsh(one, uint(n-1))
	r.max = new(big.Int).Sub(r.half, one)
	r.min = new(big.Int).Neg(r.half)
	r.mod = new(big.Int).Lsh(one, uint(n))
	return r
}

func (r *refAcc) step(acc *big.Int, mant *big.Int, sh int, c *Counters) {
	c.MACs++
	if mant.Sign() == 0 {
		return
	}
	if sh >= 0 {
		r.fl.Lsh(mant, uint(sh))
	} else {
		r.fl.Rsh(mant, uint(-sh)) // arithmetic: floor
		if r.back.Lsh(r.fl, uint(-sh)).Cmp(mant) != 0 {
			c.Truncations++
		}
	}
	acc.Add(acc, r.fl)
	if acc.Cmp(r.max) <= 0 && acc.Cmp(r.min) >= 0 {
		return
	}
	c.Overflows++
	switch {
	case r.wrap:
		acc.Mod(acc, r.mod) // Euclidean: [0, 2^n)
		if acc.Cmp(r.half) >= 0 {
			acc.Sub(acc, r.mod)
		}
	case acc.Sign() > 0:
		acc.Set(r.max)
	default:
		acc.Set(r.min)
	}
}

type accSetting struct {
	name  string
	bits  int
	dFrac int // F relative to FracBits(k = 1)
	ovf   Overflow
}

// TestDatapathExhaustive runs every pair of codes of each kind (operands up
// to 8 bits) from several accumulator states, under settings that fit,
// truncate and overflow, against the big-integer reference. The mult specs
// include the 2- and 3-bit controls of the log specs: a signed 2-bit code
// has the levels −1, 0, +1, and its pattern 10₂ decodes to −2 like
// −2^(b−1) at every width (never produced by the quantizer, but the
// datapath must multiply it as the reference does).
func TestDatapathExhaustive(t *testing.T) {
	specs := []string{
		"mult:a8w8", "mult:as8w8", "mult:a4w4", "mult:as5w7",
		"mult:a2w2", "mult:a3w3", "mult:a2w8", "mult:a8w2", "mult:a8w3", "mult:as2w2", "mult:as3w4", "mult:as2w8",
		"shift:a8w4", "shift:as8w8", "shift:a8w3", "shift:a8w4,base=sqrt2", "shift:as6w5,base=sqrt2",
		"logboth:a4w4", "logboth:a8w8", "logboth:as5w5,base=sqrt2", "logboth:a8w8,base=sqrt2",
	}
	settings := []accSetting{
		{"32-bit, default frac", 32, 0, Saturate},
		{"16-bit, 4 bits short: truncates", 16, -4, Saturate},
		{"12-bit, 2 extra frac: overflows, wraps", 12, 2, Wrap},
		{"20-bit, 3 short, wraps", 20, -3, Wrap},
		{"10-bit, 5 extra, saturates", 10, 5, Saturate},
	}
	const fsrA, fsrW = 2, -1
	totals := Counters{}
	for _, text := range specs {
		base, err := Parse(text)
		require.NoError(t, err)
		for _, st := range settings {
			s := base
			s.AccBits, s.Ovf = st.bits, st.ovf
			frac := FracBits(s, fsrA, fsrW, 1) + st.dFrac
			d, err := NewDatapath(s, fsrA, fsrW, frac)
			require.NoError(t, err)
			ref := newRefAcc(s)
			lo, hi := d.Range()
			inits := []int64{0, hi - 3, lo + 3, hi / 3}
			na, nw := 1<<s.ABits, 1<<s.WBits
			aOps := make([]refOperand, na)
			for a := range aOps {
				aOps[a] = refDecode(s.ABits, s.ASigned, s.ALog(), fsrA, a)
			}
			wOps := make([]refOperand, nw)
			for w := range wOps {
				wOps[w] = refDecode(s.WBits, true, s.WLog(), fsrW, w)
			}
			refSum := new(big.Int)
			for _, init := range inits {
				for a := 0; a < na; a++ {
					for w := 0; w < nw; w++ {
						var got, want Counters
						g := d.MAC(init, uint16(a), uint16(w), &got)
						m, e := refProduct(s, aOps[a], wOps[w])
						refSum.SetInt64(init)
						ref.step(refSum, m, e+frac, &want)
						if !refSum.IsInt64() || refSum.Int64() != g || got != want {
							require.Failf(t, "mismatch", "%s %s: a=%d w=%d init=%d: got %d %+v, want %s %+v",
								text, st.name, a, w, init, g, got, refSum, want)
						}
						totals.Add(got)
					}
				}
			}
		}
	}
	t.Logf("exhaustive: %+v", totals)
	// The settings must really exercise truncation and overflow.
	require.Greater(t, totals.Truncations, int64(1000))
	require.Greater(t, totals.Overflows, int64(1000))
}

// TestDatapathAllWidths repeats the exhaustive check for every operand
// width from 2 to 8 bits of every kind, both activation signednesses and,
// for log codes, both bases, under a setting that fits and one that
// truncates and wraps.
func TestDatapathAllWidths(t *testing.T) {
	settings := []accSetting{
		{"32-bit, default frac", 32, 0, Saturate},
		{"14-bit, 3 short, wraps", 14, -3, Wrap},
	}
	var checked int64
	for _, kind := range []Kind{Mult, Shift, LogBoth} {
		bases := []quant.Base{quant.Base2, quant.BaseSqrt2}
		if kind == Mult {
			bases = bases[:1]
		}
		for ab := 2; ab <= 8; ab++ {
			for wb := 2; wb <= 8; wb++ {
				for _, signed := range []bool{false, true} {
					for _, base := range bases {
						s := Spec{Kind: kind, ABits: ab, WBits: wb, ASigned: signed, Base: base}
						for _, st := range settings {
							s.AccBits, s.Ovf = st.bits, st.ovf
							checked += checkAllPairs(t, s, FracBits(s, 1, 2, 1)+st.dFrac, 1, 2)
						}
					}
				}
			}
		}
	}
	require.Greater(t, checked, int64(1_000_000))
}

// checkAllPairs checks every code pair from two accumulator states.
func checkAllPairs(t *testing.T, s Spec, frac, fsrA, fsrW int) int64 {
	d, err := NewDatapath(s, fsrA, fsrW, frac)
	require.NoError(t, err)
	ref := newRefAcc(s)
	lo, hi := d.Range()
	sum := new(big.Int)
	var n int64
	for _, init := range []int64{0, hi - 1, lo + 1} {
		for a := 0; a < 1<<s.ABits; a++ {
			ao := refDecode(s.ABits, s.ASigned, s.ALog(), fsrA, a)
			for w := 0; w < 1<<s.WBits; w++ {
				var got, want Counters
				g := d.MAC(init, uint16(a), uint16(w), &got)
				m, e := refProduct(s, ao, refDecode(s.WBits, true, s.WLog(), fsrW, w))
				sum.SetInt64(init)
				ref.step(sum, m, e+frac, &want)
				if !sum.IsInt64() || sum.Int64() != g || got != want {
					require.Failf(t, "mismatch", "%s acc=%d frac=%d: a=%d w=%d init=%d: got %d %+v, want %s %+v",
						s, s.Acc(), frac, a, w, init, g, got, sum, want)
				}
				n++
			}
		}
	}
	return n
}

// TestDatapathSequences accumulates random code sequences (so saturated and
// wrapped states carry on) against the reference.
func TestDatapathSequences(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, text := range []string{"mult:as8w8,acc=14,ovf=wrap", "mult:a6w6,acc=12", "mult:as2w2,acc=5,ovf=wrap",
		"mult:a3w2,acc=6", "mult:a8w2,acc=10,ovf=wrap", "shift:a8w4,acc=16,frac=3",
		"shift:as8w5,acc=24,base=sqrt2,ovf=wrap", "logboth:a5w4,acc=12", "logboth:as6w6,acc=20,base=sqrt2,ovf=wrap"} {
		s, err := Parse(text)
		require.NoError(t, err)
		frac := FracBits(s, 1, 0, 16)
		d, err := NewDatapath(s, 1, 0, frac)
		require.NoError(t, err)
		ref := newRefAcc(s)
		for seq := 0; seq < 200; seq++ {
			n := 1 + r.IntN(60)
			acts, wts := make([]uint16, n), make([]uint16, n)
			var want Counters
			sum := new(big.Int)
			for i := range acts {
				acts[i], wts[i] = uint16(r.IntN(1<<s.ABits)), uint16(r.IntN(1<<s.WBits))
				m, e := refProduct(s, refDecode(s.ABits, s.ASigned, s.ALog(), 1, int(acts[i])),
					refDecode(s.WBits, true, s.WLog(), 0, int(wts[i])))
				ref.step(sum, m, e+frac, &want)
			}
			var got Counters
			require.Equal(t, sum.Int64(), d.Dot(acts, wts, &got), text)
			require.Equal(t, want, got, text)
		}
	}
}

// TestFracBitsDefault checks the default F against values worked by hand
// (fsrA = 3, fsrW = 0, k = 4096 so G = 12 guard bits, 32-bit accumulator,
// F = min(F_exact, 31 − G − E_top)):
//
//	mult:a8w8     eA = 3−8 = −5, eW = 0−7 = −7: F_exact = 12;
//	              max product 255·128 < 2^15 → E_top = 15−12 = 3; 31−12−3 = 16 → F = 12
//	mult:as16w16  eA = 3−15 = −12, eW = −15: F_exact = 27; the pattern −2^15 decodes
//	              too, (2^15)² = 2^30 < 2^31 → E_top = 4; 31−12−4 = 15 → F = 15 (truncates)
//	shift:a8w4    weight exponents −7..−1, eA = −5: F_exact = 12; E_top = 8−5−1 = 2;
//	              17 → F = 12
//	logboth:a4w4  act exponents 3−16+1 = −12..2, weight −7..−1, sums −19..1:
//	              F_exact = 19; E_top = 1+1 = 2; 17 → F = 17 (truncates)
//	mult:as2w2    eA = 3−1 = 2, eW = 0−1 = −1: F_exact = −1 (the smallest
//	              product is 2^1); the pattern 10₂ = −2 decodes in both,
//	              (−2)² = 4 < 2^3 → E_top = 1+3 = 4; 31−12−4 = 15 → F = −1
//	mult:a2w8     eA = 3−2 = 1, eW = −7: F_exact = 6; 3·128 = 384 < 2^9 →
//	              E_top = 3; 16 → F = 6
//	mult:a8w2     eA = −5, eW = −1: F_exact = 6; 255·2 = 510 < 2^9 → E_top = 3;
//	              16 → F = 6
//	mult:as3w3    eA = 3−2 = 1, eW = −2: F_exact = 1; (−4)·(−4) = 16 < 2^5 →
//	              E_top = 4; 15 → F = 1
//
// Then k copies of the largest product never overflow, and with F = F_exact
// random codes never truncate.
func TestFracBitsDefault(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	cases := []struct {
		spec        string
		frac        int
		fracIsExact bool
	}{
		{"mult:a8w8", 12, true},
		{"mult:as16w16", 15, false},
		{"shift:a8w4", 12, true},
		{"logboth:a4w4", 17, false},
		{"mult:as2w2", -1, true},
		{"mult:a2w8", 6, true},
		{"mult:a8w2", 6, true},
		{"mult:as3w3", 1, true},
	}
	for _, c := range cases {
		s, err := Parse(c.spec)
		require.NoError(t, err)
		const k = 4096
		frac := FracBits(s, 3, 0, k)
		require.Equal(t, c.frac, frac, c.spec)
		d, err := NewDatapath(s, 3, 0, frac)
		require.NoError(t, err)
		var bestA, bestW uint16
		best := -1.0
		for a := 0; a < 1<<s.ABits; a += max(1, (1<<s.ABits)/512) {
			for w := 0; w < 1<<s.WBits; w += max(1, (1<<s.WBits)/512) {
				v, sh := d.Product(uint16(a), uint16(w))
				if f := float64(v) * pow2(sh); f > best {
					best, bestA, bestW = f, uint16(a), uint16(w)
				}
			}
		}
		acts, wts := make([]uint16, k), make([]uint16, k)
		for i := range acts {
			acts[i], wts[i] = bestA, bestW
		}
		var c1 Counters
		d.Dot(acts, wts, &c1)
		require.Zero(t, c1.Overflows, c.spec)
		for i := range acts {
			acts[i], wts[i] = uint16(r.IntN(1<<s.ABits)), uint16(r.IntN(1<<s.WBits))
		}
		var c2 Counters
		d.Dot(acts, wts, &c2)
		if c.fracIsExact {
			require.Zero(t, c2.Truncations, c.spec)
		} else {
			require.Positive(t, c2.Truncations, c.spec)
		}
	}
}

func pow2(e int) float64 {
	r := 1.0
	for ; e > 0; e-- {
		r *= 2
	}
	for ; e < 0; e++ {
		r /= 2
	}
	return r
}
