package quant

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLinearByHand(t *testing.T) {
	u4 := Linear{Bits: 4, FSR: 0}               // step 2^−4
	s4 := Linear{Bits: 4, Signed: true, FSR: 0} // step 2^−3, levels −7..7
	u2 := Linear{Bits: 2, FSR: 0}               // step 2^−2, levels 0..3
	s2 := Linear{Bits: 2, Signed: true, FSR: 0} // step 2^−1, levels −1, 0, +1
	u3 := Linear{Bits: 3, FSR: 1}               // step 2^−2, levels 0..7
	s3 := Linear{Bits: 3, Signed: true, FSR: 1} // step 2^−1, levels −3..3
	cases := []struct {
		q    Linear
		x    float64
		want int64
	}{
		{u4, 0.5, 8},
		{u4, 1.0 / 32, 1}, // exactly half a step: ties away from zero
		{u4, 1.0/32 - 1e-9, 0},
		{u4, 1, 15}, // 16 clamps to 2^4 − 1
		{u4, -0.1, 0},
		{s4, -1, -7}, // −8 clamps to −(2^3 − 1)
		{s4, -1.0 / 16, -1},
		{s4, 0.3, 2},   // 2.4 → 2
		{u2, 0.125, 1}, // half a step: away from zero
		{u2, 0.6, 2},   // 2.4 → 2
		{u2, 0.9, 3},   // 3.6 → 4 clamps to 2^2 − 1
		{u2, -0.3, 0},  // unsigned: negatives are 0
		{s2, 0.25, 1},  // half a step: away from zero
		{s2, 0.24, 0},
		{s2, -0.25, -1},
		{s2, -0.9, -1}, // −1.8 → −2 clamps to −(2^1 − 1): 10₂ is never produced
		{s2, 5, 1},
		{u3, 1.74, 7}, // 6.96 → 7
		{u3, 9, 7},
		{s3, -1.2, -2},  // −2.4 → −2
		{s3, -1.75, -3}, // −3.5 → −4 clamps to −3
	}
	for _, c := range cases {
		require.Equal(t, c.want, c.q.Level(c.x), "%+v x=%v", c.q, c.x)
	}
	for _, q := range []Linear{u4, s4, u2, s2, u3, s3, {Bits: 8, Signed: true}} {
		require.NoError(t, q.Validate())
		for code := 0; code < 1<<q.Bits; code++ {
			require.Equal(t, uint16(code), q.Code(q.LevelOf(uint16(code))))
		}
	}
	require.Equal(t, -8.0/8, s4.Value(0b1000), "two's complement −8 decodes")
	// The 2-bit signed code: 01 = +1, 11 = −1, 10 = −2 (decodes, as
	// −2^(b−1) does at every width, but the quantizer never emits it).
	require.Equal(t, []int64{0, 1, -2, -1}, []int64{s2.LevelOf(0), s2.LevelOf(1), s2.LevelOf(2), s2.LevelOf(3)})
	require.Equal(t, -1.0, s2.Value(0b10))
	require.Equal(t, uint16(0b11), s2.Quantize(-100))
	require.Equal(t, uint16(0b11), s2.EncodeFixed(-1<<40, 0))
	require.Equal(t, []int64{-1, 1}, []int64{s2.MinLevel(), s2.MaxLevel()})
	require.Equal(t, []int64{-3, 3}, []int64{s3.MinLevel(), s3.MaxLevel()})
	require.ErrorContains(t, Linear{Bits: 1}.Validate(), "want 2 to 16")
	require.ErrorContains(t, Linear{Bits: 17}.Validate(), "want 2 to 16")
	// LinearFSR: 8-bit unsigned. max 1.0: FSR 0 gives level 256 > 255, so 1.
	// max 0.998: 0.998·256 = 255.49 rounds to 255: FSR 0.
	require.Equal(t, 1, LinearFSR(1.0, 8, false))
	require.Equal(t, 0, LinearFSR(0.998, 8, false))
	require.Equal(t, 0, LinearFSR(0.99804687, 8, false)) // 255.4999987 → 255
	require.Equal(t, 1, LinearFSR(0.99805, 8, false))    // 255.5008 → 256
	// Signed 8 bits: levels ±127, step 2^(FSR−7). max 3.0 → FSR 2 (3·32 = 96).
	require.Equal(t, 2, LinearFSR(3.0, 8, true))
	// 2-bit signed: level 1 only, step 2^(FSR−1). max 1.4: FSR 1 (1.4 → 1);
	// max 1.5: 1.5 rounds to 2 > 1, so FSR 2 (0.75 → 1).
	require.Equal(t, 1, LinearFSR(1.4, 2, true))
	require.Equal(t, 2, LinearFSR(1.5, 2, true))
	// 2-bit unsigned: levels ≤ 3, step 2^(FSR−2). max 0.87: FSR 0 (3.48 → 3);
	// max 0.875: 3.5 → 4 > 3, so FSR 1 (1.75 → 2).
	require.Equal(t, 0, LinearFSR(0.87, 2, false))
	require.Equal(t, 1, LinearFSR(0.875, 2, false))
	// 3-bit signed: levels ±3, step 2^(FSR−2). max 3.4: FSR 2 (3.4 → 3).
	require.Equal(t, 2, LinearFSR(3.4, 3, true))
	require.Equal(t, 3, LinearFSR(3.5, 3, true))
}

// TestLinearFSRSmallest: at every width and signedness, LinearFSR(m) does
// not clip m (the level of m is at most MaxLevel, so Value(Quantize(m)) is
// within half a step of m) and FSR − 1 would (its level exceeds MaxLevel).
func TestLinearFSRSmallest(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for bits := 2; bits <= 16; bits++ {
		for _, signed := range []bool{false, true} {
			for i := 0; i < 2000; i++ {
				m := math.Ldexp(1+r.Float64(), r.IntN(40)-20)
				q := Linear{Bits: bits, Signed: signed, FSR: LinearFSR(m, bits, signed)}
				step := math.Ldexp(1, q.StepExp())
				require.LessOrEqual(t, math.Abs(q.Value(q.Quantize(m))-m), step/2, "%+v m=%v", q, m)
				require.LessOrEqual(t, math.Round(m/step), float64(q.MaxLevel()), "%+v m=%v", q, m)
				require.Greater(t, math.Round(2*m/step), float64(q.MaxLevel()), "FSR−1 clips: %+v m=%v", q, m)
			}
		}
	}
}

func TestLogByHand(t *testing.T) {
	w4 := Log{Bits: 4, Signed: true, FSR: 1} // m = 3: exponents −6..0, codes 1..7
	require.Equal(t, 7, w4.Exponents())
	require.Equal(t, -6, w4.MinExp())
	cases := []struct {
		q    Log
		x    float64
		want uint16
	}{
		{w4, math.Ldexp(1, -7), 0},      // x̃ = −7 ≤ FSR − 2^3 = −7: underflow
		{w4, math.Ldexp(1, -6), 1},      // smallest exponent
		{w4, 1, 7},                      // FSR − 1
		{w4, 5, 7},                      // clamps to FSR − 1
		{w4, -1, 0b1111},                // sign bit + code 7
		{w4, -0.25, 0b1101},             // −2^−2: code −2 − (−7) = 5
		{w4, 1.41 * 0.25, 5},            // mantissa 1.41 < √2: down to 2^−2
		{w4, 1.415 * 0.25, 6},           // ≥ √2: up to 2^−1
		{Log{Bits: 3, FSR: 0}, -0.5, 0}, // unsigned: negatives are zero
		{Log{Bits: 3, FSR: 0}, 0.5, 7},  // m = 3, exponents −7..−1: code x̃ + 8
		{Log{Bits: 3, FSR: 0, Round: LinRound}, 1.49 * 0.125, 5}, // < 1.5: 2^−3 → code 5
		{Log{Bits: 3, FSR: 0, Round: LinRound}, 1.5 * 0.125, 6},  // ≥ 1.5: 2^−2
		// Base √2: half-step exponents. 1.18 < 2^0.25 = 1.189 → x̃ = 0.
		{Log{Bits: 4, FSR: 4, Base: BaseSqrt2}, 1.18, 12},
		{Log{Bits: 4, FSR: 4, Base: BaseSqrt2}, 1.19, 13},
		{Log{Bits: 4, FSR: 4, Base: BaseSqrt2, Round: LinRound}, 1.20, 12}, // < (1+√2)/2 = 1.2071
		{Log{Bits: 4, FSR: 4, Base: BaseSqrt2, Round: LinRound}, 1.21, 13},
	}
	for _, c := range cases {
		require.Equal(t, c.want, c.q.Quantize(c.x), "%+v x=%v", c.q, c.x)
	}
	require.Equal(t, 3, LogFSR(5, Base2, LogRound))                                   // log2 5 = 2.32 → 2, +1
	require.Equal(t, 4, LogFSR(6, Base2, LogRound))                                   // log2 6 = 2.58 → 3, +1
	require.Equal(t, 3, LogFSR(5.9, Base2, LinRound))                                 // mantissa 1.475 < 1.5: 2, +1
	require.Equal(t, 4, LogFSR(6, Base2, LinRound))                                   // 6 = 1.5·4 rounds up to 8: 3, +1
	require.Equal(t, math.Sqrt2*0.5, Log{Bits: 4, FSR: 0, Base: BaseSqrt2}.Value(15)) // x̃ = −1
	require.Equal(t, 0.5, Log{Bits: 4, FSR: 0, Base: BaseSqrt2}.Value(14))            // x̃ = −2
}

// TestThresholdsExact checks the float64 comparisons against exact integer
// arithmetic on the float64 neighbours of every irrational threshold.
func TestThresholdsExact(t *testing.T) {
	type thr struct {
		th  threshold
		geq func(m *big.Float) bool // exact M ≥ t
	}
	sq := func(x *big.Float) *big.Float { return new(big.Float).SetPrec(1000).Mul(x, x) }
	two := big.NewFloat(2)
	ths := []thr{
		{thrSqrt2, func(m *big.Float) bool { return sq(m).Cmp(two) >= 0 }},
		{thrQuarter, func(m *big.Float) bool { return sq(sq(m)).Cmp(two) >= 0 }},
		{thrThreeQuarter, func(m *big.Float) bool { return sq(sq(m)).Cmp(big.NewFloat(8)) >= 0 }},
		{thrMidLow, func(m *big.Float) bool { // 2M − 1 ≥ √2
			d := new(big.Float).SetPrec(1000).Sub(new(big.Float).Mul(m, two), big.NewFloat(1))
			return sq(d).Cmp(two) >= 0
		}},
		{thrMidHigh, func(m *big.Float) bool { // 2M − 2 ≥ √2
			d := new(big.Float).SetPrec(1000).Sub(new(big.Float).Mul(m, two), two)
			return d.Sign() > 0 && sq(d).Cmp(two) >= 0
		}},
	}
	for i, c := range ths {
		m := c.th.f64
		for k := 0; k < 3; k++ {
			m = math.Nextafter(m, 0)
		}
		for k := 0; k < 7; k++ {
			require.Equal(t, c.geq(new(big.Float).SetFloat64(m)), c.th.geq(m), "threshold %d at %v", i, m)
			// fixed62: the float64 mantissa shifted to bit 62.
			norm := uint64(math.Ldexp(m, 62))
			require.Equal(t, c.geq(new(big.Float).SetFloat64(m)), c.th.geqFixed(norm), "fixed threshold %d", i)
			m = math.Nextafter(m, 2)
		}
	}
}

// exactLogCode is the reference LogQuant of acc·2^(−frac), written from
// design.md §1 with exact integer comparisons.
func exactLogCode(q Log, acc int64, frac int) uint16 {
	if acc == 0 || (acc < 0 && !q.Signed) {
		return 0
	}
	sign := 1
	a := new(big.Int).SetInt64(acc)
	if acc < 0 {
		sign = -1
		a.Neg(a)
	}
	p := a.BitLen() - 1
	pow := func(e int) *big.Int { return new(big.Int).Lsh(big.NewInt(1), uint(e)) }
	mul := func(x, y *big.Int) *big.Int { return new(big.Int).Mul(x, y) }
	geq := func(x, y *big.Int) int {
		if x.Cmp(y) >= 0 {
			return 1
		}
		return 0
	}
	two4p := mul(big.NewInt(2), pow(2*p)) // 2·4^p
	a2 := mul(a, a)
	up := 0
	switch {
	case q.Base == Base2 && q.Round == LogRound: // M ≥ √2 ⟺ a² ≥ 2·4^p
		up = geq(a2, two4p)
	case q.Base == Base2: // M ≥ 1.5 ⟺ 2a ≥ 3·2^p
		up = geq(mul(big.NewInt(2), a), mul(big.NewInt(3), pow(p)))
	case q.Round == LogRound: // M ≥ 2^(1/4), 2^(3/4) ⟺ a⁴ ≥ 2·2^(4p), 8·2^(4p)
		a4 := mul(a2, a2)
		up = geq(a4, mul(big.NewInt(2), pow(4*p))) + geq(a4, mul(big.NewInt(8), pow(4*p)))
	default: // M ≥ (1+√2)/2 ⟺ (2a − 2^p)² ≥ 2·4^p; M ≥ (2+√2)/2 ⟺ 2a − 2^(p+1) ≥ 0 and its square ≥ 2·4^p
		d1 := new(big.Int).Sub(mul(big.NewInt(2), a), pow(p))
		d2 := new(big.Int).Sub(mul(big.NewInt(2), a), pow(p+1))
		up = geq(mul(d1, d1), two4p)
		if d2.Sign() > 0 {
			up += geq(mul(d2, d2), two4p)
		}
	}
	x := q.Base.StepsPerOctave()*(p-frac) + up
	x = min(x, q.FSR-1)
	if x <= q.FSR-1<<q.MagBits() {
		return 0
	}
	c := uint16(x - (q.FSR - 1<<q.MagBits()))
	if sign < 0 {
		c |= 1 << q.MagBits()
	}
	return c
}

func TestLogEncodeFixedExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, base := range []Base{Base2, BaseSqrt2} {
		for _, rnd := range []Rounding{LogRound, LinRound} {
			for _, q := range []Log{{Bits: 4, Signed: true, FSR: 3}, {Bits: 6, FSR: 20}, {Bits: 8, Signed: true, FSR: 40}} {
				q.Base, q.Round = base, rnd
				check := func(acc int64, frac int) {
					got := q.EncodeFixed(acc, frac)
					require.Equal(t, exactLogCode(q, acc, frac), got, "%+v acc=%d frac=%d", q, acc, frac)
					if acc > -1<<53 && acc < 1<<53 { // the float quantizer agrees
						require.Equal(t, q.Quantize(math.Ldexp(float64(acc), -frac)), got)
					}
				}
				for acc := int64(-3000); acc <= 3000; acc++ {
					check(acc, 5)
				}
				for i := 0; i < 3000; i++ {
					acc := r.Int64N(1<<61) >> r.IntN(61)
					if r.IntN(2) == 0 {
						acc = -acc
					}
					check(acc, r.IntN(40)-10)
				}
			}
		}
	}
}

func TestLinearEncodeFixedExact(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, q := range []Linear{{Bits: 8, FSR: 2}, {Bits: 8, Signed: true, FSR: 2}, {Bits: 4, Signed: true, FSR: -3},
		{Bits: 2, FSR: 1}, {Bits: 2, Signed: true, FSR: 0}, {Bits: 3, FSR: -2}, {Bits: 3, Signed: true, FSR: 3}} {
		check := func(acc int64, frac int) {
			// Reference: Round(acc·2^−frac / step) half away from zero, clamp.
			v := new(big.Rat).SetFrac(big.NewInt(acc), new(big.Int).Lsh(big.NewInt(1), 200))
			v.Mul(v, new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), uint(200-frac-q.StepExp()))))
			half := big.NewRat(1, 2)
			abs := new(big.Rat).Abs(v)
			abs.Add(abs, half)
			lv := new(big.Int).Quo(abs.Num(), abs.Denom()) // floor of a positive
			if v.Sign() < 0 {
				lv.Neg(lv)
			}
			want := q.MinLevel()
			if lv.Cmp(big.NewInt(q.MaxLevel())) > 0 {
				want = q.MaxLevel()
			} else if lv.Cmp(big.NewInt(q.MinLevel())) >= 0 {
				want = lv.Int64()
			}
			require.Equal(t, q.Code(want), q.EncodeFixed(acc, frac), "%+v acc=%d frac=%d", q, acc, frac)
		}
		for acc := int64(-5000); acc <= 5000; acc++ {
			check(acc, 6)
		}
		for i := 0; i < 5000; i++ {
			acc := r.Int64N(1<<61) >> r.IntN(61)
			if r.IntN(2) == 0 {
				acc = -acc
			}
			check(acc, r.IntN(60)-20)
		}
	}
}

// TestLogRelativeErrorBounds: inside the range (no underflow, no clamp) the
// relative error |q − x|/|x| is bounded by the rounding rule (package doc):
// log rounding at base 2 rounds x = 2^(k+f), f ∈ [−½, ½), to 2^k, so
// |q/x − 1| = |2^−f − 1| ≤ 2^½ − 1 (f → −½, rounding up) and < 1 − 2^−½
// (f → ½, down); linear rounding at base 2 puts the cut at mantissa 1.5,
// where both errors reach 0.5/1.5 = 1/3; base √2 halves the exponents:
// 2^¼ − 1 and 1 − 2^−¼; linear rounding at base √2 cuts at t = (1+√2)/2,
// error (t − 1)/t = 3 − 2√2 both ways. The bound must also be nearly
// reached (sup ≥ 0.99·bound), so a wrong threshold fails the test.
func TestLogRelativeErrorBounds(t *testing.T) {
	cases := []struct {
		base  Base
		round Rounding
		bound float64
	}{
		{Base2, LogRound, math.Sqrt2 - 1},
		{Base2, LinRound, 1.0 / 3},
		{BaseSqrt2, LogRound, math.Pow(2, 0.25) - 1},
		{BaseSqrt2, LinRound, 3 - 2*math.Sqrt2},
	}
	r := rand.New(rand.NewPCG(5, 6))
	for _, c := range cases {
		q := Log{Bits: 6, Signed: true, FSR: 8, Base: c.base, Round: c.round}
		lo := pow(c.base, q.MinExp()) * 1.5 // well inside the range
		hi := pow(c.base, q.MaxExp())
		worst := 0.0
		for i := 0; i < 200000; i++ {
			x := lo * math.Pow(hi/lo, r.Float64())
			e := math.Abs(q.Value(q.Quantize(x))-x) / x
			require.LessOrEqual(t, e, c.bound*(1+1e-12), "%v %v x=%v", c.base, c.round, x)
			worst = max(worst, e)
		}
		require.Greater(t, worst, 0.99*c.bound, "%v %v", c.base, c.round)
	}
}

func TestFP16(t *testing.T) {
	cases := map[float64]uint16{
		1: 0x3c00, -2: 0xc000, 65504: 0x7bff, 65519.99: 0x7bff, 65520: 0x7c00,
		math.Ldexp(1, -24): 0x0001, math.Ldexp(1, -25): 0, // tie to even: 0
		math.Ldexp(3, -26): 0x0001, math.Ldexp(1, -14): 0x0400, 0.1: 0x2e66,
		1 + math.Ldexp(1, -11): 0x3c00, // tie between 1 and 1+2^−10: even (1)
		1 + math.Ldexp(3, -11): 0x3c02, // tie between 1+2^−10 and 1+2^−9: even
	}
	for x, want := range cases {
		require.Equal(t, want, F16Bits(x), "x=%v", x)
	}
	for h := 0; h < 1<<16; h++ {
		v := F16Value(uint16(h))
		if math.IsNaN(v) {
			continue
		}
		require.Equal(t, uint16(h), F16Bits(v), "h=%#04x", h)
	}
}
