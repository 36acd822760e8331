package dataflow

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/workloads"
)

// listTiles enumerates a layer's tiles the plain way, independently of
// Tiles: nested loops over the instances and the three dimensions in the
// loop order, each tile's ranges, operand IDs and sizes worked out from the
// layer's shape, and its halo from the input rows the previous tile's band
// held.
func listTiles(l workloads.Layer, order LoopOrder, pRows, kt, nt int) []Tile {
	g := l.GEMM()
	images, ho, wo, h, w, stride, kh, pad, kPerChan := 1, g.P, 1, g.P, 1, 1, 1, 0, 1
	if l.Kind == workloads.KindConv {
		c := l.Conv
		images, ho, wo, h, w, stride, kh, pad, kPerChan = c.Batch, c.OutH(), c.OutW(), c.H, c.W, c.StrideH, c.SpanH(), c.PadH, c.Kh*c.Kw
	}
	type pRange struct {
		Range
		image, row0, rows int // rows: output rows (−1 for whole images)
	}
	var ps []pRange
	if pRows > ho {
		m := pRows / ho
		for b := 0; b < images; b += m {
			n := min(m, images-b)
			ps = append(ps, pRange{Range{b * ho * wo, n * ho * wo}, b, 0, -1})
		}
	} else {
		for b := 0; b < images; b++ {
			for r := 0; r < ho; r += pRows {
				n := min(pRows, ho-r)
				ps = append(ps, pRange{Range{(b*ho + r) * wo, n * wo}, b, r, n})
			}
		}
	}
	split := func(n, size int) []Range {
		var out []Range
		for s := 0; s < n; s += size {
			out = append(out, Range{s, min(size, n-s)})
		}
		return out
	}
	ks, ns := split(g.K, kt), split(g.N, nt)
	band := func(p pRange) (lo, hi int) { // input rows the band reads
		return max(0, p.row0*stride-pad), min(h, (p.row0+p.rows-1)*stride-pad+kh)
	}
	var out []Tile
	var prevP pRange
	for inst := 0; inst < g.Count; inst++ {
		var idx [3]int
		n := [3]int{len(ps), len(ks), len(ns)}
		for idx[order[0]] = 0; idx[order[0]] < n[order[0]]; idx[order[0]]++ {
			for idx[order[1]] = 0; idx[order[1]] < n[order[1]]; idx[order[1]]++ {
				for idx[order[2]] = 0; idx[order[2]] < n[order[2]]; idx[order[2]]++ {
					p, k, nn := ps[idx[0]], ks[idx[1]], ns[idx[2]]
					chans := int64(k.Len / kPerChan)
					var in int64
					if p.rows < 0 {
						in = int64(p.Len/(ho*wo)) * int64(h) * int64(w) * chans
					} else {
						lo, hi := band(p)
						in = int64(hi-lo) * int64(w) * chans
					}
					t := Tile{
						Index: len(out), Instance: inst, P: p.Range, K: k, N: nn,
						IfmapID:    (inst*n[0]+idx[0])*n[1] + idx[1],
						FilterID:   (inst*n[1]+idx[1])*n[2] + idx[2],
						OfmapID:    (inst*n[0]+idx[0])*n[2] + idx[2],
						IfmapElems: in, IfmapLoadElems: in,
						FilterElems: int64(k.Len) * int64(nn.Len), OfmapElems: int64(p.Len) * int64(nn.Len),
						FirstK: idx[1] == 0, LastK: idx[1] == n[1]-1,
					}
					if len(out) > 0 {
						prev := out[len(out)-1]
						if t.IfmapID != prev.IfmapID && prev.Instance == inst && prev.K == k && kh > stride &&
							p.rows >= 0 && prevP.rows >= 0 && prevP.image == p.image && prevP.row0+prevP.rows == p.row0 {
							_, prevHi := band(prevP)
							lo, hi := band(p)
							if prevHi > lo {
								perRow := in / int64(hi-lo)
								t.IfmapCopyElems = int64(prevHi-lo) * perRow
								t.IfmapLoadElems = int64(hi-prevHi) * perRow
							}
						}
					}
					prevP = p
					out = append(out, t)
				}
			}
		}
	}
	return out
}

func convBatch(h, cin, k, cout, stride, pad, groups, batch int) workloads.Layer {
	l := convLayer(h, cin, k, cout, stride, pad)
	l.Conv.Groups, l.Conv.Batch = groups, batch
	return l
}

// TestTilesOnDemandEqualTheEnumeration requires every tile Tiles computes
// to equal the plain enumeration's (listTiles), with what the controller
// reads in closed form (Runs, WholeReductions, Accumulated) checked
// against the list: convolutions with a halo (stride 1 and 2), a 1×1
// convolution, a depthwise one (an instance per channel), a matmul, at
// batches 1 to 3, over every P, K and N tile size on the candidates'
// lists (and the whole dimension) and all six loop orders.
func TestTilesOnDemandEqualTheEnumeration(t *testing.T) {
	layers := []workloads.Layer{
		convBatch(9, 4, 3, 6, 1, 1, 1, 1),
		convBatch(9, 4, 3, 6, 1, 1, 1, 3),
		convBatch(11, 2, 3, 5, 2, 1, 1, 2),
		convBatch(7, 6, 1, 4, 1, 0, 1, 2),
		convBatch(8, 3, 3, 3, 1, 1, 3, 2), // depthwise
		fcLayer(7, 10, 5),
	}
	a := Array{Rows: 4, Cols: 4}
	checked := 0
	for _, l := range layers {
		geo := newGeometry(l)
		g := l.GEMM()
		for _, pRows := range geo.pRowCandidates() {
			for _, kt := range geo.kCandidates() {
				for _, nt := range extentCandidates(g.N) {
					for _, order := range allOrders {
						name := fmt.Sprintf("%s batch %d %v P%d K%d N%d", l.Kind, l.Conv.Batch, order, pRows, kt, nt)
						tl := buildTiling(geo, g, candidate{order: order, pRows: pRows, kt: kt, nt: nt}, a, WS)
						want := listTiles(l, order, pRows, kt, nt)
						requireTilesEqual(t, want, tl.Tiles, name)
						checked++
					}
				}
			}
		}
	}
	require.Greater(t, checked, 500)
}

// requireTilesEqual requires s to be the list want, and its closed forms
// to agree with the list.
func requireTilesEqual(t *testing.T, want []Tile, s Tiles, name string) {
	t.Helper()
	require.Equal(t, len(want), s.Len(), name)
	whole := true
	runs := s.Runs()
	for i, w := range want {
		require.Equal(t, w, s.At(i), "%s tile %d", name, i)
		ids, firstK := s.Operands(i)
		require.Equal(t, [3]int{w.IfmapID, w.FilterID, w.OfmapID}, ids, "%s tile %d", name, i)
		require.Equal(t, w.FirstK, firstK, "%s tile %d", name, i)
		whole = whole && w.FirstK
		if i > 0 {
			p := want[i-1]
			changes := [3]bool{w.IfmapID != p.IfmapID, w.FilterID != p.FilterID, w.OfmapID != p.OfmapID}
			for op, c := range changes {
				require.Equal(t, c, i%runs[op] == 0, "%s tile %d operand %d run %d", name, i, op, runs[op])
			}
		}
		acc := -1
		for j := i - 1; j >= 0 && !w.FirstK; j-- {
			if want[j].OfmapID == w.OfmapID {
				acc = j
				break
			}
		}
		require.Equal(t, acc, s.Accumulated(i), "%s tile %d", name, i)
	}
	require.Equal(t, whole, s.WholeReductions(), name)
	n := 0
	for i, tile := range s.All() {
		require.Equal(t, want[i], tile, name)
		n++
	}
	require.Equal(t, len(want), n, name)
}

// TestVectorTilesOnDemandEqualTheEnumeration does the same for the vector
// unit's tiles: runs of outputs, each reading ⌊k·in/out⌋ inputs before
// output k.
func TestVectorTilesOnDemandEqualTheEnumeration(t *testing.T) {
	for _, c := range []struct {
		in, out, ops, chunk int64
	}{{in: 100, out: 100, ops: 100, chunk: 7}, {in: 400, out: 100, ops: 300, chunk: 9}, {in: 37, out: 11, ops: 11, chunk: 11}, {in: 5, out: 13, ops: 26, chunk: 4}} {
		lanes := int64(3)
		var want []Tile
		for start := int64(0); start < c.out; start += c.chunk {
			n := min(c.chunk, c.out-start)
			elems := (start+n)*c.in/c.out - start*c.in/c.out
			ops := n * (c.ops / c.out)
			want = append(want, Tile{Index: len(want), P: Range{int(start), int(n)}, IfmapID: len(want), OfmapID: len(want),
				IfmapElems: elems, IfmapLoadElems: elems, OfmapElems: n, FirstK: true, LastK: true,
				VectorCycles: (ops + lanes - 1) / lanes, VectorOps: ops})
		}
		v := &vectorTiles{chunk: c.chunk, in: c.in, out: c.out, opsPer: c.ops / c.out, lanes: lanes}
		requireTilesEqual(t, want, Tiles{len: len(want), vec: v}, fmt.Sprint(c))
	}
}

// TestTilesTakeTheSameMemoryAtAnyBatch requires a layer's tiling to
// allocate as much at batch 256 as at batch 1, though it has 256 times as
// many tiles.
func TestTilesTakeTheSameMemoryAtAnyBatch(t *testing.T) {
	allocs := func(batch int) (float64, int) {
		l := convBatch(56, 64, 3, 64, 1, 1, 1, batch)
		geo := newGeometry(l)
		c := candidate{order: LoopOrder{DimN, DimP, DimK}, pRows: 8, kt: 64 * 9, nt: 64}
		var tl Tiling
		n := testing.AllocsPerRun(5, func() { tl = buildTiling(geo, l.GEMM(), c, Array{Rows: 32, Cols: 32}, WS) })
		return n, tl.Tiles.Len()
	}
	one, tiles1 := allocs(1)
	many, tiles256 := allocs(256)
	require.Equal(t, 256*tiles1, tiles256)
	require.Equal(t, one, many, "allocations at batch 1 and 256")
}
