package dataflow

import (
	"github.com/logsim/logsim/workloads"
)

// tileRange is one tile's extent along one dimension, with the output rows
// a P range covers (for the ifmap halo).
type tileRange struct {
	Range
	rows int
}

// ranges expands pieces into consecutive ranges, image by image for P.
func (geo geometry) pRanges(pRows int) []tileRange {
	var out []tileRange
	imagePixels := geo.imageRows * geo.rowWidth
	if pRows > geo.imageRows {
		m := pRows / geo.imageRows
		for b := 0; b < geo.images; b += m {
			n := min(m, geo.images-b)
			out = append(out, tileRange{Range{b * imagePixels, n * imagePixels}, n * geo.imageRows})
		}
		return out
	}
	for b := 0; b < geo.images; b++ {
		for r := 0; r < geo.imageRows; r += pRows {
			n := min(pRows, geo.imageRows-r)
			out = append(out, tileRange{Range{b*imagePixels + r*geo.rowWidth, n * geo.rowWidth}, n})
		}
	}
	return out
}

func plainRanges(n, size int) []tileRange {
	var out []tileRange
	for s := 0; s < n; s += size {
		l := min(size, n-s)
		out = append(out, tileRange{Range{s, l}, l})
	}
	return out
}

// buildTiling lays out the chosen candidate's tiles in loop order, instance
// by instance. Their folds are not listed: each tile's are its TileFolds
// grid (column fold outer, row fold inner).
func buildTiling(geo geometry, g workloads.GEMM, c candidate, a Array, df Dataflow) Tiling {
	m, _ := NewMapping(g, a, df)
	t := Tiling{Order: c.order, PTile: c.pRows, KTile: c.kt, NTile: c.nt, DRAMBits: c.dram, Activity: c.activity}
	t.Schedule = m.header()
	dims := [3][]tileRange{geo.pRanges(c.pRows), plainRanges(g.K, c.kt), plainRanges(g.N, c.nt)}
	n := [3]int{len(dims[0]), len(dims[1]), len(dims[2])}
	t.Tiles = make([]Tile, 0, n[0]*n[1]*n[2]*g.Count)
	for inst := 0; inst < g.Count; inst++ {
		forEachIndex(c.order, n, func(idx [3]int) {
			tile := geo.tile(len(t.Tiles), inst, idx, dims)
			if len(t.Tiles) > 0 {
				geo.reuseHalo(&tile, t.Tiles[len(t.Tiles)-1])
			}
			t.Tiles = append(t.Tiles, tile)
		})
	}
	return t
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

// forEachIndex visits every index triple with order[0] outermost.
func forEachIndex(order LoopOrder, n [3]int, visit func(idx [3]int)) {
	var idx [3]int
	var rec func(level int)
	rec = func(level int) {
		if level == 3 {
			visit(idx)
			return
		}
		d := order[level]
		for idx[d] = 0; idx[d] < n[d]; idx[d]++ {
			rec(level + 1)
		}
	}
	rec(0)
}

func (geo geometry) tile(index, inst int, idx [3]int, dims [3][]tileRange) Tile {
	p, k, n := dims[0][idx[0]], dims[1][idx[1]], dims[2][idx[2]]
	np, nk, nn := len(dims[0]), len(dims[1]), len(dims[2])
	return Tile{
		Index: index, Instance: inst, P: p.Range, K: k.Range, N: n.Range,
		IfmapID:        (inst*np+idx[0])*nk + idx[1],
		FilterID:       (inst*nk+idx[1])*nn + idx[2],
		OfmapID:        (inst*np+idx[0])*nn + idx[2],
		IfmapElems:     geo.tileInput(p, k.Len),
		IfmapLoadElems: geo.tileInput(p, k.Len),
		FilterElems:    int64(k.Len) * int64(n.Len),
		OfmapElems:     int64(p.Len) * int64(n.Len),
		FirstK:         idx[1] == 0,
		LastK:          idx[1] == nk-1,
	}
}
