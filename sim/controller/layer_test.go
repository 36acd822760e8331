package controller

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/workloads"
)

// windowTiling tiles a 3×3 convolution at batch into 4 KiB buffer halves,
// by an objective: least DRAM traffic, or most partial sums spilled (a
// loop order with the reduction outside an output loop).
func windowTiling(t *testing.T, batch int, spill bool) dataflow.Tiling {
	l := workloads.Layer{Name: "c", Kind: workloads.KindConv, Conv: workloads.Conv2D{
		Batch: batch, H: 28, W: 28, Cin: 64, Kh: 3, Kw: 3, Cout: 64, StrideH: 1, StrideW: 1, PadH: 1, PadW: 1, Groups: 1}}
	words := int64(4 * 1024 * 8 / 64)
	space := dataflow.BufferSpace{IfmapWords: words, FilterWords: words, OfmapWords: words,
		WordsFor: func(e int64, b int) int64 { return memory.WordsFor(e, b, 64) }, WordBits: 64, DRAMBytesFor: memory.BytesPacked}
	score := func(c dataflow.TileCost) float64 { return float64(c.DRAM.Total()) }
	if spill {
		score = func(c dataflow.TileCost) float64 { return -float64(c.DRAM.PsumWrite) }
	}
	obj := dataflow.Objective{Score: score}
	bits := dataflow.OperandBits{Ifmap: 8, Filter: 8, Psum: 32, Ofmap: 8}
	tl, err := dataflow.TileLayer(l, dataflow.Array{Rows: 8, Cols: 8}, dataflow.WS, space, bits, dataflow.Pipelined, obj)
	require.NoError(t, err)
	return tl
}

// TestOccupantWindowFollowsTheTilesInBoundedMemory walks a layer's tiles
// as the controller does (each tile's occupants asked for, released or
// stored once their last tile is answered, partial sums read back) and
// requires every occupant to be the run of equal operand tile IDs a scan
// of the tiles finds (its index, ID, first and last tile), the partial
// sums read back to be those of the same output tile, the layer done at
// the end, and the window to hold a few occupants at any batch.
func TestOccupantWindowFollowsTheTilesInBoundedMemory(t *testing.T) {
	for _, spill := range []bool{false, true} {
		for _, batch := range []int{1, 8} {
			name := fmt.Sprintf("least traffic, batch %d", batch)
			if spill {
				name = fmt.Sprintf("most partial sums, batch %d", batch)
			}
			tl := windowTiling(t, batch, spill)
			require.Greater(t, tl.Tiles.Len(), 50, name)
			if spill {
				require.False(t, tl.Tiles.WholeReductions(), name)
			}
			plan := &LayerPlan{Name: "c", Tiling: tl, Bits: dataflow.OperandBits{Ifmap: 8, Filter: 8, Psum: 32, Ofmap: 8}}
			r := newLayerRun(plan, 0, 0, nil)
			var index, first [numOperands]int
			widest, spilled := 0, 0
			for i, tile := range tl.Tiles.All() {
				ids := [numOperands]int{tile.IfmapID, tile.FilterID, tile.OfmapID}
				var prevIDs [numOperands]int
				if i > 0 {
					p := tl.Tiles.At(i - 1)
					prevIDs = [numOperands]int{p.IfmapID, p.FilterID, p.OfmapID}
				}
				for op := Ifmap; op < numOperands; op++ {
					if i > 0 && ids[op] != prevIDs[op] {
						index[op]++
						first[op] = i
					}
					o := r.occupantOf(i, op)
					require.Equal(t, [3]int{index[op], ids[op], first[op]}, [3]int{o.index, o.id, o.first}, "%s tile %d %s", name, i, op)
					last := i
					for last+1 < tl.Tiles.Len() && idOf(tl.Tiles.At(last+1), op) == ids[op] {
						last++
					}
					require.Equal(t, last, o.last, "%s tile %d %s", name, i, op)
				}
				out := r.occupantOf(i, Ofmap)
				if out.first == i && out.needsLoad {
					// the output tile's last earlier occupant, found by a scan
					src := -1
					for j := i - 1; j >= 0 && src < 0; j-- {
						if tl.Tiles.At(j).OfmapID == out.id {
							src = j
						}
					}
					require.GreaterOrEqual(t, src, 0, name)
					at, stored := r.psumsStored(out)
					require.True(t, stored, name)
					require.Equal(t, int64(src), at, "%s tile %d: the partial sums of tile %d", name, i, src)
					r.readBack(out)
				}
				for op := Ifmap; op < numOperands; op++ {
					if o := r.occupantOf(i, op); o.last == i {
						o.released, o.stored = op != Ofmap, op == Ofmap
						o.storedAt = int64(i) // the store's time: here the tile's index
					}
				}
				r.nextLoad, r.nextRun, r.scheduled = i+1, i+1, i+1
				r.prune()
				for op := range r.occ {
					widest = max(widest, len(r.occ[op].list))
				}
				spilled = max(spilled, len(r.spilled))
			}
			require.True(t, r.done(), name)
			require.Empty(t, r.spilled, name)
			require.LessOrEqual(t, widest, 4, name)
			outputs := 0 // output tiles whose partial sums wait in DRAM at once, at most
			for _, tile := range tl.Tiles.All() {
				outputs = max(outputs, tile.OfmapID+1)
			}
			require.LessOrEqual(t, spilled, outputs, name)
			t.Log(name, tl.Order, tl.Tiles.Len(), "tiles, window", widest, "kept aside", spilled)
		}
	}
}

func idOf(t dataflow.Tile, op Operand) int {
	return [numOperands]int{t.IfmapID, t.FilterID, t.OfmapID}[op]
}
