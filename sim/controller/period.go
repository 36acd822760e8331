package controller

import (
	"math"
	"slices"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/internal/clock"
)

// A driver without the Akita engine (package sim/analytic) may repeat a
// stretch of a layer in closed form: where the whole state at one point,
// relative to its cycle, equals the state some tiles earlier, and the
// tiles ahead are those tiles again, the run repeats itself up to a shift
// in time and in tile numbers. This file gives the controller's part: its
// state as a key, what it had counted, and the move.

// PeriodMark is where the controller was at a point a key describes.
type PeriodMark struct {
	layer, tile int // the layer and its next tile to run
	// lo and hi are the first and last occupant of each operand the key
	// describes.
	lo, hi [numOperands]int
	// touched is one past the last tile the controller has looked at.
	touched int
	stats   LayerStats
	// deferred are the release cycles, relative to the mark's cycle, of
	// the described occupants whose successors in their half the
	// controller has not looked at yet: left out of the key, as an
	// operand that stays in its half for the whole period keeps them
	// (Repeat compares them where the operand moves on).
	deferred [numOperands][]int64
}

// never stands for a time that is not set in a key (as the driver's and
// the DMA's keys write a time that never comes).
const never = clock.Never

// AppendPeriodKey appends to key the controller's state relative to cycle
// now, if a stretch of tiles may repeat from here: a layer of array tiles
// whose tiles all start their reduction (no partial sums read back) under
// way, every tile sent answered, nothing waiting to be sent, no prefetch.
func (c *Comp) AppendPeriodKey(key []int64, now int64) ([]int64, PeriodMark, bool) {
	r := c.cur
	if r == nil || c.pre != nil || c.done || len(c.outbox) > 0 || r.start < 0 || r.plan.Tiling.Vector ||
		r.scheduled != r.nextRun || r.nextRun == 0 || r.nextRun >= r.tiles || !r.reductionsWhole() {
		return key, PeriodMark{}, false
	}
	tiles := r.tiles
	m := PeriodMark{layer: r.index, tile: r.nextRun, touched: min(r.nextLoad+1, tiles), stats: r.stats}
	for op := Ifmap; op < numOperands; op++ {
		// the last two occupants are the half-predecessors of the next ones
		m.hi[op] = r.occ[op].of(min(r.nextLoad, tiles-1))
		m.lo[op] = min(r.firstNeeded(op), m.hi[op]-1)
	}
	for _, ref := range c.transfers {
		if ref.r != r {
			return key, m, false
		}
		m.lo[ref.o.operand] = min(m.lo[ref.o.operand], ref.o.index)
	}
	key = append(key, int64(r.index), int64(r.nextLoad-r.nextRun), int64(len(c.transfers)))
	for op := Ifmap; op < numOperands; op++ {
		if m.lo[op] < 0 {
			return key, m, false
		}
		key = append(key, int64(m.hi[op]-m.lo[op]), int64(r.occ[op].of(r.nextRun)-m.lo[op]))
		for j := m.lo[op]; j <= m.hi[op]; j++ {
			o := r.occ[op].at(j)
			deferred := op != Ofmap && o.released && o.index+2 > m.hi[op]
			if deferred {
				m.deferred[op] = append(m.deferred[op], o.releaseAt-now)
			}
			key = o.appendKey(key, r.nextRun, m.touched, deferred, now)
		}
	}
	return key, m, true
}

// firstNeeded is the first occupant of op whose state the controller may
// still read: the one of the next tile to run, and, for the first one
// whose load is still to be issued (or, for outputs, for the next tile to
// run), the one two before (the last user of its half).
func (r *layerRun) firstNeeded(op Operand) int {
	i := r.occ[op].of(r.nextRun)
	if op == Ofmap {
		return i - 2
	}
	last := r.occ[op].of(min(r.nextLoad, r.tiles-1))
	for j := i; j <= last; j++ {
		if o := r.occ[op].at(j); o.needsLoad && !o.loadIssued {
			return min(i, j-2)
		}
	}
	return i
}

// appendKey appends the occupant's state relative to tile t and cycle
// now: its first and last tile where the controller may still read them
// (from t on, below touched), its flags and its times. Its readyAt no
// longer matters once its first tile has been placed (a later tile of it
// starts after that one, whose start waited for it).
func (o *occupant) appendKey(key []int64, t, touched int, deferRelease bool, now int64) []int64 {
	flags := int64(0)
	for i, f := range []bool{o.needsLoad, o.loadIssued, o.loaded, o.released, o.stored} {
		if f {
			flags |= 1 << i
		}
	}
	at := func(set bool, cycle int64) int64 {
		if !set {
			return never
		}
		return cycle - now
	}
	tile := func(n int) int64 {
		switch {
		case n < t:
			return never
		case n >= touched:
			return math.MaxInt64
		}
		return int64(n - t)
	}
	return append(key, tile(o.first), tile(o.last), flags,
		at(o.loaded && o.first >= t, o.readyAt), at(o.released && !deferRelease, o.releaseAt), at(o.stored, o.storedAt))
}

// AppendTransferKey appends to key what the transfer tagged tag moves, its
// occupant relative to mark's; false for a tag the controller does not
// know.
func (c *Comp) AppendTransferKey(key []int64, tag int, mark PeriodMark) ([]int64, bool) {
	ref, ok := c.transfers[tag]
	if !ok || ref.r != c.cur {
		return key, false
	}
	store := int64(0)
	if ref.store {
		store = 1
	}
	return append(key, int64(ref.o.operand), store, int64(ref.o.index-mark.lo[ref.o.operand]), ref.bytes, ref.copy), true
}

// reductionsWhole reports whether every tile of the layer starts its
// reduction: no partial sums are read back, so no occupant looks back
// further than two of its operand's occupants.
func (r *layerRun) reductionsWhole() bool { return r.plan.Tiling.Tiles.WholeReductions() }

// Periods is how many more periods like the one from a to b the tiles
// ahead allow: the tiles from a's next one to run to b's last looked at,
// shifted by whole periods, must equal the ones a period before them in
// everything the controller and the array read of them (the occupants'
// first and last tiles follow from whether each operand changes).
func (c *Comp) Periods(a, b PeriodMark) int64 {
	r := c.cur
	t := b.tile - a.tile
	if r == nil || a.layer != r.index || b.layer != r.index || t <= 0 || a.tile < 1 {
		return 0
	}
	j := a.tile
	for j+t < r.tiles && r.sameTile(j, j+t) {
		j++
	}
	// the tiles from a.tile up to j+t−1 repeat with period t: the stretch
	// a period from b looks at, up to b.touched−1, shifted by k−1 more
	// periods, must stay below.
	return int64(max(0, (j+t-b.touched)/t))
}

// sameTile reports whether tiles i and j are alike for the controller and
// the array: sizes, bytes, halo, the place on the reduction, and whether
// each operand changes from the tile before.
func (r *layerRun) sameTile(i, j int) bool {
	a, b := r.tile(i), r.tile(j)
	k := r.plan.Tiling.Schedule.GEMM.K
	ends := func(t dataflow.Tile) [2]bool { return [2]bool{t.K.Start == 0, t.K.End() == k} }
	changes := func(n int) [numOperands]bool {
		p, t := r.tile(n-1), r.tile(n)
		return [numOperands]bool{t.IfmapID != p.IfmapID, t.FilterID != p.FilterID, t.OfmapID != p.OfmapID}
	}
	return a.P.Len == b.P.Len && a.K.Len == b.K.Len && a.N.Len == b.N.Len && ends(a) == ends(b) &&
		a.IfmapElems == b.IfmapElems && a.IfmapLoadElems == b.IfmapLoadElems && a.IfmapCopyElems == b.IfmapCopyElems &&
		a.FilterElems == b.FilterElems && a.OfmapElems == b.OfmapElems && a.FirstK == b.FirstK && a.LastK == b.LastK &&
		a.VectorCycles == b.VectorCycles && a.VectorOps == b.VectorOps && changes(i) == changes(j)
}

// Repeat returns how to move the controller on by periods more periods of
// cycles cycles like the one from a to b (b being now): its layer's tiles
// by as many, its occupants' states to the ones as many periods on, its
// transfers to those occupants, its counts by as much again; false where
// the layer's spans or last output did not move on by exactly cycles.
func (c *Comp) Repeat(a, b PeriodMark, periods, cycles int64) (func(), bool) {
	r := c.cur
	s, ok := b.stats.repeat(a.stats, periods, cycles)
	if !ok {
		return nil, false
	}
	tiles := int(periods) * (b.tile - a.tile)
	var shift [numOperands]int
	for op := range shift {
		shift[op] = int(periods) * (b.lo[op] - a.lo[op])
		if b.hi[op]-a.hi[op] != b.lo[op]-a.lo[op] || b.hi[op]+shift[op] >= r.occ[op].total ||
			shift[op] > 0 && !slices.Equal(a.deferred[op], b.deferred[op]) {
			return nil, false
		}
	}
	return func() {
		dt := periods * cycles
		for op := Ifmap; op < numOperands; op++ {
			if shift[op] == 0 {
				continue // the same occupants, unchanged by a period (their keys are)
			}
			w := &r.occ[op]
			src := make([]*occupant, 0, b.hi[op]-b.lo[op]+1)
			for i := b.lo[op]; i <= b.hi[op]; i++ {
				src = append(src, w.at(i))
			}
			// the occupants the periods pass over are done with (an
			// output's store is one of the periods')
			w.dropBelow(b.lo[op]+shift[op], nil)
			for i := b.hi[op]; i >= b.lo[op]; i-- {
				w.at(i+shift[op]).takeState(src[i-b.lo[op]], dt)
			}
		}
		for tag, ref := range c.transfers {
			ref.o = r.occ[ref.o.operand].at(ref.o.index + shift[ref.o.operand])
			c.transfers[tag] = ref
		}
		r.nextLoad += tiles
		r.nextRun += tiles
		r.scheduled += tiles
		r.stats = s
	}, true
}

// takeState gives o the progress of src, dt cycles later.
func (o *occupant) takeState(src *occupant, dt int64) {
	o.loadIssued, o.loaded, o.released, o.stored = src.loadIssued, src.loaded, src.released, src.stored
	o.readyAt, o.releaseAt, o.storedAt = src.readyAt+dt, src.releaseAt+dt, src.storedAt+dt
}

// repeat returns s after periods more periods of cycles cycles like the
// one from prev to s.
func (s LayerStats) repeat(prev LayerStats, periods, cycles int64) (LayerStats, bool) {
	if s.Start != prev.Start || s.FirstFold != prev.FirstFold || s.StoresDoneAt != prev.StoresDoneAt ||
		s.LastEnd-prev.LastEnd != cycles {
		return s, false
	}
	s.LastEnd += periods * cycles
	s.DRAMBytes = s.DRAMBytes.Repeat(prev.DRAMBytes, periods)
	for i := range s.DMAWords {
		s.DMAWords[i] = s.DMAWords[i].Repeat(prev.DMAWords[i], periods)
	}
	// a finished transfer widens its span and adds its words (DMAWords:
	// loads write the buffer, stores read it)
	spans := [...]*dataflow.CycleSpan{&s.DRAMSpans.IfmapRead, &s.DRAMSpans.FilterRead, &s.DRAMSpans.PsumRead, &s.DRAMSpans.Write}
	before := [...]dataflow.CycleSpan{prev.DRAMSpans.IfmapRead, prev.DRAMSpans.FilterRead, prev.DRAMSpans.PsumRead, prev.DRAMSpans.Write}
	added := [...]bool{s.DMAWords[Ifmap].Writes != prev.DMAWords[Ifmap].Writes, s.DMAWords[Filter].Writes != prev.DMAWords[Filter].Writes,
		s.DMAWords[Ofmap].Writes != prev.DMAWords[Ofmap].Writes, s.DMAWords[Ofmap].Reads != prev.DMAWords[Ofmap].Reads}
	for i, sp := range spans {
		var ok bool
		if *sp, ok = sp.Repeat(before[i], added[i], periods, cycles); !ok {
			return s, false
		}
	}
	return s, true
}

// NextTile is the layer under way and its next tile to run (−1, −1
// between layers).
func (c *Comp) NextTile() (layer, tile int) {
	if c.cur == nil {
		return -1, -1
	}
	return c.cur.index, c.cur.nextRun
}

// Transfers is the number of DMA transfers the controller awaits.
func (c *Comp) Transfers() int { return len(c.transfers) }
