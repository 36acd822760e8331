package cost_test

import (
	"testing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/tech"
	"github.com/logsim/logsim/workloads"
	"github.com/stretchr/testify/require"
)

// referenceDesign is the design of the hand-worked example: a 2×2 array,
// WS, pipelined, 1 GHz, 45 nm nominal, the reference point's buffers
// (64 KiB each, double-buffered, 64-bit words) and DDR4.
func referenceDesign(t *testing.T, spec string, tb tech.Table) cost.Design {
	t.Helper()
	s, err := pe.Parse(spec)
	require.NoError(t, err)
	return cost.Design{
		PE: s, Array: dataflow.Array{Rows: 2, Cols: 2},
		Dataflow: dataflow.WS, Timing: dataflow.Pipelined, ClockMHz: 1000,
		Ifmap:        cost.DoubleBuffered(64, 64),
		Filter:       cost.DoubleBuffered(64, 64),
		Ofmap:        cost.DoubleBuffered(64, 64),
		DRAMPJPerBit: ddr4PJPerBit(t, tb.Corner), Tech: tb,
	}
}

// handActivity is the activity of the hand-worked layer (see
// TestHandWorkedLayer), the same for both PEs.
// ddr4PJPerBit is the DDR4-3200 preset's energy per bit at a corner.
func ddr4PJPerBit(t *testing.T, c tech.Corner) float64 {
	p, err := spec.Preset(spec.PresetDDR4)
	require.NoError(t, err)
	k, err := p.EnergyScale(c.String())
	require.NoError(t, err)
	return p.EnergyPJPerBit * k
}

// handTable is the table of the hand-worked examples: the constants of
// testdata/hand.yaml on the horowitz source at 45 nm.
func handTable(t testing.TB) tech.Table {
	t.Helper()
	base, err := tech.ForSource(tech.Horowitz, tech.Nominal)
	require.NoError(t, err)
	tb, err := tech.LoadOverrides("testdata/hand.yaml", base)
	require.NoError(t, err)
	return tb
}

// energyOf, areaOf and evaluate price a design in one call.
func energyOf(a cost.Activity, d cost.Design) (cost.Energy, error) {
	p, err := cost.PricesOf(d)
	if err != nil {
		return cost.Energy{}, err
	}
	return p.Energy(a)
}

func areaOf(d cost.Design) (cost.Area, error) {
	p, err := cost.PricesOf(d)
	if err != nil {
		return cost.Area{}, err
	}
	return p.Area(), nil
}

func evaluate(a cost.Activity, d cost.Design) (cost.Report, error) {
	p, err := cost.PricesOf(d)
	if err != nil {
		return cost.Report{}, err
	}
	return p.Report(a)
}

func handActivity() cost.Activity {
	one := cost.BufferAccess{ReadWords: 1, WriteWords: 1}
	return cost.Activity{
		MACs: 8, FoldPEs: 4, Outputs: 4, PsumAdds: 0,
		Ifmap: one, Filter: one, Ofmap: one,
		DRAMReadBits: 128, DRAMWriteBits: 64, Cycles: 6,
	}
}

// TestHandWorkedLayer is issue 5 item 7: one FC layer M = P = 2, K = 2,
// N = 2 on a 2×2 array, WS, pipelined, 1 GHz, 45 nm nominal, 32-bit
// accumulators, 8-bit activations, 64-bit SRAM words.
//
// Activity (design.md §4, WS: rows take K = 2, columns N = 2, P = 2
// streamed): 1 fold using all 4 PEs, so MACs = 2·2·2 = 8, FoldPEs = 4 (each
// PE loads one weight), Outputs = P·N = 4, PsumAdds = 0 (one row fold).
// Cycles with ideal memory: one WS fold takes T + 2R + C − 2 = 2 + 4 + 2 − 2
// = 6. Words: the 4 activations (8 b) fit one 64-bit word, so do the 4
// weights (8 b: 32 bits; 4 b: 16 bits) and the 4 output codes (8 b): the
// DMA writes 1 ifmap and 1 filter word, the array reads each once, the
// array writes 1 ofmap word and the DMA reads it back: 1 read + 1 write per
// buffer. DRAM: 2 words read (128 bits), 1 written (64 bits).
//
// Unit costs (tech-reference values as in pe/handworked_test.go; buffers
// are 2 banks of 32 KiB: CACTI 32 KB × 64 b read 17.04 pJ, write 15.40 pJ,
// 0.0949 mm², 0.0009 mW per bank; DDR4 20 pJ/bit; logic leakage
// 8.735e-6 mW/µm²). Edge, both PEs (requantizer 32 → 8 bits): encoder
// 0.378 pJ, 735.54 µm²; partial-sum adder 32·8.67 + 2.9 = 280.34 µm².
//
//	                 mult:a8w8                        shift:a8w4
//	arith/MAC        0.200116 + 0.1088 = 0.308916     0.042 + 0.0091 + 0.1088 = 0.1599
//	regs/MAC, fold   40·0.0104 = 0.416, 16·0.0104     0.416, 8·0.0104 = 0.0832
//	                 = 0.1664
//	PE area µm²      arith 982.001195 + regs 56·7.5   arith 391.08 + regs 48·7.5
//	                 = 420: 1402.001195               = 360: 751.08
//
// Energy (pJ):
//
//	PE arithmetic    8·0.308916 = 2.471331            8·0.1599 = 1.2792
//	PE registers     8·0.416 + 4·0.1664 = 3.9936      8·0.416 + 4·0.0832 = 3.6608
//	edge             4·0.378 = 1.512                  1.512
//	each buffer      17.04 + 15.40 = 32.44            32.44
//	DRAM             192·20 = 3840                    3840
//	logic leakage    (4·1402.001195 + 2·(735.54 +     (4·751.08 + 2·1015.88)
//	                 280.34)) = 7639.764782 µm²       = 5036.08 µm²
//	                 ·8.735e-6 = 0.066733 mW ·6 ns    ·8.735e-6 = 0.043990 mW
//	                 = 0.400400                       ·6 ns = 0.263941
//	SRAM leakage     3·2·0.0009 mW·6 ns = 0.0324      0.0324
//	total            3945.729732                      3944.068341
//
// Area: PE arithmetic 4·982.001195 = 3928.004782 µm² (shift 4·391.08 =
// 1564.32), registers 4·420 = 1680 (shift 4·360 = 1440), edge 2·1015.88 =
// 2031.76, each buffer 2·0.0949 = 0.1898 mm²; total 0.577039765 mm²
// (shift 0.574436080).
//
// Metrics: pJ/MAC total/8 = 493.216216 (shift 493.008543); power total/6 ns
// = 657.621622 mW (657.344723); 8 MAC/6 ns = 1.333333 GMAC/s; per watt
// 1000·8/total = 2.027508 GMAC/J (2.028362); per mm² 1.333333/0.577040 =
// 2.310644 (2.321117). DRAM dominates so small a layer: its 192 bits cost
// more than all else together.
func TestHandWorkedLayer(t *testing.T) {
	type want struct {
		arith, regs, edge, buf, dram, logicLeak, sramLeak, total float64
		arithMM2, regsMM2, edgeMM2, bufMM2, totalMM2             float64
		pjPerMAC, powerMW, gmacPerS, perW, perMM2                float64
	}
	cases := []struct {
		spec string
		want want
	}{
		{"mult:a8w8", want{
			2.471331445, 3.9936, 1.512, 32.44, 3840, 0.400400072, 0.0324, 3945.729731517,
			3928.004782e-6, 1680e-6, 2031.76e-6, 0.1898, 0.577039765,
			493.216216440, 657.621621920, 1.333333333, 2.027508356, 2.310643763}},
		{"shift:a8w4", want{
			1.2792, 3.6608, 1.512, 32.44, 3840, 0.263940953, 0.0324, 3944.068340953,
			1564.32e-6, 1440e-6, 2031.76e-6, 0.1898, 0.574436080,
			493.008542619, 657.344723492, 1.333333333, 2.028362419, 2.321116970}},
	}
	a := handActivity()
	for _, c := range cases {
		t.Run(c.spec, func(t *testing.T) {
			d := referenceDesign(t, c.spec, handTable(t))
			r, err := evaluate(a, d)
			require.NoError(t, err)
			e, w := r.Energy, c.want
			const pj = 1e-6
			require.InDelta(t, w.arith, e[cost.EnergyPEArithmetic], pj)
			require.InDelta(t, w.regs, e[cost.EnergyPERegisters], pj)
			require.InDelta(t, w.edge, e[cost.EnergyEdgeUnits], pj)
			for _, b := range []float64{e[cost.EnergyIfmapSRAM], e[cost.EnergyFilterSRAM], e[cost.EnergyOfmapSRAM]} {
				require.InDelta(t, w.buf, b, pj)
			}
			require.InDelta(t, w.dram, e[cost.EnergyDRAM], pj)
			require.InDelta(t, w.logicLeak, e[cost.EnergyLogicLeakage], pj)
			require.InDelta(t, w.sramLeak, e[cost.EnergySRAMLeakage], pj)
			require.InDelta(t, w.total, e.Total(), pj)

			ar := r.Area
			const mm2 = 1e-9
			require.InDelta(t, w.arithMM2, ar[cost.AreaPEArithmetic], mm2)
			require.InDelta(t, w.regsMM2, ar[cost.AreaPERegisters], mm2)
			require.InDelta(t, w.edgeMM2, ar[cost.AreaEdgeUnits], mm2)
			for _, b := range []float64{ar[cost.AreaIfmapSRAM], ar[cost.AreaFilterSRAM], ar[cost.AreaOfmapSRAM]} {
				require.InDelta(t, w.bufMM2, b, mm2)
			}
			require.InDelta(t, w.totalMM2, ar.Total(), mm2)

			m := r.Metrics
			require.InDelta(t, 6.0, m.ElapsedNs, 1e-12)
			require.InDelta(t, w.pjPerMAC, m.PJPerMAC, pj)
			require.InDelta(t, w.powerMW, m.PowerMW, pj)
			require.InDelta(t, w.gmacPerS, m.GMACPerS, pj)
			require.InDelta(t, w.perW, m.GMACPerSPerW, pj)
			require.InDelta(t, w.perMM2, m.GMACPerSPerMM2, pj)
		})
	}
}

// TestHandWorkedActivityFromMapping checks that the mapping gives the
// array-side counts and the cycles worked out by hand above.
func TestHandWorkedActivityFromMapping(t *testing.T) {
	m, err := dataflow.NewMapping(workloads.GEMM{P: 2, K: 2, N: 2, Count: 1}, dataflow.Array{Rows: 2, Cols: 2}, dataflow.WS)
	require.NoError(t, err)
	want := handActivity()
	got := cost.ArrayActivity(m)
	require.Equal(t, cost.Activity{MACs: want.MACs, FoldPEs: want.FoldPEs, Outputs: want.Outputs, PsumAdds: want.PsumAdds}, got)
	require.Equal(t, want.Cycles, m.Cycles(dataflow.Pipelined))
}
