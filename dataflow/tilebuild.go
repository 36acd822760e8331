package dataflow

import (
	"fmt"
	"iter"

	"github.com/logsim/logsim/workloads"
)

// tileRange is one tile's extent along one dimension, with the output rows
// a P range covers (for the ifmap halo).
type tileRange struct {
	Range
	rows int
}

// pRange is the j-th P range of pRows output rows: whole images when
// pRows exceeds an image (the last group may have fewer), else a band of
// one image (its last band may be shorter), images in order.
func (geo geometry) pRange(pRows, j int) tileRange {
	imagePixels := geo.imageRows * geo.rowWidth
	if pRows > geo.imageRows {
		m := pRows / geo.imageRows
		b := j * m
		n := min(m, geo.images-b)
		return tileRange{Range{b * imagePixels, n * imagePixels}, n * geo.imageRows}
	}
	bands := ceilDiv(geo.imageRows, pRows)
	b, r := j/bands, (j%bands)*pRows
	n := min(pRows, geo.imageRows-r)
	return tileRange{Range{b*imagePixels + r*geo.rowWidth, n * geo.rowWidth}, n}
}

// pCount is the number of P ranges of pRows output rows.
func (geo geometry) pCount(pRows int) int {
	if pRows > geo.imageRows {
		return ceilDiv(geo.images, pRows/geo.imageRows)
	}
	return geo.images * ceilDiv(geo.imageRows, pRows)
}

// plainRange is the j-th range of size of n elements (the last may be
// shorter).
func plainRange(n, size, j int) tileRange {
	s := j * size
	l := min(size, n-s)
	return tileRange{Range{s, l}, l}
}

// buildTiling lays out the chosen candidate's tiles in loop order, instance
// by instance, as a sequence computed on demand (Tiles). Their folds are
// not listed: each tile's are its TileFolds grid (column fold outer, row
// fold inner).
func buildTiling(geo geometry, g workloads.GEMM, c candidate, a Array, df Dataflow) Tiling {
	m, _ := NewMapping(g, a, df)
	t := Tiling{Order: c.order, PTile: c.pRows, KTile: c.kt, NTile: c.nt, DRAMBits: c.dram, Activity: c.activity}
	t.Schedule = m.header()
	geo.memo, geo.pack = nil, BufferSpace{} // the search's, not needed to build a tile
	grid := &tileGrid{geo: geo, order: c.order, count: g.Count, size: [3]int{c.pRows, c.kt, c.nt},
		n: [3]int{geo.pCount(c.pRows), ceilDiv(g.K, c.kt), ceilDiv(g.N, c.nt)}}
	t.Tiles = Tiles{len: grid.n[0] * grid.n[1] * grid.n[2] * g.Count, grid: grid}
	return t
}

// Tiles is a layer's tiles in execution order, each computed when asked
// for (At) from its loop indices: nothing per tile is stored, so a
// layer's tiles take the same memory at any batch. The zero value has no
// tiles.
type Tiles struct {
	len  int
	grid *tileGrid    // array tiles (buildTiling)
	vec  *vectorTiles // vector-unit tiles (VectorTiling)
}

// Len is the number of tiles.
func (s Tiles) Len() int { return s.len }

// At is tile i (0 ≤ i < Len()); it panics outside that range, as a slice
// index would.
func (s Tiles) At(i int) Tile {
	if i < 0 || i >= s.len {
		panic(fmt.Sprintf("dataflow: tile %d of %d", i, s.len))
	}
	if s.vec != nil {
		return s.vec.at(i)
	}
	return s.grid.at(i)
}

// Operands is tile i's operand tile IDs (ifmap, filter, ofmap) and whether
// it starts its reduction (Tile's IfmapID, FilterID, OfmapID and FirstK),
// without working out the rest of the tile.
func (s Tiles) Operands(i int) (ids [3]int, firstK bool) {
	if s.vec != nil || i < 0 || i >= s.len {
		t := s.At(i)
		return [3]int{t.IfmapID, t.FilterID, t.OfmapID}, t.FirstK
	}
	inst, idx := s.grid.indices(i)
	return operandIDs(inst, idx, s.grid.n), idx[DimK] == 0
}

// operandIDs are the operand tile IDs (ifmap, filter, ofmap) of the tile
// of instance inst at range indices idx, of counts ranges per dimension.
func operandIDs(inst int, idx, counts [3]int) [3]int {
	np, nk, nn := counts[0], counts[1], counts[2]
	return [3]int{(inst*np+idx[0])*nk + idx[1], (inst*nk+idx[1])*nn + idx[2], (inst*np+idx[0])*nn + idx[2]}
}

// All yields every tile with its index, in order.
func (s Tiles) All() iter.Seq2[int, Tile] {
	return func(yield func(int, Tile) bool) {
		for i := range s.len {
			if !yield(i, s.At(i)) {
				return
			}
		}
	}
}

// Runs is, per operand (ifmap, filter, ofmap), how many consecutive tiles
// share each of its tiles: tile i's operand tile differs from tile i−1's
// exactly when i is a multiple of the run (so operand tile runs, in order,
// are tiles [j·run, (j+1)·run)).
func (s Tiles) Runs() [3]int {
	if s.vec != nil {
		return [3]int{1, s.len, 1}
	}
	if s.grid == nil {
		return [3]int{1, 1, 1}
	}
	return [3]int{s.grid.run(ifmapDims), s.grid.run(filterDims), s.grid.run(ofmapDims)}
}

// WholeReductions reports whether every tile starts its reduction (FirstK):
// the reduction is not cut into K ranges.
func (s Tiles) WholeReductions() bool { return s.grid == nil || s.grid.n[DimK] == 1 }

// Accumulated is, for tile i, the last earlier tile of the same output
// tile (the one whose partial sums tile i reads back: the same instance, P
// and N ranges, the K range before), or −1 if tile i starts its reduction.
func (s Tiles) Accumulated(i int) int {
	if s.grid == nil {
		return -1
	}
	inst, idx := s.grid.indices(i)
	if idx[DimK] == 0 {
		return -1
	}
	idx[DimK]--
	return s.grid.index(inst, idx)
}

// tileGrid is an array layer's tiles: every instance loops over the P, K
// and N ranges in the loop order (order[0] outermost). A range is worked
// out from its index (pRange, plainRange), so nothing is listed.
type tileGrid struct {
	geo   geometry
	order LoopOrder
	count int    // GEMM instances, the outermost loop
	size  [3]int // P tile in output rows, K and N tile extents
	n     [3]int // ranges along P, K and N
}

// ranges is the P, K and N ranges of range indices idx.
func (g *tileGrid) ranges(idx [3]int) [3]tileRange {
	return [3]tileRange{g.geo.pRange(g.size[0], idx[0]), plainRange(g.geo.k, g.size[1], idx[1]),
		plainRange(g.geo.n, g.size[2], idx[2])}
}

// indices decodes tile i into its instance and per-dimension range
// indices: a mixed-radix number whose digits are the loops, innermost
// last.
func (g *tileGrid) indices(i int) (inst int, idx [3]int) {
	for level := 2; level >= 0; level-- {
		d := g.order[level]
		idx[d] = i % g.n[d]
		i /= g.n[d]
	}
	return i, idx
}

// index is the tile of the instance and range indices (indices' inverse).
func (g *tileGrid) index(inst int, idx [3]int) int {
	i := inst
	for _, d := range g.order {
		i = i*g.n[d] + idx[d]
	}
	return i
}

// at is tile i with its halo reuse from tile i−1.
func (g *tileGrid) at(i int) Tile {
	inst, idx := g.indices(i)
	t := g.geo.tile(i, inst, idx, g.n, g.ranges(idx))
	if i > 0 && g.geo.kh > g.geo.stride { // else no band overlaps the one before
		pInst, pIdx := g.indices(i - 1)
		g.geo.reuseHalo(&t, g.geo.tile(i-1, pInst, pIdx, g.n, g.ranges(pIdx)))
	}
	return t
}

// run is how many consecutive tiles share an operand depending on deps:
// the product of the loops inside its innermost dependent loop with more
// than one range (an instance's tiles, if there is none).
func (g *tileGrid) run(deps [2]Dim) int {
	r := 1
	for level := 2; level >= 0; level-- {
		d := g.order[level]
		if (d == deps[0] || d == deps[1]) && g.n[d] > 1 {
			return r
		}
		r *= g.n[d]
	}
	return r
}

// tileInput is the input elements a tile of P range p needs for kt
// reduction terms: its band's input rows (bandInput), or whole images.
func (geo geometry) tileInput(p tileRange, kt int) int64 {
	rowElems := int64(geo.inWidth) * int64(kt/geo.kPerChan)
	if p.rows >= geo.imageRows {
		return int64(p.rows/geo.imageRows) * int64(geo.inRows) * rowElems
	}
	r0 := (p.Start % (geo.imageRows * geo.rowWidth)) / geo.rowWidth
	lo, hi := geo.bandInput(r0, p.rows)
	return int64(hi-lo) * rowElems
}

// reuseHalo sets how much of tile t's ifmap comes from DRAM: all of it,
// unless t starts a new ifmap tile that is the next band, in the same
// image, instance and K range, of the previous tile's (halo.go); then the
// overlap is copied from the other half.
func (geo geometry) reuseHalo(t *Tile, prev Tile) {
	t.IfmapLoadElems = t.IfmapElems
	if t.IfmapID == prev.IfmapID || t.Instance != prev.Instance || t.K != prev.K || geo.kh <= geo.stride {
		return
	}
	pixels := geo.imageRows * geo.rowWidth
	rows := func(r Range) (img, r0, n int) {
		return r.Start / pixels, (r.Start % pixels) / geo.rowWidth, r.Len / geo.rowWidth
	}
	img, r0, n := rows(t.P)
	pImg, p0, pn := rows(prev.P)
	if n >= geo.imageRows || img != pImg || p0+pn != r0 {
		return
	}
	_, prevHi := geo.bandInput(p0, pn)
	lo, hi := geo.bandInput(r0, n)
	if prevHi <= lo {
		return
	}
	rowElems := t.IfmapElems / int64(hi-lo)
	t.IfmapCopyElems = int64(prevHi-lo) * rowElems
	t.IfmapLoadElems = int64(hi-prevHi) * rowElems
}

// tile is tile index of instance inst at range indices idx (of counts)
// with ranges r, before halo reuse.
func (geo geometry) tile(index, inst int, idx, counts [3]int, r [3]tileRange) Tile {
	p, k, n := r[0], r[1], r[2]
	in := geo.tileInput(p, k.Len)
	ids := operandIDs(inst, idx, counts)
	return Tile{
		Index: index, Instance: inst, P: p.Range, K: k.Range, N: n.Range,
		IfmapID:        ids[0],
		FilterID:       ids[1],
		OfmapID:        ids[2],
		IfmapElems:     in,
		IfmapLoadElems: in,
		FilterElems:    int64(k.Len) * int64(n.Len),
		OfmapElems:     int64(p.Len) * int64(n.Len),
		FirstK:         idx[1] == 0,
		LastK:          idx[1] == counts[1]-1,
	}
}
