package controller

import (
	"github.com/logsim/logsim/memory"
)

// occupant is one operand tile's stay in a buffer half: a run of
// consecutive tiles with the same operand tile ID.
type occupant struct {
	operand     Operand
	index       int // position in the operand's occupant list
	id          int // operand tile ID
	first, last int // first and last tile using it
	needsLoad   bool
	loadIssued  bool
	loaded      bool
	readyAt     int64 // loaded: in the half from this cycle
	released    bool
	releaseAt   int64 // ifmap, filter: last cycle the array reads it
	stored      bool
	storedAt    int64 // ofmap: the half may be written again from this cycle
}

// layerRun is the controller's state for the layer being executed (or
// prefetched).
type layerRun struct {
	plan  *LayerPlan
	index int   // the layer's position among the plans
	start int64 // the layer's first cycle; −1 while it is only prefetched
	// prev are the previous layer's occupants: the buffer halves alternate
	// across layers, so its last two precede this layer's first two.
	prev      [numOperands][]*occupant
	occ       [numOperands][]*occupant
	tileOcc   [][numOperands]int // per tile, its occupant of each operand
	nextLoad  int                // tiles below have had their loads issued
	nextRun   int                // tiles below have been sent to the array
	scheduled int                // tiles the array has answered
	wholeK    int                // 1: every tile starts its reduction, −1: not, 0: not yet known (reductionsWhole)
	stats     LayerStats
}

// newLayerRun prepares layer index of plan, starting at start (−1: not
// yet, begin sets it), after the layer prev (nil for the first).
func newLayerRun(plan *LayerPlan, index int, start int64, prev *layerRun) *layerRun {
	tiles := plan.Tiling.Tiles
	r := &layerRun{plan: plan, index: index, tileOcc: make([][numOperands]int, len(tiles))}
	r.begin(start)
	if prev != nil {
		r.prev = prev.occ
	}
	for i, t := range tiles {
		ids := [numOperands]int{t.IfmapID, t.FilterID, t.OfmapID}
		for op := Ifmap; op < numOperands; op++ {
			list := r.occ[op]
			if len(list) == 0 || list[len(list)-1].id != ids[op] {
				list = append(list, &occupant{operand: op, index: len(list), id: ids[op], first: i,
					needsLoad: op != Ofmap || !t.FirstK})
			}
			list[len(list)-1].last = i
			r.occ[op] = list
			r.tileOcc[i][op] = len(list) - 1
		}
	}
	return r
}

// begin sets the layer's first cycle.
func (r *layerRun) begin(start int64) {
	r.start, r.stats.Start = start, start
}

func (r *layerRun) occupantOf(tile int, op Operand) *occupant {
	return r.occ[op][r.tileOcc[tile][op]]
}

// halfPredecessor is the occupant that used the same buffer half before o,
// in this layer or the previous one, or nil.
func (r *layerRun) halfPredecessor(o *occupant) *occupant {
	if o.index >= 2 {
		return r.occ[o.operand][o.index-2]
	}
	prev := r.prev[o.operand]
	if i := len(prev) + o.index - 2; i >= 0 {
		return prev[i]
	}
	return nil
}

// storedBefore is the last earlier occupant of the same output tile (its
// stored partial sums are what o reads back), or nil.
func (r *layerRun) storedBefore(o *occupant) *occupant {
	for i := o.index - 1; i >= 0; i-- {
		if p := r.occ[Ofmap][i]; p.id == o.id {
			return p
		}
	}
	return nil
}

// bytes is the DRAM size of an operand tile of tile t (packed codes).
func (r *layerRun) loadBytes(t int, op Operand) int64 {
	tile := r.plan.Tiling.Tiles[t]
	switch op {
	case Ifmap:
		return memory.BytesPacked(tile.IfmapLoadElems, r.plan.Bits.Ifmap)
	case Filter:
		return memory.BytesPacked(tile.FilterElems, r.plan.Bits.Filter)
	}
	return memory.BytesPacked(tile.OfmapElems, r.plan.Bits.Psum)
}

// haloWords is the buffer words an ifmap load of tile t copies from the
// other half (the previous band's overlapping rows), 0 for other loads.
func (r *layerRun) haloWords(t int, o *occupant, b *memory.Buffer) int64 {
	if o.operand != Ifmap {
		return 0
	}
	return b.Words(r.plan.Tiling.Tiles[t].IfmapCopyElems, r.plan.Bits.Ifmap)
}

// storeBytes is the DRAM size of tile t's outputs: final codes after the
// reduction's last tile, partial sums otherwise.
func (r *layerRun) storeBytes(t int) (int64, bool) {
	tile := r.plan.Tiling.Tiles[t]
	if tile.LastK {
		return memory.BytesPacked(tile.OfmapElems, r.plan.Bits.Ofmap), true
	}
	return memory.BytesPacked(tile.OfmapElems, r.plan.Bits.Psum), false
}

// address places an operand tile in DRAM: each operand has its own 256 MiB
// region and its tiles follow each other in it (tile-major layout).
func (r *layerRun) address(op Operand, psum bool, id int, bytes int64) uint64 {
	const region = 256 << 20
	base := uint64(op) * region
	if psum {
		base = 3 * region
	}
	return base + (uint64(id)*uint64(bytes))%region
}

func (r *layerRun) done() bool {
	if r.scheduled < len(r.plan.Tiling.Tiles) {
		return false
	}
	for _, o := range r.occ[Ofmap] {
		if !o.stored {
			return false
		}
	}
	return true
}
