package sim

import (
	"github.com/logsim/logsim/dataflow"
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
	Network    workloads.Network
	Design     DesignPoint
	Layers     []LayerResult
	NotOnArray []workloads.Layer // pooling, adds, softmax, norms: listed, not simulated
}

// Totals sums the per-layer results of the network.
type Totals struct {
	MACs, Folds                                int64
	ComputeCycles, StallCycles, PrologueCycles int64
	TotalCycles                                int64
	Traffic                                    dataflow.EdgeTraffic
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
		t.PrologueCycles += l.PrologueCycles
		t.TotalCycles += l.TotalCycles
		t.Traffic = t.Traffic.Add(l.Traffic)
	}
	return t
}

// Utilisation is the network's MACs / (total cycles · R·C), a fraction.
func (n NetworkResult) Utilisation() float64 {
	t := n.Totals()
	return dataflow.Utilisation(t.MACs, t.TotalCycles, n.Design.Array)
}
