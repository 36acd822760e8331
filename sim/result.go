package sim

import (
	"slices"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/sim/analytic"
	"github.com/logsim/logsim/sim/controller"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// LayerResult is what one array layer cost. Cycles are array cycles; a
// layer busy for n cycles reports n.
type LayerResult struct {
	Index   int // position among the network's array layers, from 0
	Layer   workloads.Layer
	GEMM    workloads.GEMM
	Mapping dataflow.Mapping
	Folds   int
	Fold    dataflow.FoldTiming

	ComputeCycles   int64 // the fold schedule's stall-free cycles
	SRAMStallCycles int64 // cycles the array waited on SRAM ports
	DRAMStallCycles int64 // cycles the array waited on operands from DRAM or room to write
	PrologueCycles  int64 // first fill before the first fold (not in SCALE-Sim's count)
	TotalCycles     int64 // prologue + compute + stalls

	Traffic dataflow.EdgeTraffic // array-edge element counts
	Bounds  Bounds               // lower bounds on TotalCycles

	// Tiling and what the simulation counted:
	Order dataflow.LoopOrder // tile loop order, outermost first
	Tiles int                // tiles the layer was cut into
	// TileScore is the tiling objective's estimate of the chosen tiling,
	// RunnerUpScore that of the best other candidate (+Inf if none).
	TileScore, RunnerUpScore float64
	FoldPEs                  int64                 // Σ over folds of the PEs with work (used rows × used columns)
	DRAMBytes                controller.DRAMBytes  // DRAM traffic per operand, bytes
	SRAM                     [3]memory.BufferStats // ifmap, filter, ofmap word accesses
	Energy                   cost.Energy           // pJ, by part
	// Cycles counted from the layer's first fold start (cycle 0, as
	// SCALE-Sim counts them; the prologue's loads are negative): when the
	// array reads the ifmap and filter buffers and writes the ofmap buffer
	// (its operand windows), and when each operand's DRAM traffic runs.
	SRAMSpans [3]dataflow.CycleSpan
	DRAMSpans controller.DRAMSpans
	// DRAM is what the DRAM model counted while the layer ran (commands
	// decided during it; the fast model decides a command when its time
	// comes, so a store may be counted in the next layer).
	DRAM dram.Stats
	// Numerics is the layer's numerical error through the PE arithmetic,
	// when it was measured (nil otherwise).
	Numerics *numerics.Result
}

// MACs is the layer's multiply-accumulate count.
func (l LayerResult) MACs() int64 { return l.GEMM.MACs() }

// StallCycles is SRAM plus DRAM stalls.
func (l LayerResult) StallCycles() int64 { return l.SRAMStallCycles + l.DRAMStallCycles }

// Utilisation is MACs / (TotalCycles · R·C), a fraction.
func (l LayerResult) Utilisation() float64 {
	return dataflow.Utilisation(l.MACs(), l.TotalCycles, l.Mapping.Array)
}

// NetworkResult is one design point run on one network.
type NetworkResult struct {
	// PointID identifies the design point on the network (PointID).
	PointID string
	// Fidelity is the level the result was computed at: FidelityEvent or
	// FidelityAnalytic.
	Fidelity string
	// FidelityFallback, when the analytic level was asked for but could not
	// follow the event simulation on this point, says why (the result is
	// then the event simulation's).
	FidelityFallback string
	// DRAMStandIn, at the analytic level with a command-level DRAM model,
	// is the calibrated bandwidth model that stood in for it (nil
	// otherwise).
	DRAMStandIn *analytic.Calibration
	// EventCheck, for a point an auto sweep checked, is what the event
	// simulation gave for it (nil otherwise).
	EventCheck *EventCheck
	Network    workloads.Network
	Design     design.Resolved
	Layers     []LayerResult
	// Vector are the layers off the array that ran on the vector unit, in
	// network order; NotOnArray those that were only listed (no vector
	// unit, or no elements).
	Vector     []VectorResult
	NotOnArray []workloads.Layer
	// DrainCycles is the final write-back of the last layer's outputs after
	// its last fold (each other layer's drain is in the next one's prologue).
	DrainCycles int64
	// DrainDRAM is what the DRAM model counted after the last layer's
	// result was taken (the final stores).
	DrainDRAM dram.Stats
	// Cost is the whole network's energy (final drain included), the
	// accelerator's area and the derived efficiency.
	Cost cost.Report
	// CostNotes are what the pricing says a report must print beside the
	// cost (cost.Prices.Notes): buffers or PEs that do not meet timing,
	// fallbacks.
	CostNotes []string
	// Accuracy is the network's top-1 accuracy through the design's PE
	// arithmetic, when it was measured (RunOptions.Accuracy; nil otherwise).
	Accuracy *accuracy.Result
}

// Comparable is the result with what may differ between fidelity levels
// that compute the same columns cleared: how it was computed (Fidelity,
// FidelityFallback, DRAMStandIn, EventCheck) and the DRAM model's own
// counters (LayerResult.DRAM, VectorResult.DRAM, DrainDRAM), which are no
// column: the event simulation attributes them to layers by when the DRAM
// model counted them, the analytic level by transfer. Two levels agree on
// every column when their Comparable results are equal.
func (n NetworkResult) Comparable() NetworkResult {
	n.Fidelity, n.FidelityFallback, n.DRAMStandIn, n.EventCheck = "", "", nil, nil
	n.Layers, n.Vector = slices.Clone(n.Layers), slices.Clone(n.Vector)
	for i := range n.Layers {
		n.Layers[i].DRAM = dram.Stats{}
	}
	for i := range n.Vector {
		n.Vector[i].DRAM = dram.Stats{}
	}
	n.DrainDRAM = dram.Stats{}
	return n
}

// EventCheck is the event simulation's result for a point computed at the
// analytic level: what the analytic level's error is measured against.
type EventCheck struct {
	TotalCycles int64   // cycles
	EnergyPJ    float64 // pJ
	DRAMBytes   int64   // bytes
}

// CyclesErrorPct is how far cycles (the analytic level's) are from the
// event simulation's, in % of them.
func (c EventCheck) CyclesErrorPct(cycles int64) float64 {
	return 100 * float64(cycles-c.TotalCycles) / float64(c.TotalCycles)
}

// VectorResult is what one layer off the array cost on the vector unit.
// Cycles are array cycles.
type VectorResult struct {
	Index           int // position among the network's vector-unit layers, from 0
	Layer           workloads.Layer
	Tiles           int
	Ops             int64 // vector operations
	ComputeCycles   int64 // Σ over tiles of ⌈operations / lanes⌉
	DRAMStallCycles int64 // cycles the unit waited on inputs or room to write
	PrologueCycles  int64 // from the previous layer's last output to the first tile
	TotalCycles     int64 // prologue + compute + stalls
	DRAMBytes       controller.DRAMBytes
	SRAM            [3]memory.BufferStats
	DRAM            dram.Stats  // what the DRAM model counted while the layer ran
	Energy          cost.Energy // pJ, by part
	Bounds          Bounds      // compute: the lanes' cycles; DRAM: its bytes at peak bandwidth
}

// Totals sums the per-layer results of the network.
type Totals struct {
	MACs, Folds                                int64
	ComputeCycles, StallCycles, PrologueCycles int64
	SRAMStallCycles, DRAMStallCycles           int64 // StallCycles split by cause
	DrainCycles                                int64 // final write-back after the last fold
	VectorCycles                               int64 // the vector unit's layers (in TotalCycles)
	VectorOps                                  int64
	TotalCycles                                int64 // layers plus the final drain
	Traffic                                    dataflow.EdgeTraffic
	DRAMBytes                                  controller.DRAMBytes
}

// Totals sums over the network's array layers (layers run one after the
// other, so cycles add).
func (n NetworkResult) Totals() Totals {
	var t Totals
	for _, l := range n.Layers {
		t.MACs += l.MACs()
		t.Folds += int64(l.Folds)
		t.ComputeCycles += l.ComputeCycles
		t.StallCycles += l.StallCycles()
		t.SRAMStallCycles += l.SRAMStallCycles
		t.DRAMStallCycles += l.DRAMStallCycles
		t.PrologueCycles += l.PrologueCycles
		t.TotalCycles += l.TotalCycles
		t.Traffic = t.Traffic.Add(l.Traffic)
		t.DRAMBytes = t.DRAMBytes.Add(l.DRAMBytes)
	}
	for _, v := range n.Vector {
		t.VectorCycles += v.TotalCycles
		t.VectorOps += v.Ops
		t.TotalCycles += v.TotalCycles
		t.DRAMBytes = t.DRAMBytes.Add(v.DRAMBytes)
	}
	t.DrainCycles = n.DrainCycles
	t.TotalCycles += n.DrainCycles
	return t
}

// Utilisation is the network's MACs / (total cycles · R·C), a fraction.
func (n NetworkResult) Utilisation() float64 {
	t := n.Totals()
	return dataflow.Utilisation(t.MACs, t.TotalCycles, n.Design.Point().Array)
}

// TimeUs is the network's elapsed time at the design's clock (µs), the
// final drain included.
func (n NetworkResult) TimeUs() float64 {
	return float64(n.Totals().TotalCycles) * n.Design.Point().CycleNs() / 1000
}

// MinSQNRdB is the lowest per-layer SQNR (dB) when numerics were measured,
// and false otherwise.
func (n NetworkResult) MinSQNRdB() (float64, bool) {
	if len(n.Layers) == 0 || n.Layers[0].Numerics == nil {
		return 0, false
	}
	m := n.Layers[0].Numerics.SQNRdB
	for _, l := range n.Layers[1:] {
		m = min(m, l.Numerics.SQNRdB)
	}
	return m, true
}
