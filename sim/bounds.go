package sim

import (
	"math"
)

// Bound names what limits a layer (or a network) most.
type Bound string

// The bounds a layer is held against.
const (
	BoundCompute Bound = "compute" // every PE busy every cycle: MACs / (R·C)
	BoundMapping Bound = "mapping" // the mapping's folds: idle PEs of edge folds, fill and drain
	BoundDRAM    Bound = "dram"    // the layer's DRAM bytes at the DRAM's peak bandwidth
)

// Bounds are lower bounds on a layer's cycles (the roofline in numbers).
// The layer's total cycles are never below any of them; how far above the
// largest one it is says how much of its time the tiling, DRAM latency,
// bursts, SRAM ports and the prologue cost.
type Bounds struct {
	IdealCycles  int64 // ⌈MACs / (R·C)⌉
	MappedCycles int64 // the whole-layer mapping's stall-free fold schedule (dataflow.Mapping.Cycles)
	DRAMCycles   int64 // ⌈DRAM bytes / peak bytes per cycle⌉; 0 with the ideal DRAM
}

// boundsOf computes a layer's bounds at a DRAM peak of bytesPerCycle
// (+Inf for the ideal DRAM).
func boundsOf(l LayerResult, mapped int64, bytesPerCycle float64) Bounds {
	pes := int64(l.Mapping.Array.PEs())
	return Bounds{
		IdealCycles:  (l.MACs() + pes - 1) / pes,
		MappedCycles: mapped,
		DRAMCycles:   int64(math.Ceil(float64(l.DRAMBytes.Total()) / bytesPerCycle)),
	}
}

// Binding is the largest bound, named (ties go to compute, then mapping).
func (b Bounds) Binding() (Bound, int64) {
	name, v := BoundCompute, b.IdealCycles
	if b.MappedCycles > v {
		name, v = BoundMapping, b.MappedCycles
	}
	if b.DRAMCycles > v {
		name, v = BoundDRAM, b.DRAMCycles
	}
	return name, v
}

// Add sums two layers' bounds (layers run one after the other).
func (b Bounds) Add(o Bounds) Bounds {
	return Bounds{IdealCycles: b.IdealCycles + o.IdealCycles, MappedCycles: b.MappedCycles + o.MappedCycles,
		DRAMCycles: b.DRAMCycles + o.DRAMCycles}
}

// GapPct is how far cycles are above bound, in percent of the bound (0 for
// a zero bound).
func GapPct(cycles, bound int64) float64 {
	if bound <= 0 {
		return 0
	}
	return 100 * float64(cycles-bound) / float64(bound)
}

// BoundGapPct is the layer's gap to its binding bound, in percent.
func (l LayerResult) BoundGapPct() float64 {
	_, b := l.Bounds.Binding()
	return GapPct(l.TotalCycles, b)
}

// NetworkBound is the network's lower bound: the sum over layers (the
// vector unit's included) of each layer's binding bound (layers run one
// after the other, so this is at least as tight as any one bound summed),
// and the bound that most of those cycles come from.
func (n NetworkResult) NetworkBound() (Bound, int64) {
	byName := map[Bound]int64{}
	var total int64
	add := func(b Bounds) {
		name, c := b.Binding()
		byName[name] += c
		total += c
	}
	for _, l := range n.Layers {
		add(l.Bounds)
	}
	for _, v := range n.Vector {
		add(v.Bounds)
	}
	best := BoundCompute
	for _, name := range []Bound{BoundMapping, BoundDRAM} {
		if byName[name] > byName[best] {
			best = name
		}
	}
	return best, total
}

// LayersNearBound counts the layers within pct percent of their binding
// bound.
func (n NetworkResult) LayersNearBound(pct float64) int {
	k := 0
	for _, l := range n.Layers {
		if l.BoundGapPct() <= pct {
			k++
		}
	}
	return k
}
