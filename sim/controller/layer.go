package controller

import (
	"log"

	"github.com/logsim/logsim/dataflow"
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
	readBack    bool  // ofmap: a later occupant has loaded its partial sums
}

// occupants is one operand's occupants of a layer, in order, in a window:
// the layer's j-th occupant is its run of tiles [j·run, (j+1)·run)
// (dataflow.Tiles.Runs); it is made when first asked for (at) and dropped
// once nothing reads it again (prune), so the window holds the occupants
// of the tiles in flight, whatever the number of tiles.
type occupants struct {
	op         Operand
	tiles      dataflow.Tiles
	run, total int         // tiles per occupant, occupants in the layer
	base       int         // index of list[0]
	list       []*occupant // occupants base, base+1, …
}

func newOccupants(op Operand, tiles dataflow.Tiles) occupants {
	run := max(1, tiles.Runs()[op])
	return occupants{op: op, tiles: tiles, run: run, total: (tiles.Len() + run - 1) / run}
}

// of is the index of tile t's occupant.
func (w *occupants) of(t int) int { return t / w.run }

// at is occupant j, made (with every one before it still to make) if
// need be; j must not have been dropped.
func (w *occupants) at(j int) *occupant {
	if j < w.base {
		log.Panicf("controller: %s occupant %d was dropped (window from %d)", w.op, j, w.base)
	}
	for w.base+len(w.list) <= j {
		w.list = append(w.list, w.make(w.base+len(w.list)))
	}
	return w.list[j-w.base]
}

// make is occupant j as it is before any tile runs.
func (w *occupants) make(j int) *occupant {
	first := j * w.run
	ids, firstK := w.tiles.Operands(first)
	return &occupant{operand: w.op, index: j, id: ids[w.op], first: first,
		last: min(first+w.run, w.tiles.Len()) - 1, needsLoad: w.op != Ofmap || !firstK}
}

// dropBelow drops the occupants below j that keep (if given) lets go,
// stopping at the first it keeps; the window starts at j at the latest.
func (w *occupants) dropBelow(j int, keep func(o *occupant) bool) {
	n := 0
	for n < len(w.list) && w.base+n < j && (keep == nil || !keep(w.list[n])) {
		n++
	}
	clear(w.list[:n]) // the backing array no longer holds them
	w.list, w.base = w.list[n:], w.base+n
	if len(w.list) == 0 && keep == nil {
		w.base = max(w.base, j)
	}
}

// tail is the last two occupants (fewer if the layer has fewer), made if
// need be.
func (w *occupants) tail() []*occupant {
	var out []*occupant
	for j := max(0, w.total-2); j < w.total; j++ {
		out = append(out, w.at(j))
	}
	return out
}

// layerRun is the controller's state for the layer being executed (or
// prefetched).
type layerRun struct {
	plan  *LayerPlan
	index int   // the layer's position among the plans
	start int64 // the layer's first cycle; −1 while it is only prefetched
	tiles int   // the layer's tiles
	// prev are the previous layer's last two occupants of each operand:
	// the buffer halves alternate across layers, so they precede this
	// layer's first two.
	prev [numOperands][]*occupant
	occ  [numOperands]occupants
	// spilled are when the output occupants dropped from the window whose
	// partial sums a later occupant of the same output tile reads back
	// stored them, by index, until they are read.
	spilled   map[int]int64
	recent    [4]recentTile // the tiles last asked for (tile)
	nextLoad  int           // tiles below have had their loads issued
	nextRun   int           // tiles below have been sent to the array
	scheduled int           // tiles the array has answered
	stats     LayerStats
}

// newLayerRun prepares layer index of plan, starting at start (−1: not
// yet, begin sets it), after the layer prev (nil for the first).
func newLayerRun(plan *LayerPlan, index int, start int64, prev *layerRun) *layerRun {
	r := &layerRun{plan: plan, index: index, tiles: plan.Tiling.Tiles.Len(), spilled: map[int]int64{}}
	r.begin(start)
	for op := Ifmap; op < numOperands; op++ {
		r.occ[op] = newOccupants(op, plan.Tiling.Tiles)
		if prev != nil {
			r.prev[op] = prev.occ[op].tail()
		}
	}
	return r
}

// recentTile is a tile the controller asked for, with its index + 1 (0:
// none yet).
type recentTile struct {
	at   int
	tile dataflow.Tile
}

// tile is tile t of the layer. The tiles are worked out on demand, and the
// controller reads the same few (those of the next load, the next run and
// the last answer) several times, so the last ones are kept, by index.
func (r *layerRun) tile(t int) dataflow.Tile {
	c := &r.recent[t%len(r.recent)]
	if c.at != t+1 {
		c.at, c.tile = t+1, r.plan.Tiling.Tiles.At(t)
	}
	return c.tile
}

// begin sets the layer's first cycle.
func (r *layerRun) begin(start int64) {
	r.start, r.stats.Start = start, start
}

func (r *layerRun) occupantOf(tile int, op Operand) *occupant {
	return r.occ[op].at(r.occ[op].of(tile))
}

// prune drops the occupants nothing reads again: those of tiles the array
// has answered, two before the first answered tile's (the halves' last
// users, which the next loads wait for), once released (ifmap, filter) or
// stored (outputs); an output occupant whose partial sums are read back
// has its store time kept aside until they are (psumsStored).
func (r *layerRun) prune() {
	for op := Ifmap; op < numOperands; op++ {
		w := &r.occ[op]
		w.dropBelow(w.of(r.scheduled)-2, func(o *occupant) bool {
			if op != Ofmap {
				return !o.released
			}
			if !o.stored {
				return true
			}
			if !o.readBack && !w.tiles.WholeReductions() && !w.tiles.At(o.last).LastK {
				r.spilled[o.index] = o.storedAt
			}
			return false
		})
	}
}

// halfPredecessor is the occupant that used the same buffer half before o,
// in this layer or the previous one, or nil.
func (r *layerRun) halfPredecessor(o *occupant) *occupant {
	if o.index >= 2 {
		return r.occ[o.operand].at(o.index - 2)
	}
	prev := r.prev[o.operand]
	if i := len(prev) + o.index - 2; i >= 0 {
		return prev[i]
	}
	return nil
}

// psumsStored says when the partial sums o reads back (those the last
// earlier occupant of the same output tile stored) were stored, once
// they were.
func (r *layerRun) psumsStored(o *occupant) (at int64, stored bool) {
	w := &r.occ[Ofmap]
	t := w.tiles.Accumulated(o.first)
	if t < 0 {
		return 0, false
	}
	if j := w.of(t); j >= w.base {
		src := w.at(j)
		return src.storedAt, src.stored
	}
	at, stored = r.spilled[w.of(t)]
	return at, stored
}

// readBack marks the partial sums o reads back as read (their store time
// need not be kept aside any longer).
func (r *layerRun) readBack(o *occupant) {
	w := &r.occ[Ofmap]
	if t := w.tiles.Accumulated(o.first); t >= 0 {
		if j := w.of(t); j >= w.base {
			w.at(j).readBack = true
		}
		delete(r.spilled, w.of(t))
	}
}

// bytes is the DRAM size of an operand tile of tile t (packed codes).
func (r *layerRun) loadBytes(t int, op Operand) int64 {
	tile := r.tile(t)
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
	return b.Words(r.tile(t).IfmapCopyElems, r.plan.Bits.Ifmap)
}

// storeBytes is the DRAM size of tile t's outputs: final codes after the
// reduction's last tile, partial sums otherwise.
func (r *layerRun) storeBytes(t int) (int64, bool) {
	tile := r.tile(t)
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

// done reports whether every tile has run and every output occupant has
// been stored (those dropped from the window were).
func (r *layerRun) done() bool {
	if r.scheduled < r.tiles {
		return false
	}
	for _, o := range r.occ[Ofmap].list {
		if !o.stored {
			return false
		}
	}
	return true
}
