package sim

import (
	"fmt"
	"sync"

	"github.com/rs/zerolog"
	akita "github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/dataflow"
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
}

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
	if err := opts.Numerics.Validate(); err != nil {
		return NetworkResult{}, err
	}
	prices, err := cost.PricesFor(d)
	if err != nil {
		return NetworkResult{}, err
	}
	res, err := simulate(net, d, prices, opts)
	if err != nil {
		return NetworkResult{}, err
	}
	if err := res.price(prices); err != nil {
		return NetworkResult{}, err
	}
	if err := opts.Numerics.measure(&res); err != nil {
		return NetworkResult{}, err
	}
	return res, nil
}

// simulate runs the network on the Akita engine and collects what every
// component counted.
func simulate(net workloads.Network, d design.Resolved, prices cost.Prices, opts RunOptions) (NetworkResult, error) {
	p, err := buildPlatform(d, opts.Trace)
	if err != nil {
		return NetworkResult{}, err
	}
	res := NetworkResult{PointID: PointID(net, d), Network: net, Design: d}
	plans, err := planLayers(&res, net, d.Point(), p.space(), prices.TileObjective())
	if err != nil {
		return NetworkResult{}, err
	}
	p.ctrl.Start(plans, func(i int, s controller.LayerStats) {
		res.Layers[i] = collectLayer(res.Layers[i], p, s)
		opts.Log.Debug().Str("layer", res.Layers[i].Layer.Name).Int64("cycles", res.Layers[i].TotalCycles).
			Int("tiles", res.Layers[i].Tiles).Stringer("order", res.Layers[i].Order).Msg("layer done")
	})
	if err := p.engine.Run(); err != nil {
		return NetworkResult{}, err
	}
	if !p.ctrl.Done() {
		return NetworkResult{}, fmt.Errorf("internal: the simulation stopped before every layer finished")
	}
	if n := len(res.Layers); n > 0 {
		res.DrainCycles = p.ctrl.FinishedAt() - lastEnd(res.Layers)
	}
	return res, checkAccounting(res)
}

// planLayers maps and tiles every array layer; layers with the same shape
// share one tiling.
func planLayers(res *NetworkResult, net workloads.Network, d design.Point, space dataflow.BufferSpace,
	obj dataflow.Objective) ([]controller.LayerPlan, error) {
	cache := map[workloads.Layer]dataflow.Tiling{}
	var plans []controller.LayerPlan
	for _, l := range net.Layers {
		if !l.Kind.OnArray() {
			res.NotOnArray = append(res.NotOnArray, l)
			continue
		}
		lr, err := mapLayer(len(res.Layers), l, d)
		if err != nil {
			return nil, err
		}
		key := l
		key.Name = ""
		tl, ok := cache[key]
		if !ok {
			if tl, err = tileLayer(l, d, space, obj); err != nil {
				return nil, err
			}
			cache[key] = tl
		}
		lr.ComputeCycles = tl.Schedule.Cycles(d.Timing)
		lr.Order, lr.Tiles = tl.Order, len(tl.Tiles)
		res.Layers = append(res.Layers, lr)
		plans = append(plans, controller.LayerPlan{Name: l.Name, Tiling: tl, Bits: d.OperandBits()})
	}
	return plans, nil
}

func tileLayer(l workloads.Layer, d design.Point, space dataflow.BufferSpace, obj dataflow.Objective) (dataflow.Tiling, error) {
	if d.WholeLayers {
		return dataflow.WholeLayer(l, d.Array, d.Dataflow, d.OperandBits())
	}
	return dataflow.TileLayer(l, d.Array, d.Dataflow, space, d.OperandBits(), d.Timing, obj)
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
	for i, b := range p.buffers {
		lr.SRAM[i] = b.Stats()
		b.ResetStats()
	}
	return lr
}

func lastEnd(layers []LayerResult) int64 {
	var end int64
	for _, l := range layers {
		end += l.TotalCycles
	}
	return end - 1
}

// checkAccounting verifies that every layer's cycles add up: total =
// prologue + compute + stalls. A mismatch is a bug in logsim.
func checkAccounting(res NetworkResult) error {
	for _, l := range res.Layers {
		if sum := l.PrologueCycles + l.ComputeCycles + l.StallCycles(); sum != l.TotalCycles {
			return fmt.Errorf("internal: layer %q: prologue %d + compute %d + stalls %d ≠ total %d",
				l.Layer.Name, l.PrologueCycles, l.ComputeCycles, l.StallCycles(), l.TotalCycles)
		}
	}
	return nil
}
