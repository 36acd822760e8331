package cost_test

import (
	"testing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/tech"
	"github.com/stretchr/testify/require"
)

// Register counts from design.md §6 by hand (a, w code bits, A = 32):
// WS: a + A + w bits (+w shadow), a + A per MAC, w per fold (2w pipelined);
// OS: a + w + A (+A), a + w + A per MAC, 0 per fold (A pipelined);
// IS: w + A + a (+a), w + A per MAC, a per fold (2a pipelined).
func TestRegistersOf(t *testing.T) {
	cases := []struct {
		spec string
		df   dataflow.Dataflow
		tm   dataflow.Timing
		want cost.Registers
	}{
		{"mult:a8w8", dataflow.WS, dataflow.ScaleSim, cost.Registers{48, 40, 8}},
		{"mult:a8w8", dataflow.WS, dataflow.Pipelined, cost.Registers{56, 40, 16}},
		{"mult:a8w8", dataflow.OS, dataflow.ScaleSim, cost.Registers{48, 48, 0}},
		{"mult:a8w8", dataflow.OS, dataflow.Pipelined, cost.Registers{80, 48, 32}},
		{"mult:a8w8", dataflow.IS, dataflow.Pipelined, cost.Registers{56, 40, 16}},
		{"shift:a8w4", dataflow.WS, dataflow.Pipelined, cost.Registers{48, 40, 8}},
		{"shift:a8w4", dataflow.IS, dataflow.Pipelined, cost.Registers{52, 36, 16}},
		{"logboth:a4w4,acc=24", dataflow.OS, dataflow.Pipelined, cost.Registers{56, 32, 24}},
		{"mult:fp16", dataflow.WS, dataflow.Pipelined, cost.Registers{80, 48, 32}},
	}
	for _, c := range cases {
		s, err := pe.Parse(c.spec)
		require.NoError(t, err)
		got, err := cost.RegistersOf(s, c.df, c.tm)
		require.NoError(t, err)
		require.Equal(t, c.want, got, "%s %v %v", c.spec, c.df, c.tm)
	}
}

// TestCostByHand works the arithmetic of two more kinds at the nominal
// corner (45 nm), WS pipelined, 32-bit accumulator:
//
// logboth:a4w4 — activation magnitude 4 bits (unsigned), weight 3 bits:
//
//	exponent adder 5 b     E 5·3.4e-3 = 0.017         A 8.67·5 + 2.9 = 46.25
//	decoder: sums 15+7−1 = 21 positions, 5 select bits, 21 outputs: one-hot
//	         decoder of 46 gates, 13 toggling per decode (tech.DecoderGates)
//	                       E 13·0.65e-3 = 0.00845     A 46·2.0 = 92
//	sign: 21 + 1 XOR       E 22·0.65e-3 = 0.0143      A 44
//	accumulator 32 b       E 0.1088                   A 280.34
//	registers per MAC 4 + 32 = 36 b: E 0.3744; PE bits 4+32+4+4 = 44: A 330
//	total                  E 0.52295 pJ               A 792.59 µm²
//
// shift:a8w4,base=sqrt2 — shifter input 8 + 7 + 1 = 16 b (x·181 or x≪7);
// 7 half-step exponents → 7/2 + 1 = 4 integer shifts, S = 2, 16+3 = 19 out:
//
//	√2 shift-adds 4 adders of 16 b + 16 mux bits
//	                       E 4·0.0544 + 0.016 = 0.2336   A 4·141.62 + 31.52 = 598.0
//	shifter 38 mux bits    E 0.038                       A 74.86
//	sign 19 XOR            E 0.01235                     A 38
func TestCostByHand(t *testing.T) {
	tb := handTable(t)
	lb, err := pe.Parse("logboth:a4w4")
	require.NoError(t, err)
	c, err := cost.PEOf(lb, tb, dataflow.WS, dataflow.Pipelined)
	require.NoError(t, err)
	require.InDelta(t, 0.017, c.PerMAC.ExpAdderPJ, 1e-12)
	require.InDelta(t, 0.00845, c.PerMAC.DecoderPJ, 1e-12)
	require.InDelta(t, 0.0143, c.PerMAC.SignPJ, 1e-12)
	require.InDelta(t, 0.3744, c.PerMAC.RegisterPJ, 1e-12)
	require.InDelta(t, 0.52295, c.PerMAC.TotalPJ(), 1e-12)
	require.InDelta(t, 792.59, c.Area.TotalUM2(), 1e-9)

	sq, err := pe.Parse("shift:a8w4,base=sqrt2")
	require.NoError(t, err)
	c, err = cost.PEOf(sq, tb, dataflow.WS, dataflow.Pipelined)
	require.NoError(t, err)
	require.InDelta(t, 0.2336, c.PerMAC.Sqrt2PJ, 1e-12)
	require.InDelta(t, 0.038, c.PerMAC.ShifterPJ, 1e-12)
	require.InDelta(t, 0.01235, c.PerMAC.SignPJ, 1e-12)
	require.InDelta(t, 4*(8.67*16+2.9)+16*1.97, c.Area.Sqrt2UM2, 1e-9)

	// At the high corner the mux bit costs the highest estimate, the older
	// Aladdin shifter's 0.8055·1.15/160 pJ: 42 mux bits cost 0.243160313
	// pJ; and its area the older Aladdin's 519.8·1.26/160 µm² per mux bit
	// against 1.97: 42·4.093425 = 171.92385 µm².
	hi, err := handTable(t).AtCorner(tech.High)
	require.NoError(t, err)
	sh, _ := pe.Parse("shift:a8w4")
	chi, err := cost.PEOf(sh, hi, dataflow.WS, dataflow.Pipelined)
	require.NoError(t, err)
	require.InDelta(t, 0.243160313, chi.PerMAC.ShifterPJ, 1e-9)
	require.InDelta(t, 171.92385, chi.Area.ShifterUM2, 1e-9)
}

// TestRegisterActivityByHand prices mult:a8w8's registers (WS, pipelined,
// hand constants: 0.0104 pJ per bit write of which 40 % clock) with
// toggle rates activation 0.3, weight 0.5, accumulator 0.1: a bit costs
// clock 0.0104·0.4 = 0.00416 pJ plus, per toggle, 0.0104·0.6/0.5 =
// 0.01248 pJ.
//
//	per MAC  activation 8 b: 8·0.00416 + 8·0.3·0.01248 = 0.03328 + 0.029952
//	         accumulator 32 b: 32·0.00416 + 32·0.1·0.01248 = 0.13312 + 0.039936
//	         clock 0.1664, data 0.069888: 0.236288 pJ (0.416 at rate 0.5)
//	gating off: the 16 held weight bits (active + shadow) clock every cycle:
//	         + 16·0.00416 = 0.06656 → clock 0.23296
//	per fold 16 b at the weight's 0.5: 16·(0.00416 + 0.00624) = 0.1664
func TestRegisterActivityByHand(t *testing.T) {
	s, _ := pe.Parse("mult:a8w8")
	act := cost.RegisterActivity{Toggles: numerics.Toggles{Act: 0.3, Weight: 0.5, Acc: 0.1}, ClockGating: true}
	c, err := cost.PEOfWith(s, handTable(t), dataflow.WS, dataflow.Pipelined, act)
	require.NoError(t, err)
	require.InDelta(t, 0.1664, c.PerMAC.RegisterClockPJ, 1e-12)
	require.InDelta(t, 0.069888, c.PerMAC.RegisterDataPJ, 1e-12)
	require.InDelta(t, 0.236288, c.PerMAC.RegisterPJ, 1e-12)
	require.InDelta(t, 0.1664, c.FoldPJPerPE, 1e-12)
	act.ClockGating = false
	c, err = cost.PEOfWith(s, handTable(t), dataflow.WS, dataflow.Pipelined, act)
	require.NoError(t, err)
	require.InDelta(t, 0.23296, c.PerMAC.RegisterClockPJ, 1e-12)
	d, err := cost.PEOf(s, handTable(t), dataflow.WS, dataflow.Pipelined)
	require.NoError(t, err)
	require.InDelta(t, 0.416, d.PerMAC.RegisterPJ, 1e-12, "the default rate reproduces the source's write energy")

	m, err := cost.ActivityFor("measured", s, true)
	require.NoError(t, err)
	require.NotEqual(t, cost.DefaultActivity().Toggles, m.Toggles)
	_, err = cost.ActivityFor("sometimes", s, true)
	require.ErrorContains(t, err, "sometimes")
}

// TestTimingByHand works the gate-delay model (FO4 = 0.5 ps/nm: 22.5 ps
// at 45 nm, 65 ps at 130 nm):
//
//	mult:a8w8    AND 1 + Dadda 8 rows → 2 in 4 levels · 4 + merge 4 = 21;
//	             32-bit CPA 2·5 + 4 = 14; flip-flop 3: 38 FO4 = 0.855 ns
//	             (1170 MHz); pipelined max(21, 14) + 3 = 24 FO4 = 0.54 ns
//	shift:a8w4   3 mux stages · 2 + XOR 2 = 8; + 14 + 3 = 25 FO4 = 0.5625 ns
//	logboth:a4w4 5-bit CPA 2·3 + 4 = 10, decoder 4, XOR 2 = 16; 33 FO4
//	mult:a8w8 at 130 nm: 38 · 65 ps = 2.47 ns
//
// Pipelined, mult:a8w8 holds the product's sum and carry vectors, 2·16 =
// 32 bits: per MAC 32·0.0104 = 0.3328 pJ more at the default rate, 32·7.5
// = 240 µm² more per PE (hand constants).
func TestTimingByHand(t *testing.T) {
	tb := handTable(t)
	for _, c := range []struct {
		spec        string
		front, back int
		ns          float64
	}{
		{"mult:a8w8", 21, 14, 0.855},
		{"shift:a8w4", 8, 14, 0.5625},
		{"logboth:a4w4", 16, 14, 33 * 0.0225},
	} {
		s, _ := pe.Parse(c.spec)
		tm, err := cost.TimingOf(s, tb)
		require.NoError(t, err)
		require.Equal(t, [2]int{c.front, c.back}, [2]int{tm.FrontFO4, tm.BackFO4}, c.spec)
		require.InDelta(t, c.ns, tm.PathNS(false), 1e-12, c.spec)
	}
	s, _ := pe.Parse("mult:a8w8")
	tm, _ := cost.TimingOf(s, tb)
	require.InDelta(t, 0.54, tm.PathNS(true), 1e-12)
	require.Equal(t, 32, tm.CutBits)
	t130, err := tb.Scaled(130)
	require.NoError(t, err)
	tm130, _ := cost.TimingOf(s, t130)
	require.InDelta(t, 2.47, tm130.PathNS(false), 1e-12)

	c, _ := cost.PEOf(s, tb, dataflow.WS, dataflow.Pipelined)
	base, area := c.PerMAC.RegisterPJ, c.Area.TotalUM2()
	c.AddPipeline(tb, cost.DefaultActivity(), tm.CutBits)
	require.InDelta(t, 0.3328, c.PerMAC.RegisterPJ-base, 1e-12)
	require.InDelta(t, 240, c.Area.TotalUM2()-area, 1e-9)
	_, err = cost.TimingOf(pe.Spec{Kind: pe.Mult, FP16: true, ABits: 16, WBits: 16}, tb)
	require.Error(t, err)
}
