package cost_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/tech"
	"github.com/logsim/logsim/workloads"
	"github.com/stretchr/testify/require"
)

// busyActivity has every count nonzero and distinct, so a term priced with
// the wrong count or left out changes the result.
func busyActivity() cost.Activity {
	return cost.Activity{
		MACs: 1_000_003, FoldPEs: 4_099, Outputs: 20_011, PsumAdds: 7_013, VectorOps: 3_001,
		Ifmap:        cost.BufferAccess{ReadWords: 50_021, WriteWords: 30_011},
		Filter:       cost.BufferAccess{ReadWords: 2_003, WriteWords: 1_999},
		Ofmap:        cost.BufferAccess{ReadWords: 9_001, WriteWords: 11_003},
		DRAMReadBits: 4_000_037, DRAMWriteBits: 1_000_033, Cycles: 123_457,
	}
}

// TestBreakdownSumsToTotal checks, for every PE kind, dataflow and timing,
// that the components sum to the total, and that the totals equal the
// energy and area grouped another way: MACs × the PE's whole per-MAC
// energy; the logic area as R·C whole PEs plus C columns of edge units,
// and its leakage as that area times the table's leakage density.
func TestBreakdownSumsToTotal(t *testing.T) {
	tb := handTable(t)
	a := busyActivity()
	for _, spec := range []string{"mult:a8w8", "shift:a8w4", "logboth:a4w4", "mult:fp16"} {
		for _, df := range []dataflow.Dataflow{dataflow.OS, dataflow.WS, dataflow.IS} {
			for _, tm := range []dataflow.Timing{dataflow.Pipelined, dataflow.ScaleSim} {
				d := referenceDesign(t, spec, tb)
				d.Array, d.Dataflow, d.Timing, d.ClockMHz = dataflow.Array{Rows: 4, Cols: 3}, df, tm, 700
				d.Ofmap = cost.SRAM{CapacityKiB: 128, WordBits: 128, Banks: 4}
				e, err := energyOf(a, d)
				require.NoError(t, err)
				ar, err := areaOf(d)
				require.NoError(t, err)
				msg := []any{"%s %v %v", spec, df, tm}
				logicUM2, sramMM2 := independentAreas(t, d)
				require.InEpsilon(t, logicUM2*1e-6+sramMM2, ar.Total(), 1e-12, msg...)
				require.InEpsilon(t, independentTotalPJ(t, a, d, logicUM2), e.Total(), 1e-12, msg...)
			}
		}
	}
}

// independentAreas is the logic area (µm²: R·C whole PEs, C columns of
// encoder and partial-sum adder) and the buffers' area (mm²) of d.
func independentAreas(t *testing.T, d cost.Design) (logicUM2, sramMM2 float64) {
	c, err := cost.PEOf(d.PE, d.Tech, d.Dataflow, d.Timing)
	require.NoError(t, err)
	r, cols := float64(d.Array.Rows), float64(d.Array.Cols)
	logicUM2 = r*cols*c.Area.TotalUM2() + cols*(c.Edge.EncoderUM2+c.Edge.PsumAdderUM2)
	for _, s := range []cost.SRAM{d.Ifmap, d.Filter, d.Ofmap} {
		a, err := s.AreaMM2(d.Tech)
		require.NoError(t, err)
		sramMM2 += a
	}
	return logicUM2, sramMM2
}

// independentTotalPJ prices a on d grouped differently from Energy.
func independentTotalPJ(t *testing.T, a cost.Activity, d cost.Design, logicUM2 float64) float64 {
	c, err := cost.PEOf(d.PE, d.Tech, d.Dataflow, d.Timing)
	require.NoError(t, err)
	dyn := float64(a.MACs)*c.PerMAC.TotalPJ() + float64(a.FoldPEs)*c.FoldPJPerPE +
		float64(a.Outputs)*c.Edge.EncoderPJ + float64(a.PsumAdds)*c.Edge.PsumAdderPJ
	sramMW := 0.0
	for _, b := range []struct {
		s cost.SRAM
		n cost.BufferAccess
	}{{d.Ifmap, a.Ifmap}, {d.Filter, a.Filter}, {d.Ofmap, a.Ofmap}} {
		rmw, err := b.s.ReadModifyWritePJ(d.Tech)
		require.NoError(t, err)
		wr, err := b.s.WritePJ(d.Tech)
		require.NoError(t, err)
		// reads·(read+write) + (writes − reads)·write = reads·read + writes·write
		dyn += float64(b.n.ReadWords)*rmw + float64(b.n.WriteWords-b.n.ReadWords)*wr
		l, err := b.s.LeakageMW(d.Tech)
		require.NoError(t, err)
		sramMW += l
	}
	dyn += float64(a.DRAMReadBits+a.DRAMWriteBits) * d.DRAMPJPerBit
	tb := d.Tech // a vector operation: a 32-bit add, a 16×16 multiply, a 32-bit register write
	dyn += float64(a.VectorOps) * (tb.AdderEnergyPJ(32) + tb.MultEnergyPJ(16, 16) + tb.RegisterWriteEnergyPJ(32))
	ns := float64(a.Cycles) / d.ClockMHz * 1e3
	return dyn + (d.Tech.LogicLeakageMW(logicUM2)+sramMW)*ns
}

// TestShiftArraySmallerThanMult: at equal operand bits the shift PE
// replaces the multiplier by a barrel shifter and sign XORs, so its array
// is smaller. By hand (45 nm, N = √(a·w), multiplier 8.28·N^2.135 µm²;
// shifter N_out·S·1.97 µm², sign N_out·2.0 µm²):
//
//	a8w8  mult 701.66 µm²          shift 32·7 mux bits 441.28 + 64 = 505.28
//	a8w4  mult 8.28·√32^2.135 = 334.8   shift 14·3 mux bits 82.74 + 28 = 110.74
//	a4w4  mult 8.28·4^2.135 = 159.8     shift 10·3 mux bits 59.1 + 20 = 79.1
//
// The accumulators and register bits are equal, so the whole array is
// smaller too.
func TestShiftArraySmallerThanMult(t *testing.T) {
	cases := []struct {
		bits              string
		multUM2, shiftUM2 float64 // multiplier vs shifter + sign, hand values above
	}{
		{"a8w8", 701.661, 505.28},
		{"a8w4", 334.8, 110.74},
		{"a4w4", 159.8, 79.1},
	}
	tb := handTable(t)
	const pes, accUM2 = 4, 32*8.67 + 2.9
	for _, c := range cases {
		mult, err := areaOf(referenceDesign(t, "mult:"+c.bits, tb))
		require.NoError(t, err)
		shift, err := areaOf(referenceDesign(t, "shift:"+c.bits, tb))
		require.NoError(t, err)
		require.InEpsilon(t, pes*(c.multUM2+accUM2)*1e-6, mult[cost.AreaPEArithmetic], 1e-3, c.bits)
		require.InEpsilon(t, pes*(c.shiftUM2+accUM2)*1e-6, shift[cost.AreaPEArithmetic], 1e-3, c.bits)
		require.Less(t, shift[cost.AreaPEArithmetic], mult[cost.AreaPEArithmetic], c.bits)
		require.Equal(t, mult[cost.AreaPERegisters], shift[cost.AreaPERegisters], c.bits)
		require.Less(t, shift.Total(), mult.Total(), c.bits)
	}
}

// TestCornersOrderEnergy: at the low (high) corner every constant is at
// the low (high) end of its range (tech.Constants), so energy and area are
// ordered low ≤ nominal ≤ high. By hand on the aladdin table: mult:a8w8
// arithmetic per MAC is the 8×8 multiplier plus the 32-bit accumulator —
// nominal 8.625·1.15/16 + 0.0856·1.15 = 0.619921875 + 0.09844 =
// 0.718361875 pJ; low Horowitz's 0.2 + 0.09844 (Aladdin's 5 ns adder is
// the lowest estimate) = 0.29844; high Aladdin's 1 ns rows 12.683·1.15/16
// + 0.2104·1.15 = 0.911590625 + 0.24196 = 1.153550625. shift:a8w4 is 42
// mux bits, 14 sign XORs (0.018·1.15/32 = 6.46875e-4 pJ each) and the
// accumulator — nominal 42·0.4165·1.15/160 + 0.00905625 + 0.09844 =
// 0.233227188; low 42·0.13/160 (ShiftAddNet 32 b) + 0.00905625 + 0.09844
// = 0.14162125; high 42·0.8055·1.15/160 (older Aladdin) + 0.00905625 +
// 0.24196 = 0.494176563. The ends of the ranges are the same for every
// source; the horowitz table's nominal is its multiplier fit 3.28e-3·8^1.977
// = 0.200116431 pJ and 32·3.4e-3 = 0.1088 pJ for the adder: mult:a8w8
// 0.308916431; shift:a8w4 42·0.024/(8·3) (ShiftAddNet FIX8) + 0.00905625
// + 0.1088 = 0.15985625. Horowitz's areas (8×8 multiplier 282 µm², 8/32-bit
// adders 36/137) are the low ends of their ranges, so its nominal area is
// its low corner's.
func TestCornersOrderEnergy(t *testing.T) {
	busy := cost.Activity{MACs: 1_000_000, FoldPEs: 4_000, Outputs: 1_000, DRAMReadBits: 80_000,
		Ifmap: cost.BufferAccess{ReadWords: 1_000, WriteWords: 0}, Cycles: 250_000}
	cases := []struct {
		src         tech.Source
		spec        string
		lo, nom, hi float64 // arithmetic pJ per MAC, by hand above
		areaAtLow   bool    // nominal area is the low corner's
	}{
		{tech.Aladdin, "mult:a8w8", 0.29844, 0.718361875, 1.153550625, false},
		{tech.Aladdin, "shift:a8w4", 0.14162125, 0.233227188, 0.494176563, false},
		{tech.Horowitz, "mult:a8w8", 0.29844, 0.308916431, 1.153550625, true},
		{tech.Horowitz, "shift:a8w4", 0.14162125, 0.15985625, 0.494176563, true},
	}
	at := func(t *testing.T, src tech.Source, spec string, c tech.Corner) cost.Report {
		tb, err := tech.ForSource(src, c)
		require.NoError(t, err)
		r, err := evaluate(busy, referenceDesign(t, spec, tb))
		require.NoError(t, err)
		return r
	}
	for _, c := range cases {
		t.Run(string(c.src)+" "+c.spec, func(t *testing.T) {
			lo, nom, hi := at(t, c.src, c.spec, tech.Low), at(t, c.src, c.spec, tech.Nominal), at(t, c.src, c.spec, tech.High)
			require.InDelta(t, 1e6*c.lo, lo.Energy[cost.EnergyPEArithmetic], 1e-3)
			require.InDelta(t, 1e6*c.nom, nom.Energy[cost.EnergyPEArithmetic], 1e-3)
			require.InDelta(t, 1e6*c.hi, hi.Energy[cost.EnergyPEArithmetic], 1e-3)
			require.Less(t, lo.Energy.Total(), nom.Energy.Total())
			require.Less(t, nom.Energy.Total(), hi.Energy.Total())
			if c.areaAtLow {
				require.Equal(t, lo.Area, nom.Area)
			} else {
				require.Less(t, lo.Area.Total(), nom.Area.Total())
			}
			require.Less(t, nom.Area.Total(), hi.Area.Total())
			require.Greater(t, hi.Energy[cost.EnergyIfmapSRAM], nom.Energy[cost.EnergyIfmapSRAM]) // Horowitz SRAM above CACTI
		})
	}
}

// TestEnergyIsLinearInActivity: pricing two layers one after the other
// (Add) costs the sum of pricing each, component by component, and Add
// sums every field.
func TestEnergyIsLinearInActivity(t *testing.T) {
	d := referenceDesign(t, "shift:a8w4", handTable(t))
	d.VectorLanes = 3
	ddr4, err := spec.Preset(spec.PresetDDR4)
	require.NoError(t, err)
	cmds, err := spec.CommandEnergyOf(ddr4)
	require.NoError(t, err)
	d.DRAMCommands, d.DRAMRanks = &cmds, 2
	a, b := busyActivity(), handActivity()
	a.DRAMActivates, a.DRAMReadBursts, a.DRAMWriteBursts, a.DRAMRefreshes = 7, 30, 11, 2
	b.DRAMActivates, b.DRAMReadBursts, b.DRAMWriteBursts, b.DRAMRefreshes = 1, 2, 1, 1
	ab := a.Add(b)
	va, vb, vab := reflect.ValueOf(a), reflect.ValueOf(b), reflect.ValueOf(ab)
	for i := 0; i < vab.NumField(); i++ {
		require.Equal(t, addFields(va.Field(i), vb.Field(i)), sumFields(vab.Field(i)), vab.Type().Field(i).Name)
	}
	ea, err := energyOf(a, d)
	require.NoError(t, err)
	eb, err := energyOf(b, d)
	require.NoError(t, err)
	eab, err := energyOf(ab, d)
	require.NoError(t, err)
	for _, part := range cost.EnergyParts() {
		require.InEpsilon(t, ea[part]+eb[part], eab[part], 1e-12, part.String())
	}
}

// addFields sums the int64 leaves of two values of the same type.
func addFields(x, y reflect.Value) int64 { return sumFields(x) + sumFields(y) }

// sumFields sums the int64 leaves of v (an int64 or a struct of them).
func sumFields(v reflect.Value) int64 {
	if v.Kind() == reflect.Int64 {
		return v.Int()
	}
	s := int64(0)
	for i := 0; i < v.NumField(); i++ {
		s += sumFields(v.Field(i))
	}
	return s
}

// TestArrayActivity works the array-side counts of an FC layer P = 5,
// K = 3, N = 4 on a 2×2 array by hand, fold by fold:
//
//	WS  rows K = 3 (2 + 1), cols N = 4 (2 + 2), T = P = 5: folds use
//	    2·2, 1·2, 2·2, 1·2 PEs = 12 = K·N; outputs P·N = 20; the second row
//	    fold adds to the first's partial sums: 5·4 = 20 additions
//	OS  rows P = 5 (2 + 2 + 1), cols N = 4 (2 + 2): 20 PEs = P·N; 20 outputs,
//	    no partial sums leave the array
//	IS  rows K = 3 (2 + 1), cols P = 5 (2 + 2 + 1), T = N = 4: 15 = K·P;
//	    outputs 20; partial-sum additions 4·5 = 20
//
// MACs 5·3·4 = 60. Count = 2 doubles every count.
func TestArrayActivity(t *testing.T) {
	cases := []struct {
		df    dataflow.Dataflow
		count int
		want  cost.Activity
	}{
		{dataflow.WS, 1, cost.Activity{MACs: 60, FoldPEs: 12, Outputs: 20, PsumAdds: 20}},
		{dataflow.OS, 1, cost.Activity{MACs: 60, FoldPEs: 20, Outputs: 20, PsumAdds: 0}},
		{dataflow.IS, 1, cost.Activity{MACs: 60, FoldPEs: 15, Outputs: 20, PsumAdds: 20}},
		{dataflow.WS, 2, cost.Activity{MACs: 120, FoldPEs: 24, Outputs: 40, PsumAdds: 40}},
	}
	for _, c := range cases {
		m, err := dataflow.NewMapping(workloads.GEMM{P: 5, K: 3, N: 4, Count: c.count}, dataflow.Array{Rows: 2, Cols: 2}, c.df)
		require.NoError(t, err)
		got := cost.ArrayActivity(m)
		require.Equal(t, c.want, got, "%v ×%d", c.df, c.count)
		used := int64(0) // the same by walking the folds
		for i := 0; i < m.Folds(); i++ {
			f := m.Fold(i)
			used += int64(f.UsedRows * f.UsedCols)
		}
		require.Equal(t, used, got.FoldPEs, "%v ×%d", c.df, c.count)
	}
}

// TestMetricsWithoutWork: a run with no cycles, MACs or area gives zeros,
// never NaN or Inf; PJToUJ divides by 10⁶.
func TestMetricsWithoutWork(t *testing.T) {
	require.Equal(t, cost.Metrics{}, cost.MetricsOf(cost.Activity{}, cost.Energy{}, cost.Area{}, 1000))
	m := cost.MetricsOf(cost.Activity{MACs: 10}, cost.Energy{cost.EnergyDRAM: 5}, cost.Area{}, 0)
	require.Equal(t, cost.Metrics{PJPerMAC: 0.5}, m)
	require.Equal(t, 2.5, cost.PJToUJ(2.5e6))
}

// TestErrors: bad input gives an error naming what is wrong.
func TestErrors(t *testing.T) {
	ok := func(t *testing.T) cost.Design { return referenceDesign(t, "mult:a8w8", handTable(t)) }
	cases := []struct {
		name   string
		modify func(*cost.Design)
		want   string
	}{
		{"dram energy", func(d *cost.Design) { d.DRAMPJPerBit = -1 }, "DRAM energy -1 pJ/bit"},
		{"clock", func(d *cost.Design) { d.ClockMHz = 0 }, "clock 0 MHz: must be positive"},
		{"array", func(d *cost.Design) { d.Array.Cols = 0 }, "array must be at least 1×1, got 2×0"},
		{"banks", func(d *cost.Design) { d.Filter.Banks = 0 }, "filter buffer: SRAM of 64 KiB: banks 0"},
		{"word", func(d *cost.Design) { d.Ofmap.WordBits = 0 }, "ofmap buffer"},
		{"size", func(d *cost.Design) { d.Ifmap.CapacityKiB = -1 }, "ifmap buffer"},
		{"tech", func(d *cost.Design) { d.Tech = tech.Table{} }, "technology table not set"},
		{"pe", func(d *cost.Design) { d.PE.ABits = 1 }, "PE mult:a1w8"},
		{"dataflow", func(d *cost.Design) { d.Dataflow = dataflow.Dataflow(7) }, "unknown dataflow"},
		{"timing", func(d *cost.Design) { d.Timing = dataflow.Timing(9) }, "unknown timing mode"},
	}
	for _, c := range cases {
		d := ok(t)
		c.modify(&d)
		_, err := energyOf(handActivity(), d)
		require.ErrorContains(t, err, c.want, c.name)
		_, err = areaOf(d)
		require.ErrorContains(t, err, c.want, c.name)
		_, err = evaluate(handActivity(), d)
		require.ErrorContains(t, err, c.want, c.name)
	}
	a := handActivity()
	a.Ofmap.WriteWords = -2
	_, err := energyOf(a, ok(t))
	require.EqualError(t, err, "activity: Ofmap.WriteWords = -2: must not be negative")
}

// EstimateCycles by hand: a tiling of 4 tiles whose folds take 1000 cycles
// and whose 25 600 DRAM bytes (2048 + 512 in the first tile's ifmap and
// filter) go at 25.6 B/cycle with a 100-cycle latency: max(1000, 4·100 +
// 1000) + 100 + 100 = 1600; with the filter prefetched, 1580. With an ideal DRAM (unlimited bandwidth, no latency) only
// the folds remain. The energy objective prices the same activity as a
// simulated layer (ActivityOf), with leakage over those cycles.
func TestTileObjectiveEstimates(t *testing.T) {
	d := referenceDesign(t, "mult:a8w8", handTable(t))
	d.DRAMBytesPerCycle, d.DRAMLatencyCycles = 25.6, 100
	p, err := cost.PricesOf(d)
	require.NoError(t, err)
	c := dataflow.TileCost{Cycles: 1000, Tiles: 4, Activity: dataflow.TileActivity{
		MACs: 8000, FoldPEs: 16, DRAM: dataflow.DRAMBytes{IfmapRead: 15600, FilterRead: 2000, OfmapWrite: 8000},
		FirstIfmapBytes: 2048, FirstFilterBytes: 512}}
	require.InDelta(t, 1600, p.EstimateCycles(c), 1e-9)
	dp := d
	dp.Prefetch = true
	pp, err := cost.PricesOf(dp)
	require.NoError(t, err)
	require.InDelta(t, 1580, pp.EstimateCycles(c), 1e-9)
	e, err := p.Energy(cost.ActivityOf(c.Activity, 1600))
	require.NoError(t, err)
	require.InDelta(t, e.Total(), p.EstimateEnergy(c), 1e-9)
	require.InDelta(t, 8*25600*20.0, e[cost.EnergyDRAM], 1e-6)
	for name, want := range map[string]float64{"traffic": 25600 * 8, "cycles": 1600, "energy": e.Total(), "edp": e.Total() * 1600} {
		d.TileObjective = name
		p, err := cost.PricesOf(d)
		require.NoError(t, err)
		obj, err := p.TileObjective()
		require.NoError(t, err)
		require.InDelta(t, want, obj.Score(dataflow.TileCost{Cycles: c.Cycles, Tiles: c.Tiles, Activity: c.Activity,
			DRAM: dataflow.DRAMBits{IfmapRead: 15600 * 8, FilterRead: 2000 * 8, OfmapWrite: 8000 * 8}}), 1e-6, name)
	}
	d.DRAMBytesPerCycle, d.DRAMLatencyCycles = math.Inf(1), 0
	p, err = cost.PricesOf(d)
	require.NoError(t, err)
	require.InDelta(t, 1000, p.EstimateCycles(c), 1e-9)
}

// A vector lane by hand (45 nm nominal): 32-bit adder 32·3.4e-3 = 0.1088
// pJ, 16×16 multiplier 3.28e-3·16^1.977 = 0.78781 pJ, 32-bit register
// write 32·0.0104 = 0.3328 pJ: 1.22941 pJ per operation; area 8.67·32 +
// 2.9 = 280.34 + 8.28·16^2.135 = 3081.96 + 32·7.5 = 240 µm²: 3602.30 µm²,
// leaking 8.735e-6 mW/µm² × that = 0.031466 mW. Lanes add area, leakage
// and, per operation, that energy; no lanes, none.
func TestVectorUnitByHand(t *testing.T) {
	v := cost.VectorOf(handTable(t))
	require.InDelta(t, 1.229405574, v.OpPJ, 1e-9)
	require.InDelta(t, 3602.296466, v.AreaUM2, 1e-6)
	require.InDelta(t, 0.031466060, v.LeakageMW, 1e-9)
	d := referenceDesign(t, "mult:a8w8", handTable(t))
	without, err := evaluate(cost.Activity{VectorOps: 1000, Cycles: 1000}, d)
	require.NoError(t, err)
	d.VectorLanes = 32
	with, err := evaluate(cost.Activity{VectorOps: 1000, Cycles: 1000}, d)
	require.NoError(t, err)
	require.InDelta(t, 1229.405574, with.Energy[cost.EnergyVectorUnit], 1e-6)
	require.InDelta(t, 32*3602.296466e-6, with.Area[cost.AreaVectorUnit], 1e-9)
	require.Zero(t, without.Area[cost.AreaVectorUnit])
	require.InDelta(t, 32*v.LeakageMW*1000, with.Energy[cost.EnergyLogicLeakage]-without.Energy[cost.EnergyLogicLeakage], 1e-9)
}

// TestDRAMCommandsByHand prices DDR4-3200 commands (their energies worked
// by hand in spec.TestCommandEnergyByHand: ACT 4200, RD 2784, WR 2352,
// REF 665280 pJ, standby 499.2 mW, power-down 240 mW per rank) over 1000
// cycles at 1 GHz on 2 ranks: 3 activates, 10 reads, 4 writes, 1 refresh:
// access 3·4200 + 10·2784 + 4·2352 = 49848 pJ, refresh 665280 pJ,
// background 2·499.2 mW·1000 ns = 998400 pJ (power-down 480000). Priced
// per bit instead, the 896 bits cost 896·20 = 17920 pJ.
func TestDRAMCommandsByHand(t *testing.T) {
	ddr4, err := spec.Preset(spec.PresetDDR4)
	require.NoError(t, err)
	cmds, err := spec.CommandEnergyOf(ddr4)
	require.NoError(t, err)
	a := cost.Activity{DRAMActivates: 3, DRAMReadBursts: 10, DRAMWriteBursts: 4, DRAMRefreshes: 1,
		DRAMReadBits: 640, DRAMWriteBits: 256, Cycles: 1000}
	tb := handTable(t)
	d := referenceDesign(t, "mult:a8w8", tb)
	d.DRAMCommands, d.DRAMRanks = &cmds, 2
	e, err := energyOf(a, d)
	require.NoError(t, err)
	require.InDelta(t, 49848, e[cost.EnergyDRAM], 1e-6)
	require.InDelta(t, 665280, e[cost.EnergyDRAMRefresh], 1e-6)
	require.InDelta(t, 998400, e[cost.EnergyDRAMBackground], 1e-6)

	d.Tech.DRAM = tech.DRAMModel{PerBit: true, BackgroundPowerDown: true}
	e, err = energyOf(a, d)
	require.NoError(t, err)
	require.InDelta(t, 17920, e[cost.EnergyDRAM], 1e-6)
	require.InDelta(t, 480000, e[cost.EnergyDRAMBackground], 1e-6)

	// The tiler's estimate: 640 b = 2 read bursts, 256 b = 1 write burst,
	// 896 b within one 65536-bit row = 1 activate; 1000 ns / (12480·0.625
	// ns) · 2 ranks = 0.256 → 0 refreshes.
	p, err := cost.PricesOf(d)
	require.NoError(t, err)
	est := p.EstimateDRAMCommands(cost.Activity{DRAMReadBits: 640, DRAMWriteBits: 256, Cycles: 1000})
	require.Equal(t, [4]int64{1, 2, 1, 0}, [4]int64{est.DRAMActivates, est.DRAMReadBursts, est.DRAMWriteBursts, est.DRAMRefreshes})
}

// TestEnergyBoundIsEnergyOfItsActivity checks the energy objective's bound
// against Energy itself: it must equal the total Energy gives for the
// activity the bound counts (the MACs, the unpacked DRAM bits, the bound
// on cycles, DRAM commands estimated from those) to the last bit, and so
// stay below the candidate's score; a bound computed any other way (one
// inflated or missing a term) fails here.
func TestEnergyBoundIsEnergyOfItsActivity(t *testing.T) {
	ddr4, err := spec.Preset(spec.PresetDDR4)
	require.NoError(t, err)
	cmds, err := spec.CommandEnergyOf(ddr4)
	require.NoError(t, err)
	costs := []dataflow.TileCost{
		{Cycles: 1000, Tiles: 4, Activity: dataflow.TileActivity{MACs: 8000, FoldPEs: 16,
			DRAM: dataflow.DRAMBytes{IfmapRead: 15600, FilterRead: 2000, OfmapWrite: 8000}, FirstIfmapBytes: 2048}},
		{Cycles: 7, Tiles: 1_003, Activity: dataflow.TileActivity{MACs: 1_000_003, FoldPEs: 4_099,
			DRAM: dataflow.DRAMBytes{IfmapRead: 77_777, FilterRead: 12_345, PsumRead: 999, PsumWrite: 1_001, OfmapWrite: 54_321}}},
		{Cycles: 123_456_789, Tiles: 3, Activity: dataflow.TileActivity{MACs: 987_654_321}},
	}
	for _, pe := range []string{"mult:a8w8", "shift:a8w4", "logboth:a4w4"} {
		for _, withCommands := range []bool{false, true} {
			d := referenceDesign(t, pe, handTable(t))
			d.Array, d.VectorLanes, d.ClockMHz = dataflow.Array{Rows: 16, Cols: 32}, 8, 700
			d.DRAMBytesPerCycle, d.DRAMLatencyCycles = 12.8, 60
			if withCommands {
				d.DRAMCommands, d.DRAMRanks = &cmds, 2
			}
			for _, c := range costs {
				c.DRAM = dataflow.DRAMBits{IfmapRead: 8 * c.Activity.DRAM.IfmapRead, FilterRead: 8 * c.Activity.DRAM.FilterRead,
					PsumRead: 8 * c.Activity.DRAM.PsumRead, PsumWrite: 8 * c.Activity.DRAM.PsumWrite, OfmapWrite: 8 * c.Activity.DRAM.OfmapWrite}
				cycles := math.Max(float64(c.Cycles), float64(c.Tiles)*60+float64(c.DRAM.Total())/8/12.8) + 60
				d.TileObjective = "energy"
				p, err := cost.PricesOf(d)
				require.NoError(t, err)
				e, err := p.Energy(p.EstimateDRAMCommands(cost.Activity{MACs: c.MACs, Cycles: int64(cycles),
					DRAMReadBits: c.DRAM.IfmapRead + c.DRAM.FilterRead + c.DRAM.PsumRead, DRAMWriteBits: c.DRAM.PsumWrite + c.DRAM.OfmapWrite}))
				require.NoError(t, err)
				obj, err := p.TileObjective()
				require.NoError(t, err)
				require.Equal(t, e.Total(), obj.Bound(c.BoundTerms()), "%s, commands %v, %+v", pe, withCommands, c)
				require.Less(t, obj.Bound(c.BoundTerms()), obj.Score(c))
				d.TileObjective = "edp"
				p, err = cost.PricesOf(d)
				require.NoError(t, err)
				edp, err := p.TileObjective()
				require.NoError(t, err)
				require.Equal(t, e.Total()*cycles, edp.Bound(c.BoundTerms()))
				require.Less(t, edp.Bound(c.BoundTerms()), edp.Score(c))
			}
		}
	}
}
