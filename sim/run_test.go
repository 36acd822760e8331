package sim

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/sarchlab/akita/v3/tracing"
	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/sim/controller"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

func zoo() []workloads.Network {
	return []workloads.Network{workloads.AlexNet(1), workloads.ResNet18(1), workloads.MobileNetV2(1), workloads.BERTBase(1)}
}

func withDRAM(cfg dram.Config) design.Point {
	d := design.Default()
	d.DRAM = cfg
	return d
}

func bandwidthDRAM(gbps float64) dram.Config {
	lat := 100.0
	return dram.Config{Model: dram.ModelBandwidth, BandwidthGBps: gbps, LatencyNS: &lat}
}

func run(t *testing.T, net workloads.Network, d design.Point) NetworkResult {
	t.Helper()
	r, err := d.Resolve()
	require.NoError(t, err)
	res, err := Run(net, r, RunOptions{})
	require.NoError(t, err, net.Name)
	return res
}

// With ideal DRAM the memory never holds the array up: every layer's
// cycles, less its prologue (the first fill), are exactly the stall-free
// cycles of its fold schedule as dataflow computes them — and, for a layer
// that needs no tiling, the layer's own dataflow cycles.
func TestIdealDRAMAddsOnlyThePrologue(t *testing.T) {
	for _, mode := range []dataflow.Timing{dataflow.Pipelined, dataflow.ScaleSim} {
		d := withDRAM(dram.Config{Model: dram.ModelIdeal})
		d.Timing = mode
		for _, net := range zoo() {
			res := run(t, net, d)
			for _, l := range res.Layers {
				require.Zero(t, l.StallCycles(), "%s %s", net.Name, l.Layer.Name)
				tl, err := dataflow.TileLayer(l.Layer, d.Array, d.Dataflow, platformSpace(t, d), d.OperandBits(), mode, objective(t, d))
				require.NoError(t, err)
				require.Equal(t, tl.Cycles(mode), l.TotalCycles-l.PrologueCycles, "%s %s", net.Name, l.Layer.Name)
				if l.Tiles == 1 {
					require.Equal(t, l.Mapping.Cycles(mode), l.TotalCycles-l.PrologueCycles, "%s %s", net.Name, l.Layer.Name)
				}
			}
		}
	}
}

func platformSpace(t *testing.T, d design.Point) dataflow.BufferSpace {
	p, err := buildPlatform(design.MustResolve(d), RunOptions{})
	require.NoError(t, err)
	return p.space()
}

// objective is the tiling objective a run of d uses.
func objective(t *testing.T, d design.Point) dataflow.Objective {
	p, err := cost.PricesFor(design.MustResolve(d))
	require.NoError(t, err)
	obj, err := p.TileObjective()
	require.NoError(t, err)
	return obj
}

// DRAM reads cover every tensor at least once — for the input, every
// element some output depends on: a convolution whose stride exceeds its
// filter (ResNet's 1×1 stride-2 downsampling) never needs some input rows
// and columns, and logsim does not load rows no output needs — and every
// final output is written exactly once.
func TestDRAMTrafficCoversEveryTensor(t *testing.T) {
	d := withDRAM(bandwidthDRAM(25.6))
	bits := d.OperandBits()
	for _, net := range zoo() {
		res := run(t, net, d)
		for _, l := range res.Layers {
			ts := l.Layer.Tensors()
			name := net.Name + " " + l.Layer.Name
			require.GreaterOrEqual(t, l.DRAMBytes.IfmapRead, memory.BytesPacked(neededInput(l.Layer), bits.Ifmap), name)
			require.GreaterOrEqual(t, l.DRAMBytes.FilterRead, memory.BytesPacked(ts.Filter, bits.Filter), name)
			require.GreaterOrEqual(t, l.DRAMBytes.OfmapWrite, memory.BytesPacked(ts.Ofmap, bits.Ofmap), name)
			require.Equal(t, l.DRAMBytes.PsumWrite, l.DRAMBytes.PsumRead, name+": every spilled partial sum is read back")
		}
	}
}

// neededInput counts the input elements at least one output reads: the
// distinct rows times the distinct columns its windows touch (padding
// excluded), times channels and batch. A matmul needs all of its input.
func neededInput(l workloads.Layer) int64 {
	if l.Kind != workloads.KindConv {
		return l.Tensors().Ifmap
	}
	c := l.Conv
	rows := touched(c.H, c.OutH(), c.StrideH, c.PadH, c.Kh)
	cols := touched(c.W, c.OutW(), c.StrideW, c.PadW, c.Kw)
	return int64(rows) * int64(cols) * int64(c.Cin) * int64(c.Batch)
}

func touched(in, out, stride, pad, k int) int {
	seen := make([]bool, in)
	n := 0
	for o := 0; o < out; o++ {
		for i := o*stride - pad; i < o*stride-pad+k; i++ {
			if i >= 0 && i < in && !seen[i] {
				seen[i], n = true, n+1
			}
		}
	}
	return n
}

// No layer beats its compute cycles or the time its DRAM reads take at
// peak bandwidth (its last write-back may finish in the next layer's
// prologue; without prefetch, since a prefetched filter tile is read during
// the layer before), and no network beats the time all its DRAM bytes
// take: with the bandwidth model and with the bank-level fast model.
func TestTotalCyclesRespectComputeAndBandwidthBounds(t *testing.T) {
	for _, cfg := range []dram.Config{bandwidthDRAM(6.4), bandwidthDRAM(25.6),
		{Model: dram.ModelFast, Preset: "DDR4-3200"}, {Model: dram.ModelFast, Preset: "HBM2"}} {
		gbps := cfg.BandwidthGBps
		if cfg.Model == dram.ModelFast {
			r, err := dram.Resolve(cfg)
			require.NoError(t, err)
			gbps = r.PeakGBps()
		}
		for _, prefetch := range []bool{false, true} {
			if prefetch && cfg.Preset == "HBM2" || prefetch && gbps == 25.6 && cfg.Model == dram.ModelBandwidth {
				continue // the network bound with prefetch: two DRAMs are enough
			}
			d := withDRAM(cfg)
			d.Prefetch = prefetch
			bytesPerCycle := gbps * 1e9 / (d.ClockMHz * 1e6)
			for _, net := range zoo() {
				res := run(t, net, d)
				for _, l := range res.Layers {
					bound := float64(l.ComputeCycles)
					if !prefetch {
						bound = max(bound, float64(l.DRAMBytes.Read())/bytesPerCycle)
					}
					require.GreaterOrEqual(t, float64(l.TotalCycles), math.Floor(bound), "%s %s at %g GB/s", net.Name, l.Layer.Name, gbps)
				}
				tot := res.Totals()
				bound := max(float64(tot.ComputeCycles), float64(tot.DRAMBytes.Total())/bytesPerCycle)
				require.GreaterOrEqual(t, float64(tot.TotalCycles), math.Floor(bound), "%s at %g GB/s", net.Name, gbps)
			}
		}
	}
}

// With the tiling held fixed (the traffic objective, whose choice does not
// depend on the bandwidth or on prices), more DRAM bandwidth never adds
// cycles. (The other objectives choose tilings from estimates that
// depend on the bandwidth, and an estimate's choice can cost a few cycles
// more in the simulation.)
func TestMoreBandwidthNeverAddsCycles(t *testing.T) {
	for _, net := range zoo() {
		prev := int64(math.MaxInt64)
		for _, gbps := range []float64{3.2, 6.4, 12.8, 25.6, 51.2, 409.6} {
			d := withDRAM(bandwidthDRAM(gbps))
			d.TileObjective = design.TileTraffic
			total := run(t, net, d).Totals().TotalCycles
			require.LessOrEqual(t, total, prev, "%s at %g GB/s", net.Name, gbps)
			prev = total
		}
	}
}

func TestBiggerBuffersNeverAddTraffic(t *testing.T) {
	for _, net := range zoo() {
		prev := int64(math.MaxInt64)
		for _, kib := range []int{8, 16, 32, 64, 128, 512} {
			d := withDRAM(dram.Config{Model: dram.ModelIdeal})
			d.IfmapKiB, d.FilterKiB, d.OfmapKiB = kib, kib, kib
			traffic := run(t, net, d).Totals().DRAMBytes.Total()
			require.LessOrEqual(t, traffic, prev, "%s at %d KiB", net.Name, kib)
			prev = traffic
		}
	}
}

// TestNoFoldStartsBeforeItsOperandsArrive reads the trace: every DMA load
// (its end, as the DMA saw it) must come before the first cycle any fold of
// the tiles using it needs that operand (its start plus the operand's need
// offset, dataflow.Timer.Window). Tiny buffers and slow DRAM make loads
// late and many.
func TestNoFoldStartsBeforeItsOperandsArrive(t *testing.T) {
	for _, cfg := range []dram.Config{bandwidthDRAM(3.2), {Model: dram.ModelFast, Preset: "LPDDR4-4266"}} {
		checkOperandsArriveFirst(t, cfg)
	}
}

func checkOperandsArriveFirst(t *testing.T, cfg dram.Config) {
	d := withDRAM(cfg)
	d.IfmapKiB, d.FilterKiB, d.OfmapKiB = 8, 8, 8
	var tasks []tracing.Task
	res, err := Run(workloads.AlexNet(1), design.MustResolve(d), RunOptions{Trace: func(task tracing.Task) { tasks = append(tasks, task) }})
	require.NoError(t, err)
	period := 1e-9 * 1000 / d.ClockMHz
	cycle := func(s float64) int64 { return int64(math.Round(s / period)) }
	type key struct{ layer, tile int }
	folds := map[key][]tracing.Task{}
	for _, task := range tasks {
		if task.Kind == "fold" {
			layer, tile := parseFoldID(t, task.ID)
			folds[key{layer, tile}] = append(folds[key{layer, tile}], task)
		}
	}
	timer := dataflow.Timer{Array: d.Array, Dataflow: d.Dataflow, Mode: d.Timing}
	checked := 0
	for _, task := range tasks {
		info, ok := task.Detail.(controller.TransferInfo)
		if !ok || info.Store {
			continue
		}
		arrived := cycle(float64(task.EndTime))
		for tile := info.FirstTile; tile <= info.LastTile; tile++ {
			for _, f := range folds[key{info.Layer, tile}] {
				w := timer.Window(f.Detail.(dataflow.FoldSpec).T)
				need := map[controller.Operand]int{controller.Ifmap: w.IfmapFirst, controller.Filter: w.FilterFirst,
					controller.Ofmap: w.OutFirst}[info.Operand]
				require.GreaterOrEqual(t, cycle(float64(f.StartTime))+int64(need), arrived, "%s needs %s", f.ID, task.What)
				checked++
			}
		}
	}
	require.Greater(t, checked, 1000)
	require.Positive(t, res.Totals().StallCycles, "the tiny buffers must make the array wait")
}

func parseFoldID(t *testing.T, id string) (layer, tile int) {
	var fold int
	_, err := fmt.Sscanf(id, "L%d.T%d.F%d", &layer, &tile, &fold)
	require.NoError(t, err, id)
	return layer, tile
}

func TestRunsAreDeterministic(t *testing.T) {
	d := withDRAM(dram.Config{Model: dram.ModelFast})
	a := run(t, workloads.AlexNet(1), d)
	b := run(t, workloads.AlexNet(1), d)
	require.Equal(t, a.Layers, b.Layers)
	require.Equal(t, a.Totals(), b.Totals())
}

// Runs in parallel goroutines give the results of runs one after the other
// (run with -race to check the engine set-up is race-free).
func TestParallelRunsEqualSerialOnes(t *testing.T) {
	nets := []workloads.Network{workloads.AlexNet(1), workloads.MobileNetV2(1)}
	d := design.MustResolve(withDRAM(bandwidthDRAM(12.8)))
	serial := make([]NetworkResult, len(nets))
	for i, n := range nets {
		var err error
		serial[i], err = Run(n, d, RunOptions{})
		require.NoError(t, err)
	}
	parallel := make([]NetworkResult, len(nets))
	errs := make([]error, len(nets))
	var wg sync.WaitGroup
	for i, n := range nets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parallel[i], errs[i] = Run(n, d, RunOptions{})
		}()
	}
	wg.Wait()
	for i := range nets {
		require.NoError(t, errs[i])
		require.Equal(t, serial[i].Layers, parallel[i].Layers)
		require.Equal(t, serial[i].Cost, parallel[i].Cost)
	}
}

// The bounds are lower bounds: no layer beats its ideal or mapped compute
// cycles, and no network its DRAM traffic at peak bandwidth; a slow DRAM
// makes some layer DRAM-bound. The ideal bound is ⌈MACs/(R·C)⌉ by hand for
// AlexNet's first layer: 55·55·(11·11·3)·64 = 70 276 800 MACs on 1024 PEs
// → 68 630 cycles.
func TestBoundsAreLowerBounds(t *testing.T) {
	for _, gbps := range []float64{6.4, 25.6} {
		res := run(t, workloads.AlexNet(1), withDRAM(bandwidthDRAM(gbps)))
		require.Equal(t, int64(68630), res.Layers[0].Bounds.IdealCycles)
		dramBound := 0
		for _, l := range res.Layers {
			require.GreaterOrEqual(t, l.Bounds.MappedCycles, l.Bounds.IdealCycles, l.Layer.Name)
			require.GreaterOrEqual(t, l.TotalCycles, l.Bounds.MappedCycles, l.Layer.Name)
			require.Equal(t, int64(math.Ceil(float64(l.DRAMBytes.Total())/gbps)), l.Bounds.DRAMCycles, l.Layer.Name)
			if b, _ := l.Bounds.Binding(); b == BoundDRAM {
				dramBound++
			}
		}
		tot := res.Totals()
		require.GreaterOrEqual(t, float64(tot.TotalCycles), float64(tot.DRAMBytes.Total())/gbps)
		if gbps == 6.4 {
			require.Positive(t, dramBound, "at 6.4 GB/s some AlexNet layer is DRAM-bound")
		}
	}
}

// The tiling's closed-form activity (dataflow.TileActivity) is what the
// event simulation counts, fold by fold and transfer by transfer: folds,
// PEs, edge traffic, every buffer's words from both sides, and DRAM bytes
// per operand — on every layer, in every dataflow, with buffers small
// enough to tile and spill partial sums.
func TestTileActivityEqualsTheSimulation(t *testing.T) {
	spilled := 0
	for _, df := range []dataflow.Dataflow{dataflow.OS, dataflow.WS, dataflow.IS} {
		for _, kib := range []int{8, 64} {
			d := withDRAM(dram.Config{Model: dram.ModelIdeal})
			d.Dataflow, d.IfmapKiB, d.FilterKiB, d.OfmapKiB = df, kib, kib, kib
			d.PE.WBits = 4 // 4-bit weights: packing differs per operand
			for _, net := range []workloads.Network{workloads.AlexNet(1), workloads.MobileNetV2(1)} {
				res := run(t, net, d)
				for _, l := range res.Layers {
					tl, err := dataflow.TileLayer(l.Layer, d.Array, d.Dataflow, platformSpace(t, d), d.OperandBits(), d.Timing, objective(t, d))
					require.NoError(t, err)
					a, name := tl.Activity, fmt.Sprintf("%v %d KiB %s %s", df, kib, net.Name, l.Layer.Name)
					require.Equal(t, int64(l.Folds), a.Folds, name)
					require.Equal(t, l.FoldPEs, a.FoldPEs, name)
					require.Equal(t, l.Traffic, a.Edge, name)
					require.Equal(t, l.DRAMBytes, a.DRAM, name)
					if a.DRAM.PsumWrite > 0 {
						spilled++
					}
					for i, s := range l.SRAM {
						require.Equal(t, s.ArrayReadWords, a.Array[i].Reads, "%s buffer %d array reads", name, i)
						require.Equal(t, s.ArrayWriteWords, a.Array[i].Writes, "%s buffer %d array writes", name, i)
						require.Equal(t, s.DMAReadWords, a.DMA[i].Reads, "%s buffer %d DMA reads", name, i)
						require.Equal(t, s.DMAWriteWords, a.DMA[i].Writes, "%s buffer %d DMA writes", name, i)
					}
				}
			}
		}
	}
	require.Positive(t, spilled, "some layer must spill partial sums")
}

// The tiling objectives deliver what they minimise, measured by the event
// simulation (issue 15): with a 25.6 GB/s DRAM, tiling for cycles is never
// more than 1 % slower than tiling for least traffic, and tiling for EDP
// never gives more than 1 % more EDP; each layer's chosen score is no worse
// than its runner-up's.
func TestTileObjectivesDeliver(t *testing.T) {
	cases := []struct {
		net       workloads.Network
		size, kib int
	}{
		{workloads.AlexNet(1), 32, 32}, {workloads.ResNet18(1), 32, 32},
		{workloads.ResNet18(1), 128, 32}, {workloads.BERTBase(1), 32, 64},
	}
	for _, c := range cases {
		at := func(obj string) NetworkResult {
			d := withDRAM(bandwidthDRAM(25.6))
			d.Array = dataflow.Array{Rows: c.size, Cols: c.size}
			d.IfmapKiB, d.FilterKiB, d.OfmapKiB, d.TileObjective = c.kib, c.kib, c.kib, obj
			return run(t, c.net, d)
		}
		edp := func(r NetworkResult) float64 { return r.Cost.Energy.Total() * r.TimeUs() }
		traffic, cycles, edpRun := at(design.TileTraffic), at(design.TileCycles), at(design.TileEDP)
		name := fmt.Sprintf("%s %d×%d %d KiB", c.net.Name, c.size, c.size, c.kib)
		require.LessOrEqual(t, float64(cycles.Totals().TotalCycles), 1.01*float64(traffic.Totals().TotalCycles), name)
		require.LessOrEqual(t, edp(edpRun), 1.01*edp(traffic), name)
		for _, l := range edpRun.Layers {
			require.LessOrEqual(t, l.TileScore, l.RunnerUpScore, "%s %s", name, l.Layer.Name)
		}
	}
}

// Inter-layer prefetch (issue 15): the next layer's first filter tile
// loads while the current layer finishes. With the ideal DRAM only the
// prologue can change (it still pays the message hops, which the prefetch
// hides) and never grows; with a 25.6 GB/s DRAM no layer gets slower and
// the prologues shrink; the trace shows prefetches ending before the
// layer that issued them ends.
func TestPrefetchOverlapsLayers(t *testing.T) {
	at := func(cfg dram.Config, net workloads.Network, on bool) NetworkResult {
		d := withDRAM(cfg)
		d.Prefetch = on
		return run(t, net, d)
	}
	for _, net := range []workloads.Network{workloads.AlexNet(1), workloads.ResNet18(1)} {
		off, on := at(dram.Config{Model: dram.ModelIdeal}, net, false), at(dram.Config{Model: dram.ModelIdeal}, net, true)
		for i, a := range off.Layers {
			b := on.Layers[i]
			require.LessOrEqual(t, b.PrologueCycles, a.PrologueCycles, a.Layer.Name)
			require.Equal(t, a.TotalCycles-a.PrologueCycles, b.TotalCycles-b.PrologueCycles, a.Layer.Name)
			require.Equal(t, a.Traffic, b.Traffic, a.Layer.Name)
			require.Equal(t, a.SRAM, b.SRAM, a.Layer.Name)
			require.Equal(t, a.DRAMBytes, b.DRAMBytes, a.Layer.Name)
		}
		off, on = at(bandwidthDRAM(25.6), net, false), at(bandwidthDRAM(25.6), net, true)
		for i, a := range off.Layers {
			require.LessOrEqual(t, on.Layers[i].TotalCycles, a.TotalCycles, "%s %s", net.Name, a.Layer.Name)
		}
		require.Less(t, on.Totals().PrologueCycles, off.Totals().PrologueCycles, net.Name)
	}
	d := withDRAM(bandwidthDRAM(25.6))
	var tasks []tracing.Task
	res, err := Run(workloads.AlexNet(1), design.MustResolve(d), RunOptions{Trace: func(task tracing.Task) { tasks = append(tasks, task) }})
	require.NoError(t, err)
	layerEnd := map[int]float64{}
	for _, task := range tasks {
		if task.Kind == "layer" {
			var l int
			_, err := fmt.Sscanf(task.ID, "L%d", &l)
			require.NoError(t, err)
			layerEnd[l] = float64(task.EndTime)
		}
	}
	overlapped := 0
	for _, task := range tasks {
		info, ok := task.Detail.(controller.TransferInfo)
		if ok && strings.HasPrefix(task.What, "prefetch ") && float64(task.EndTime) < layerEnd[info.Layer-1] {
			overlapped++
		}
	}
	require.Positive(t, overlapped, "some prefetch finishes while the previous layer still computes")
	require.Len(t, layerEnd, len(res.Layers)+len(res.Vector))
}

// The vector unit (issue 15): the layers off the array run on it, each
// with its operations (workloads.Layer.VectorWork), at least ⌈ops/lanes⌉
// cycles, its inputs read from and its outputs written to DRAM (packed in
// 64-bit words, at most one word of rounding per tile), and priced; with
// the ideal DRAM a vector layer never stalls; off, they are listed and the
// array layers run as before.
func TestVectorUnitRunsTheLayersOffTheArray(t *testing.T) {
	net := workloads.ResNet18(1)
	d := withDRAM(bandwidthDRAM(25.6))
	res := run(t, net, d)
	offArray := 0
	for _, l := range net.Layers {
		if !l.Kind.OnArray() {
			offArray++
		}
	}
	require.Len(t, res.Vector, offArray)
	require.Empty(t, res.NotOnArray)
	lanes := int64(d.Array.Cols)
	for _, v := range res.Vector {
		in, out, ops := v.Layer.VectorWork()
		require.Equal(t, ops, v.Ops, v.Layer.Name)
		require.GreaterOrEqual(t, v.ComputeCycles, (ops+lanes-1)/lanes, v.Layer.Name)
		require.GreaterOrEqual(t, v.DRAMBytes.IfmapRead, in*8/8, v.Layer.Name)
		require.LessOrEqual(t, v.DRAMBytes.IfmapRead, in+8*int64(v.Tiles), v.Layer.Name)
		require.GreaterOrEqual(t, v.DRAMBytes.OfmapWrite, out, v.Layer.Name)
		require.Positive(t, v.Energy[cost.EnergyVectorUnit], v.Layer.Name)
	}
	require.Positive(t, res.Cost.Area[cost.AreaVectorUnit])
	tot := res.Totals()
	require.Equal(t, tot.TotalCycles, res.layerCycles()+res.DrainCycles)

	ideal := run(t, net, withDRAM(dram.Config{Model: dram.ModelIdeal}))
	for _, v := range ideal.Vector {
		require.Zero(t, v.DRAMStallCycles, v.Layer.Name)
		require.Equal(t, v.ComputeCycles, v.TotalCycles-v.PrologueCycles, v.Layer.Name)
	}

	d.VectorUnit = false
	off := run(t, net, d)
	require.Empty(t, off.Vector)
	require.Len(t, off.NotOnArray, offArray)
	require.Zero(t, off.Cost.Area[cost.AreaVectorUnit])
	require.Less(t, off.Totals().TotalCycles, tot.TotalCycles)
}
