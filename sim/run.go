package sim

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/rs/zerolog"
	akita "github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/sim/analytic"
	"github.com/logsim/logsim/sim/controller"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// RunOptions are a run's options that are not design parameters.
type RunOptions struct {
	// Trace, if set, receives every layer, tile, fold and DMA transfer as a
	// Daisen task, with the cycles the simulation computed for it.
	Trace func(tracing.Task)
	// Log receives debug messages (layer progress); the zero logger is quiet.
	Log zerolog.Logger
	// Numerics, if set, measures every layer's numerical error through the
	// PE arithmetic after the run is priced.
	Numerics *Numerics
	// Fidelity is FidelityEvent (the default, "") or FidelityAnalytic.
	Fidelity string
	// Calibrations, at the analytic level, keeps the calibrations of the
	// command-level DRAM models measured so far (analytic.Calibration), to
	// share between runs; nil measures afresh.
	Calibrations *analytic.Calibrations
	// Candidates, if set, keeps the tiler's candidates of the layer shapes
	// run so far (dataflow.CandidateCache), to share between runs that
	// differ only in prices; nil lists them afresh. It changes no result.
	Candidates *dataflow.CandidateCache
	// Simulations, if set, keeps simulated results to reuse for points
	// that differ only in prices (Simulations); nil simulates every run. It
	// changes no result.
	Simulations *Simulations
	// Accuracy, if set, measures the network's top-1 accuracy through the
	// PE arithmetic of the design (each layer at its own spec) after the run
	// is priced. Its model must be the network that is run.
	Accuracy *accuracy.Evaluator
	// StepEveryTile makes the analytic level step through every tile
	// instead of repeating runs of alike tiles in closed form; it changes
	// no result (for tests and measurements).
	StepEveryTile bool
	// repeated, if set, receives the periods of alike tiles the analytic
	// level repeated in closed form (tests).
	repeated *int64
}

// The fidelity levels (README "Fidelity levels").
const (
	// FidelityEvent runs the design point on the Akita engine, every DRAM
	// request an event: the reference.
	FidelityEvent = "event"
	// FidelityAnalytic runs the same components tile by tile without the
	// Akita engine, DMA transfers timed from the DRAM model's bandwidth
	// and latency (package sim/analytic).
	FidelityAnalytic = "analytic"
)

// FidelityNames lists the fidelity levels of a run.
func FidelityNames() []string { return []string{FidelityEvent, FidelityAnalytic} }

// akitaIDs sets Akita's process-wide message ID generator up once. Its
// lazy initialisation reads a flag without a lock, so runs in parallel
// goroutines must not be the first to use it; no output depends on the IDs
// (design.md §8).
var akitaIDs sync.Once

// Run simulates the network on the resolved design point with the Akita
// engine — layer by layer, tile by tile, with the point's DRAM model
// (design.md §5) — prices it and, if asked, measures its numerics. The
// network and the options are validated before anything is built.
//
// Run is safe to call from several goroutines at once: each run has its own
// engine and components.
func Run(net workloads.Network, d design.Resolved, opts RunOptions) (NetworkResult, error) {
	akitaIDs.Do(func() { akita.GetIDGenerator() })
	if err := net.Validate(); err != nil {
		return NetworkResult{}, err
	}
	if err := d.CheckWorkload(net); err != nil {
		return NetworkResult{}, err
	}
	if err := opts.Numerics.Validate(); err != nil {
		return NetworkResult{}, err
	}
	if err := opts.Numerics.CheckFiles(net); err != nil {
		return NetworkResult{}, err
	}
	if err := checkFidelity(opts); err != nil {
		return NetworkResult{}, err
	}
	if err := checkLayerPE(net, d.Point()); err != nil {
		return NetworkResult{}, err
	}
	prices, err := cost.PricesFor(d)
	if err != nil {
		return NetworkResult{}, err
	}
	res, err := simulate(net, d, prices, opts)
	var cannot *analytic.CannotFollowError
	if errors.As(err, &cannot) {
		event := opts
		event.Fidelity = FidelityEvent
		res, err = simulate(net, d, prices, event)
		res.FidelityFallback = cannot.Reason
	}
	if err != nil {
		return NetworkResult{}, err
	}
	if err := res.price(prices); err != nil {
		return NetworkResult{}, err
	}
	if err := opts.Numerics.measure(&res); err != nil {
		return NetworkResult{}, err
	}
	if opts.Accuracy != nil {
		a, err := opts.Accuracy.Run(d.Point().SpecFor)
		if err != nil {
			return NetworkResult{}, fmt.Errorf("accuracy: %w", err)
		}
		res.Accuracy = &a
	}
	return res, nil
}

// simulate runs the network on the Akita engine and collects what every
// component counted.
func simulate(net workloads.Network, d design.Resolved, prices cost.Prices, opts RunOptions) (NetworkResult, error) {
	p, err := buildPlatform(d, opts)
	if err != nil {
		return NetworkResult{}, err
	}
	res := NetworkResult{PointID: PointID(net, d), Network: net, Design: d, Fidelity: p.fidelity(), DRAMStandIn: p.calibration}
	obj, err := prices.TileObjective()
	if err != nil {
		return NetworkResult{}, err
	}
	plans, refs, err := planLayers(&res, net, d.Point(), p.space(), obj, opts.Candidates)
	if err != nil {
		return NetworkResult{}, err
	}
	if opts.Simulations == nil {
		return p.simulate(res, plans, refs, d, opts)
	}
	planned := res
	res, err = opts.Simulations.get(simulationKey(net, d.Point(), p.fidelity(), plans), func() (NetworkResult, error) {
		return p.simulate(planned, plans, refs, d, opts)
	})
	if err != nil {
		return NetworkResult{}, err
	}
	res.PointID, res.Design = planned.PointID, planned.Design
	for i := range res.Layers {
		res.Layers[i].TileScore, res.Layers[i].RunnerUpScore = planned.Layers[i].TileScore, planned.Layers[i].RunnerUpScore
	}
	return res, nil
}

// simulate runs the planned layers on the platform and collects what every
// component counted into res.
func (p *platform) simulate(res NetworkResult, plans []controller.LayerPlan, refs []planRef, d design.Resolved,
	opts RunOptions) (NetworkResult, error) {
	res.Layers, res.Vector = slices.Clone(res.Layers), slices.Clone(res.Vector)
	bytesPerCycle := d.DRAM().PeakGBps() / d.Point().ClockMHz * 1000
	takeDRAM := p.dramCounter(d)
	err := p.run(plans, opts.StepEveryTile, func(i int, s controller.LayerStats) {
		if ref := refs[i]; ref.vector {
			v := &res.Vector[ref.index]
			*v = collectVector(*v, p, s)
			v.DRAM = takeDRAM(v.DRAMBytes, v.TotalCycles)
			v.Bounds = Bounds{IdealCycles: v.ComputeCycles, MappedCycles: v.ComputeCycles,
				DRAMCycles: int64(math.Ceil(float64(v.DRAMBytes.Total()) / bytesPerCycle))}
			return
		}
		l := &res.Layers[refs[i].index]
		*l = collectLayer(*l, p, s)
		l.DRAM = takeDRAM(l.DRAMBytes, l.TotalCycles)
		l.Bounds = boundsOf(*l, l.Mapping.Cycles(d.Point().Timing), bytesPerCycle)
		opts.Log.Debug().Str("layer", l.Layer.Name).Int64("cycles", l.TotalCycles).
			Int("tiles", l.Tiles).Stringer("order", l.Order).Msg("layer done")
	})
	if err != nil {
		return NetworkResult{}, err
	}
	if !p.ctrl.Done() {
		return NetworkResult{}, fmt.Errorf("internal: the simulation stopped before every layer finished")
	}
	res.DrainCycles = p.ctrl.FinishedAt() - (res.layerCycles() - 1)
	res.DrainDRAM = takeDRAM(dataflow.DRAMBytes{}, res.DrainCycles)
	if opts.repeated != nil {
		*opts.repeated = p.repeats
	}
	return res, checkAccounting(res)
}

// checkFidelity checks the options a fidelity level supports.
func checkFidelity(opts RunOptions) error {
	switch opts.Fidelity {
	case "", FidelityEvent:
		return nil
	case FidelityAnalytic:
		if opts.Trace != nil {
			return fmt.Errorf("a trace needs the event simulation (--fidelity %s): the analytic level has no DRAM requests to trace", FidelityEvent)
		}
		return nil
	}
	return fmt.Errorf("unknown fidelity %q (valid: %s)", opts.Fidelity, strings.Join(FidelityNames(), ", "))
}

// checkLayerPE checks the design's per-layer specs against the network's
// array layers.
func checkLayerPE(net workloads.Network, d design.Point) error {
	var names []string
	for _, l := range net.ArrayLayers() {
		names = append(names, l.Name)
	}
	return d.CheckLayerPE(net.Name, names)
}

// planRef says where plan i's result goes: res.Layers or res.Vector.
type planRef struct {
	vector bool
	index  int
}

// planLayers maps and tiles every array layer (layers with the same shape
// share one tiling) and every layer the vector unit runs, in network
// order.
func planLayers(res *NetworkResult, net workloads.Network, d design.Point, space dataflow.BufferSpace,
	obj dataflow.Objective, cands *dataflow.CandidateCache) ([]controller.LayerPlan, []planRef, error) {
	cache := map[workloads.Layer]dataflow.Tiling{}
	var plans []controller.LayerPlan
	var refs []planRef
	for _, l := range net.Layers {
		if !l.Kind.OnArray() {
			plan, err := planVector(res, l, d, space)
			if err != nil {
				return nil, nil, err
			}
			if plan != nil {
				plans = append(plans, *plan)
				refs = append(refs, planRef{vector: true, index: len(res.Vector) - 1})
			}
			continue
		}
		lr, err := mapLayer(len(res.Layers), l, d)
		if err != nil {
			return nil, nil, err
		}
		key := l
		if _, own := d.LayerPE[l.Name]; !own {
			key.Name = "" // layers at the design's spec with one shape share a tiling
		}
		tl, ok := cache[key]
		if !ok {
			if tl, err = tileLayer(l, d, space, obj, cands); err != nil {
				return nil, nil, err
			}
			cache[key] = tl
		}
		lr.ComputeCycles = tl.Cycles(d.Timing)
		lr.Order, lr.Tiles = tl.Order, tl.Tiles.Len()
		lr.TileScore, lr.RunnerUpScore = tl.Score, tl.RunnerUp
		refs = append(refs, planRef{index: len(res.Layers)})
		res.Layers = append(res.Layers, lr)
		plans = append(plans, controller.LayerPlan{Name: l.Name, Tiling: tl, Bits: d.OperandBitsFor(l.Name)})
	}
	return plans, refs, nil
}

// planVector plans a layer off the array on the vector unit, or lists it
// as not simulated when the design has none (nil plan).
func planVector(res *NetworkResult, l workloads.Layer, d design.Point, space dataflow.BufferSpace) (*controller.LayerPlan, error) {
	if !d.VectorUnit {
		res.NotOnArray = append(res.NotOnArray, l)
		return nil, nil
	}
	tl, err := dataflow.VectorTiling(l, d.Lanes(), space, d.OperandBits())
	if err != nil {
		return nil, err
	}
	if tl.Tiles.Len() == 0 {
		res.NotOnArray = append(res.NotOnArray, l) // no elements: nothing to run
		return nil, nil
	}
	vr := VectorResult{Index: len(res.Vector), Layer: l, Tiles: tl.Tiles.Len()}
	for _, t := range tl.Tiles.All() {
		vr.Ops += t.VectorOps
		vr.ComputeCycles += t.VectorCycles
	}
	res.Vector = append(res.Vector, vr)
	return &controller.LayerPlan{Name: l.Name, Tiling: tl, Bits: d.OperandBits()}, nil
}

func tileLayer(l workloads.Layer, d design.Point, space dataflow.BufferSpace, obj dataflow.Objective,
	cands *dataflow.CandidateCache) (dataflow.Tiling, error) {
	bits := d.OperandBitsFor(l.Name)
	if d.WholeLayers {
		return dataflow.WholeLayer(l, d.Array, d.Dataflow, bits)
	}
	return cands.TileLayer(l, d.Array, d.Dataflow, space, bits, d.Timing, obj)
}

// mapLayer maps one array layer; the error names the layer.
func mapLayer(index int, l workloads.Layer, d design.Point) (LayerResult, error) {
	g := l.GEMM()
	m, err := dataflow.NewMapping(g, d.Array, d.Dataflow)
	if err != nil {
		return LayerResult{}, fmt.Errorf("layer %q: %w", l.Name, err)
	}
	return LayerResult{
		Index: index, Layer: l, GEMM: g, Mapping: m,
		Folds: m.Folds(), Fold: m.FoldTiming(d.Timing),
		ComputeCycles: m.Cycles(d.Timing),
		Traffic:       m.Traffic(),
	}, nil
}

// collectLayer fills a layer's result from what the components counted.
func collectLayer(lr LayerResult, p *platform, s controller.LayerStats) LayerResult {
	c := p.array.TakeCounters()
	lr.DRAMStallCycles, lr.SRAMStallCycles = c.DRAMStallCycles, c.SRAMStallCycles
	lr.PrologueCycles = s.FirstFold - s.Start
	lr.TotalCycles = s.LastEnd - s.Start + 1
	lr.Traffic, lr.FoldPEs, lr.Folds = c.Traffic, c.FoldPEs, int(c.Folds)
	lr.DRAMBytes = s.DRAMBytes
	for i, span := range c.Accesses {
		lr.SRAMSpans[i] = span.Shift(-s.FirstFold)
	}
	lr.DRAMSpans = s.DRAMSpans.Shift(-s.FirstFold)
	lr.SRAM = p.takeBufferStats(s)
	return lr
}

// takeBufferStats is every buffer's word accesses for the layer just done:
// the array side (or the vector unit's) as the buffers counted it, the DMA
// side as the controller did; the buffers' counts start again.
func (p *platform) takeBufferStats(s controller.LayerStats) [3]memory.BufferStats {
	var out [3]memory.BufferStats
	for i, b := range p.buffers {
		out[i] = b.Stats()
		out[i].DMAWriteWords, out[i].DMAReadWords = s.DMAWords[i].Writes, s.DMAWords[i].Reads
		b.ResetStats()
	}
	return out
}

// collectVector fills a vector-unit layer's result from what the
// components counted.
func collectVector(vr VectorResult, p *platform, s controller.LayerStats) VectorResult {
	c := p.vector.TakeCounters()
	vr.DRAMStallCycles = c.DRAMStallCycles
	vr.PrologueCycles = s.FirstFold - s.Start
	vr.TotalCycles = s.LastEnd - s.Start + 1
	vr.DRAMBytes = s.DRAMBytes
	vr.SRAM = p.takeBufferStats(s)
	return vr
}

// layerCycles is every layer's cycles, array and vector unit: the cycle
// the last layer's last output leaves, plus one.
func (n NetworkResult) layerCycles() int64 {
	var c int64
	for _, l := range n.Layers {
		c += l.TotalCycles
	}
	for _, v := range n.Vector {
		c += v.TotalCycles
	}
	return c
}

// checkAccounting verifies that every layer's cycles add up: total =
// prologue + compute + stalls. A mismatch is a bug in logsim.
func checkAccounting(res NetworkResult) error {
	check := func(name string, prologue, compute, stalls, total int64) error {
		if prologue+compute+stalls != total {
			return fmt.Errorf("internal: layer %q: prologue %d + compute %d + stalls %d ≠ total %d",
				name, prologue, compute, stalls, total)
		}
		return nil
	}
	for _, l := range res.Layers {
		if err := check(l.Layer.Name, l.PrologueCycles, l.ComputeCycles, l.StallCycles(), l.TotalCycles); err != nil {
			return err
		}
	}
	for _, v := range res.Vector {
		if err := check(v.Layer.Name, v.PrologueCycles, v.ComputeCycles, v.DRAMStallCycles, v.TotalCycles); err != nil {
			return err
		}
	}
	return nil
}
