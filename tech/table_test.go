package tech

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// The fits must reproduce the [S] anchors they were fitted through and the
// [D] rows of TR §8.2 (values rounded there to the digits given).
func TestDefaultAnchors(t *testing.T) {
	tb := Default()
	cases := []struct {
		name      string
		got, want float64
		relTol    float64
	}{
		{"Horowitz 8-b mult 0.2 pJ [S]", tb.MultEnergyPJ(8, 8), 0.2, 0.005},
		{"Horowitz 32-b mult 3.1 pJ [S]", tb.MultEnergyPJ(32, 32), 3.1, 0.005},
		{"Horowitz 8-b add 0.03 pJ [S] (fit gives 0.027)", tb.AdderEnergyPJ(8), 0.03, 0.10},
		{"Horowitz 32-b add 0.1 pJ [S] (fit gives 0.109)", tb.AdderEnergyPJ(32), 0.1, 0.10},
		{"ShiftAddNet FIX8 shift 0.024 pJ [S]", tb.ShifterEnergyPJ(8, 3), 0.024, 1e-12},
		{"EvoApprox mul8u 709.6 µm² [S]", tb.MultAreaUM2(8, 8), 709.6, 0.02},
		// The linear adder-area fit misses the 8-bit point by 2.6 % (72.26 vs
		// 70.4) and the 12- and 16-bit points by < 1 %: its own residual.
		{"EvoApprox add8u 70.4 µm² [S]", tb.AdderAreaUM2(8), 70.4, 0.03},
		{"TR §8.2 A_add(8) 72", tb.AdderAreaUM2(8), 72, 0.005},
		{"TR §8.2 E_mul(4) 0.051", tb.MultEnergyPJ(4, 4), 0.051, 0.01},
		{"TR §8.2 A_mul(16) 3083", tb.MultAreaUM2(16, 16), 3083, 0.005},
		{"TR §8.2 A_mul(32) rule 5800", tb.MultAreaUM2(32, 32), 5800, 1e-12},
		{"TR §8.2 reg 8 b 0.083 pJ", tb.RegisterWriteEnergyPJ(8), 0.083, 0.005},
		{"TR §8.2 reg 8 b 60 µm²", tb.RegisterAreaUM2(8), 60, 1e-12},
		{"TR §8.2 A_shift(8, S=3) 47", tb.ShifterAreaUM2(8, 3), 47, 0.01},
		{"Aladdin REG leakage 7.40e-5 mW @40 nm per 5.981 µm²: same order",
			tb.LogicLeakageMW(5.981 * 1.26), 7.40e-5, 0.20},
	}
	for _, c := range cases {
		require.InEpsilon(t, c.want, c.got, c.relTol, c.name)
	}
	// a×w multiplier: N = √(a·w), so an 8×4 multiplier costs as √(32) bits.
	require.InEpsilon(t, 3.28e-3*math.Pow(math.Sqrt(32), 1.977), tb.MultEnergyPJ(8, 4), 1e-12)
}

func TestCorners(t *testing.T) {
	type want struct{ mux, mult8 float64 }
	cases := map[Corner]want{
		Nominal: {1.0e-3, 0.2},
		Low:     {1.0e-3, 0.2},
		High:    {3.0e-3, 2.0e-3 * math.Pow(8, 2.54)},
	}
	for c, w := range cases {
		tb, err := ForCorner(c)
		require.NoError(t, err)
		require.Equal(t, c, tb.Corner)
		require.Equal(t, w.mux, tb.Shifter.EnergyPerMuxBitPJ, c.String())
		require.Equal(t, w.mux, tb.Decoder.EnergyPerMuxBitPJ, c.String())
		require.InEpsilon(t, w.mult8, tb.MultEnergyPJ(8, 8), 0.005, c.String())
		// Areas do not depend on the corner.
		require.Equal(t, Default().MultAreaUM2(8, 8), tb.MultAreaUM2(8, 8))
		p, err := ParseCorner(c.String())
		require.NoError(t, err)
		require.Equal(t, c, p)
	}
	_, err := ParseCorner("typical")
	require.ErrorContains(t, err, "typical")
}

func TestSRAMLookup(t *testing.T) {
	nom := Default()
	hi, err := ForCorner(High)
	require.NoError(t, err)
	geo := func(a, b float64) float64 { return math.Sqrt(a * b) }
	cases := []struct {
		name  string
		tb    Table
		kb    float64
		w     int
		read  float64
		write float64
		area  float64
	}{
		{"table point 8 KB×64", nom, 8, 64, 6.14, 7.88, 0.0263},
		{"table point 64 KB×256", nom, 64, 256, 51.80, 66.24, 0.1989},
		// Halfway in log2 size between 8 and 16 KB is √(8·16) KB.
		{"log-size midpoint", nom, geo(8, 16), 64, (6.14 + 11.61) / 2, (7.88 + 10.70) / 2, (0.0263 + 0.0507) / 2},
		// Halfway in log2 width between 64 and 128 bits is 90.5 → use 90 b
		// via an exact 2-point check below instead; here: 128 b exact.
		{"table point 1 KB×128", nom, 1, 128, 3.38, 5.11, 0.0053},
		// Above the table: 4096 KB = 2×2048 KB, anchored power law.
		{"above table", nom, 4096, 64, 127.53 * math.Pow(2, 0.522), 110.19 * math.Pow(2, 0.469), 6.4660 * 2},
		// Below the table: 0.5 KB.
		{"below table", nom, 0.5, 64, 1.67 * math.Pow(0.5, 0.522), 3.49 * math.Pow(0.5, 0.469), 0.0036 / 2},
		// 1 KB has no 256-b point: anchored at 2 KB × 256.
		{"missing 1 KB×256", nom, 1, 256, 9.46 * math.Pow(0.5, 0.646), 12.93 * math.Pow(0.5, 0.427), 0.0135 / 2},
		// Narrow words cost a 64-bit access.
		{"8-bit word", nom, 64, 8, 25.87, 19.65, 0.2090},
		// 512-bit words: two 256-bit macros of half the size.
		{"512-bit word", nom, 64, 512, 2 * 26.84, 2 * 51.79, 2 * 0.1034},
		// High corner: Horowitz at his own points (64-bit access).
		{"Horowitz 8 KB", hi, 8, 64, 10, 7.88 * 10 / 6.14, 0.0263},
		{"Horowitz 32 KB", hi, 32, 64, 20, 15.40 * 20 / 17.04, 0.0949},
		{"Horowitz 1 MB", hi, 1024, 64, 100, 76.18 * 100 / 93.52, 3.2628},
		{"Horowitz 2 MB ∝ √size", hi, 2048, 64, 100 * math.Sqrt2, 110.19 * 100 * math.Sqrt2 / 127.53, 6.4660},
		{"Horowitz 16 KB 128 b", hi, 16, 128, 10.75 * 15 / 11.61, 23.22 * 15 / 11.61, 0.0506},
	}
	for _, c := range cases {
		got, err := c.tb.SRAMMacro(c.kb, c.w)
		require.NoError(t, err, c.name)
		require.InEpsilon(t, c.read, got.ReadPJ, 1e-9, c.name+" read")
		require.InEpsilon(t, c.write, got.WritePJ, 1e-9, c.name+" write")
		require.InEpsilon(t, c.area, got.AreaMM2, 1e-9, c.name+" area")
	}
	// Halfway in log2 width: 90.51 bits is not an integer width, so check
	// that a width between two table widths lies strictly between them and
	// that the log-width weight is right at 96 b.
	a, _ := nom.SRAMMacro(8, 64)
	b, _ := nom.SRAMMacro(8, 128)
	m, _ := nom.SRAMMacro(8, 96)
	f := math.Log2(96.0/64) / math.Log2(128.0/64)
	require.InEpsilon(t, a.ReadPJ+(b.ReadPJ-a.ReadPJ)*f, m.ReadPJ, 1e-12)
	_, err = nom.SRAMMacro(0, 64)
	require.Error(t, err)
	_, err = nom.SRAMMacro(8, 0)
	require.Error(t, err)
}

func TestScaled(t *testing.T) {
	nom := Default()
	cases := []struct {
		node                  int
		eLogic, aLogic        float64
		sram8Read, sram1MArea float64
	}{
		// 32 and 22 nm SRAM must land on TR §3.1's own CACTI runs at those nodes.
		{32, 0.66, 0.46, 3.44, 1.65},
		{22, 0.29, 0.25, 1.59, 0.78},
		// Elsewhere SRAM follows the logic factors.
		{28, 0.51, 0.38, 6.14 * 0.51, 3.2628 * 0.38},
		{16, 0.17, 0.19, 6.14 * 0.17, 3.2628 * 0.19},
		{7, 0.094, 0.059, 6.14 * 0.094, 3.2628 * 0.059},
	}
	for _, c := range cases {
		s, err := nom.Scaled(c.node)
		require.NoError(t, err)
		require.Equal(t, c.node, s.NodeNM)
		require.InEpsilon(t, nom.MultEnergyPJ(8, 8)*c.eLogic, s.MultEnergyPJ(8, 8), 1e-12)
		require.InEpsilon(t, nom.AdderEnergyPJ(24)*c.eLogic, s.AdderEnergyPJ(24), 1e-12)
		require.InEpsilon(t, nom.ShifterEnergyPJ(14, 3)*c.eLogic, s.ShifterEnergyPJ(14, 3), 1e-12)
		require.InEpsilon(t, nom.RegisterAreaUM2(8)*c.aLogic, s.RegisterAreaUM2(8), 1e-12)
		require.InEpsilon(t, nom.AdderAreaUM2(32)*c.aLogic, s.AdderAreaUM2(32), 1e-12)
		require.InEpsilon(t, nom.MultAreaUM2(8, 8)*c.aLogic, s.MultAreaUM2(8, 8), 1e-12)
		require.InEpsilon(t, nom.FP.FP32AddPJ*c.eLogic, s.FP.FP32AddPJ, 1e-12)
		sr, _ := s.SRAMMacro(8, 64)
		require.InEpsilon(t, c.sram8Read, sr.ReadPJ, 1e-3)
		sa, _ := s.SRAMMacro(1024, 64)
		require.InEpsilon(t, c.sram1MArea, sa.AreaMM2, 1e-2)
		_, err = s.Scaled(7)
		require.Error(t, err, "only 45 nm tables scale")
	}
	// The base table is untouched.
	require.Equal(t, 6.14, nom.SRAM.Points[8].ReadPJ)
	_, err := nom.Scaled(10)
	require.ErrorContains(t, err, "10 nm")
}

func TestOverrides(t *testing.T) {
	tb, err := LoadOverrides("testdata/override_ok.yaml", Default())
	require.NoError(t, err)
	require.Equal(t, 0.002, tb.Shifter.EnergyPerMuxBitPJ)
	require.Equal(t, 6.0, tb.Register.AreaPerBitUM2)
	require.Equal(t, Default().Adder, tb.Adder, "keys absent keep the base value")
	require.Len(t, tb.SRAM.Points, 2, "lists are replaced whole")
	s, err := tb.SRAMMacro(16, 64) // midway in log2 size between 8 and 32
	require.NoError(t, err)
	require.InEpsilon(t, 2.0, s.ReadPJ, 1e-12)
	require.Equal(t, "testdata/override_ok.yaml", tb.Overrides)
	require.Equal(t, 0.001, Default().Shifter.EnergyPerMuxBitPJ)

	_, err = ApplyOverrides("old.yaml", []byte("dram_pj_per_bit:\n  ddr4: 25\n"), Default())
	require.ErrorContains(t, err, `old.yaml:1: key "dram_pj_per_bit": the DRAM's energy per bit is a DRAM preset parameter: use --dram-set EnergyPJPerBit=`)

	bad := []struct{ file, want string }{
		{"testdata/override_unknown.yaml", `override_unknown.yaml:4: key "shifter.enrgy_per_mux_bit_pj": unknown key (did you mean "energy_per_mux_bit_pj"?)`},
		{"testdata/override_badvalue.yaml", `override_badvalue.yaml:3: key "mult.energy_exp": bad value "abc"`},
		{"testdata/override_negative.yaml", `override_negative.yaml:2: key "gate.area_per_bit_um2": bad value "-2": want a non-negative finite number`},
		{"testdata/override_nofit.yaml", `override_nofit.yaml:1: sram.fits: no fit exponents for width 96 b`},
		{"testdata/missing.yaml", "missing.yaml"},
	}
	for _, b := range bad {
		_, err := LoadOverrides(b.file, Default())
		require.ErrorContains(t, err, b.want, b.file)
	}
}
