package dataflow

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/workloads"
)

// packed64 is memory.WordsFor for 64-bit words (codes of b ≤ 64 bits, ⌊64/b⌋
// to a word), restated here because dataflow does not import memory.
func packed64(elems int64, bits int) int64 {
	per := int64(64 / bits)
	return (elems + per - 1) / per
}

// space8 is a buffer of halfKiB KiB per half of 64-bit words, with DRAM
// packed in 64-bit words as memory.BytesPacked does.
func space8(halfKiB int64) BufferSpace {
	words := halfKiB * 1024 * 8 / 64
	return BufferSpace{IfmapWords: words, FilterWords: words, OfmapWords: words, WordsFor: packed64,
		WordBits: 64, DRAMBytesFor: func(elems int64, bits int) int64 { return 8 * packed64(elems, bits) }}
}

var bits8 = OperandBits{Ifmap: 8, Filter: 8, Psum: 32, Ofmap: 8}

// traffic is a candidate's DRAM traffic, bits.
func traffic(c TileCost) float64 { return trafficBound(c.BoundTerms()) }

// trafficBound is traffic as a bound sees it.
func trafficBound(t BoundTerms) float64 { return float64(t.DRAM.Total()) }

// minTraffic is the tiling objective of least DRAM traffic (package
// sim/cost supplies the objectives logsim runs with; dataflow does not
// import it); its bound is itself.
var minTraffic = Objective{Score: traffic, Bound: trafficBound}

func convLayer(h, cin, k, cout, stride, pad int) workloads.Layer {
	return workloads.Layer{Name: "c", Kind: workloads.KindConv, Conv: workloads.Conv2D{
		Batch: 1, H: h, W: h, Cin: cin, Kh: k, Kw: k, Cout: cout,
		StrideH: stride, StrideW: stride, PadH: pad, PadW: pad, Groups: 1}}
}

func fcLayer(m, k, n int) workloads.Layer {
	return workloads.Layer{Name: "fc", Kind: workloads.KindFC, MatMul: workloads.MatMul{M: m, K: k, N: n, Count: 1}}
}

func TestLayerThatFitsIsOneTileWithTheMappingsSchedule(t *testing.T) {
	l := convLayer(14, 16, 3, 32, 1, 1) // ifmap 14·14·16 = 3136 B, filter 4608 B, ofmap 6272 B
	a := Array{Rows: 8, Cols: 8}
	for _, df := range []Dataflow{OS, WS, IS} {
		tl, err := TileLayer(l, a, df, space8(32), bits8, Pipelined, minTraffic)
		require.NoError(t, err)
		require.Equal(t, 1, tl.Tiles.Len())
		m, err := NewMapping(l.GEMM(), a, df)
		require.NoError(t, err)
		require.Equal(t, m.Schedule(), tl.FoldSchedule())
		// Each tensor crosses DRAM exactly once.
		require.Equal(t, DRAMBits{IfmapRead: 3136 * 8, FilterRead: 4608 * 8, OfmapWrite: 6272 * 8}, tl.DRAMBits)
	}
}

// reuseTraffic recomputes DRAM traffic from the tile list alone: an operand
// is loaded whenever its tile ID differs from the previous tile's (an ifmap
// band only its rows the previous band did not hold), and an output tile
// that is not complete is spilled and later read back.
func reuseTraffic(tl Tiling, bits OperandBits) DRAMBits {
	var d DRAMBits
	n := tl.Tiles.Len()
	for i, tile := range tl.Tiles.All() {
		if i == 0 || tile.IfmapID != tl.Tiles.At(i-1).IfmapID {
			d.IfmapRead += tile.IfmapLoadElems * int64(bits.Ifmap)
		}
		if i == 0 || tile.FilterID != tl.Tiles.At(i-1).FilterID {
			d.FilterRead += tile.FilterElems * int64(bits.Filter)
		}
		leaving := i == n-1 || tile.OfmapID != tl.Tiles.At(i+1).OfmapID
		arriving := i == 0 || tile.OfmapID != tl.Tiles.At(i-1).OfmapID
		if arriving && !tile.FirstK {
			d.PsumRead += tile.OfmapElems * int64(bits.Psum)
		}
		if leaving && tile.LastK {
			d.OfmapWrite += tile.OfmapElems * int64(bits.Ofmap)
		} else if leaving {
			d.PsumWrite += tile.OfmapElems * int64(bits.Psum)
		}
	}
	return d
}

func tilingCases() []workloads.Layer {
	return []workloads.Layer{
		convLayer(56, 64, 3, 64, 1, 1),   // ResNet layer1 3×3
		convLayer(224, 64, 3, 64, 1, 1),  // VGG conv1_2: a row band needs channel tiling
		convLayer(28, 512, 1, 128, 1, 0), // 1×1 reduce
		convLayer(56, 256, 1, 512, 2, 0), // strided 1×1 downsample
		fcLayer(1, 4096, 4096),           // batch-1 FC
		fcLayer(128, 768, 3072),          // BERT FFN
		{Name: "dw", Kind: workloads.KindConv, Conv: workloads.Conv2D{Batch: 2, H: 28, W: 28, Cin: 96, Kh: 3, Kw: 3,
			Cout: 96, StrideH: 1, StrideW: 1, PadH: 1, PadW: 1, Groups: 96}},
	}
}

func TestTilesFitAndTrafficFollowsReuse(t *testing.T) {
	a := Array{Rows: 32, Cols: 32}
	space := space8(8)
	for _, l := range tilingCases() {
		for _, df := range []Dataflow{OS, WS, IS} {
			tl, err := TileLayer(l, a, df, space, bits8, Pipelined, minTraffic)
			require.NoError(t, err, l.Name)
			for _, tile := range tl.Tiles.All() {
				require.LessOrEqual(t, packed64(tile.IfmapElems, 8), space.IfmapWords)
				require.LessOrEqual(t, packed64(tile.FilterElems, 8), space.FilterWords)
				require.LessOrEqual(t, packed64(tile.OfmapElems, 32), space.OfmapWords)
			}
			require.Equal(t, reuseTraffic(tl, bits8), tl.DRAMBits, "%s %v %v", l.Name, df, tl.Order)
			g := l.GEMM()
			require.GreaterOrEqual(t, tl.DRAMBits.FilterRead, int64(g.K*g.N*g.Count)*8)
			require.Equal(t, l.Tensors().Ofmap*8, tl.DRAMBits.OfmapWrite)
			// The schedule covers every MAC exactly once.
			var macs int64
			for _, f := range tl.FoldSchedule().Folds {
				macs += int64(f.Rows) * int64(f.Cols) * int64(f.T)
			}
			require.Equal(t, l.MACs(), macs)
		}
	}
}

func TestClosedFormCyclesEqualTheSchedules(t *testing.T) {
	a := Array{Rows: 16, Cols: 8}
	geo := newGeometry(convLayer(30, 40, 3, 50, 1, 1))
	g := convLayer(30, 40, 3, 50, 1, 1).GEMM()
	for _, df := range []Dataflow{OS, WS, IS} {
		for _, mode := range []Timing{ScaleSim, Pipelined} {
			for _, order := range allOrders {
				for _, c := range []candidate{{order: order, pRows: 7, kt: 9 * 13, nt: 11}, {order: order, pRows: 30, kt: 360, nt: 50}} {
					c = geo.evaluate(order, c.pRows, c.kt, c.nt, g, bits8, a, df, mode)
					tl := buildTiling(geo, g, c, a, df)
					require.Equal(t, tl.FoldSchedule().Cycles(mode), c.cycles, "%v %v %v", df, mode, order)
					require.Equal(t, c.cycles, tl.Cycles(mode), "%v %v %v", df, mode, order)
					require.Equal(t, c.cycles, tl.walkCycles(tl.Schedule.Timer(mode)), "%v %v %v", df, mode, order)
				}
			}
		}
	}
}

func TestBiggerBuffersNeverIncreaseTraffic(t *testing.T) {
	a := Array{Rows: 32, Cols: 32}
	for _, l := range tilingCases() {
		prev := int64(-1)
		for _, kib := range []int64{2, 4, 8, 16, 32, 64, 256} {
			tl, err := TileLayer(l, a, WS, space8(kib), bits8, Pipelined, minTraffic)
			require.NoError(t, err, l.Name)
			if prev >= 0 {
				require.LessOrEqual(t, tl.DRAMBits.Total(), prev, "%s at %d KiB", l.Name, kib)
			}
			prev = tl.DRAMBits.Total()
		}
	}
}

func TestNothingFitsIsAClearError(t *testing.T) {
	_, err := TileLayer(convLayer(224, 64, 3, 64, 1, 1), Array{Rows: 8, Cols: 8}, WS,
		BufferSpace{IfmapWords: 4, FilterWords: 4, OfmapWords: 4, WordsFor: packed64},
		bits8, Pipelined, minTraffic)
	require.ErrorContains(t, err, `layer "c": no tile fits half of the buffers`)
}

func TestExtentCandidates(t *testing.T) {
	// ⌈10/t⌉ for t = 1…10: 10, 5, 4, 3, 2, 2, 2, 2, 2, 1.
	require.Equal(t, []int{10, 5, 4, 3, 2, 1}, extentCandidates(10))
	require.Equal(t, []int{1}, extentCandidates(1))
}

func TestWholeLayerIsTheMappingsSchedule(t *testing.T) {
	l := convLayer(224, 64, 3, 64, 1, 1) // far larger than any buffer
	for _, df := range []Dataflow{OS, WS, IS} {
		tl, err := WholeLayer(l, Array{Rows: 32, Cols: 32}, df, bits8)
		require.NoError(t, err)
		m, err := NewMapping(l.GEMM(), Array{Rows: 32, Cols: 32}, df)
		require.NoError(t, err)
		require.Equal(t, 1, tl.Tiles.Len())
		require.Equal(t, m.Schedule(), tl.FoldSchedule())
		require.Equal(t, reuseTraffic(tl, bits8), tl.DRAMBits)
	}
	dw := tilingCases()[6] // 96 groups: one tile per group
	tl, err := WholeLayer(dw, Array{Rows: 8, Cols: 8}, WS, bits8)
	require.NoError(t, err)
	require.Equal(t, 96, tl.Tiles.Len())
	folds := tl.FoldSchedule().Folds
	require.Equal(t, 95, folds[len(folds)-1].Tile)
}

// The tiler keeps the candidate its objective scores lowest: minimising
// stall-free cycles never gives more cycles than minimising traffic, and
// maximising traffic never gives less traffic; on these layers each
// objective changes the choice at least once.
func TestTheObjectiveDecides(t *testing.T) {
	a := Array{Rows: 32, Cols: 32}
	space := space8(8)
	minCycles := Objective{Score: func(c TileCost) float64 { return float64(c.Cycles) }}
	maxTraffic := Objective{Score: func(c TileCost) float64 { return -traffic(c) }}
	fewerCycles, moreTraffic := false, false
	for _, l := range tilingCases() {
		base, err := TileLayer(l, a, WS, space, bits8, Pipelined, minTraffic)
		require.NoError(t, err)
		fast, err := TileLayer(l, a, WS, space, bits8, Pipelined, minCycles)
		require.NoError(t, err)
		worst, err := TileLayer(l, a, WS, space, bits8, Pipelined, maxTraffic)
		require.NoError(t, err)
		require.LessOrEqual(t, fast.Cycles(Pipelined), base.Cycles(Pipelined), l.Name)
		require.GreaterOrEqual(t, worst.DRAMBits.Total(), base.DRAMBits.Total(), l.Name)
		fewerCycles = fewerCycles || fast.Cycles(Pipelined) < base.Cycles(Pipelined)
		moreTraffic = moreTraffic || worst.DRAMBits.Total() > base.DRAMBits.Total()
	}
	require.True(t, fewerCycles, "minimising cycles changed no choice")
	require.True(t, moreTraffic, "maximising traffic changed no choice")
	_, err := TileLayer(tilingCases()[0], a, WS, space, bits8, Pipelined, Objective{})
	require.ErrorContains(t, err, "no tiling objective")
}

// Halo reuse, by hand: an 8-row image, 3×3 filter, stride 1, padding 1,
// cut into bands of 2 output rows. The bands read input rows [0,3), [1,5),
// [3,7), [5,8) (clipped: padding rows are not stored): 3+4+4+3 = 14 rows
// without reuse; with it the later bands load only 2, 2 and 1 new rows and
// copy 2, 2 and 2 from the other half: 8 rows, the image once.
func TestHaloBandsByHand(t *testing.T) {
	geo := newGeometry(convLayer(8, 1, 3, 1, 1, 1))
	want := []bandRead{{3, 3, 0}, {4, 2, 2}, {4, 2, 2}, {3, 1, 2}}
	require.Equal(t, want, geo.bandReads(2, true))
	full := geo.sweep(2, 1, false, BufferSpace{}, 8)
	reuse := geo.sweep(2, 1, true, BufferSpace{}, 8)
	require.Equal(t, int64(14*8), full.loadElems)
	require.Equal(t, int64(8*8), reuse.loadElems)
	require.Equal(t, int64(14*8), reuse.elems)
	// A 1×1 stride-2 convolution has no halo: nothing to reuse.
	geo = newGeometry(convLayer(8, 1, 1, 1, 2, 0))
	require.Equal(t, geo.sweep(1, 1, false, BufferSpace{}, 8), geo.sweep(1, 1, true, BufferSpace{}, 8))
}

// With P inside K every input row of a K range is read from DRAM exactly
// once per sweep over P: VGG conv1_2's shape in bands of 4 output rows and
// 16 channels, K>N>P (one sweep per K tile) reads the input exactly once;
// P>K>N reads every band's halo again. The tile list's replay and the
// closed form agree, in every order, with one K tile or four.
func TestHaloReuseReadsEachRowOncePerSweep(t *testing.T) {
	l := convLayer(224, 64, 3, 64, 1, 1)
	geo, g, a := newGeometry(l), l.GEMM(), Array{Rows: 32, Cols: 32}
	for _, kt := range []int{g.K, g.K / 4} {
		for _, order := range allOrders {
			c := geo.evaluate(order, 4, kt, g.N, g, bits8, a, WS, Pipelined)
			tl := buildTiling(geo, g, c, a, WS)
			require.Equal(t, reuseTraffic(tl, bits8), tl.DRAMBits, "%v K tile %d", order, kt)
			once := order[0] == DimK || (order[0] == DimN && order[1] == DimK) || kt == g.K
			if once {
				require.Equal(t, l.Tensors().Ifmap*8, tl.DRAMBits.IfmapRead, "%v K tile %d", order, kt)
			} else {
				require.Greater(t, tl.DRAMBits.IfmapRead, l.Tensors().Ifmap*8, "%v K tile %d", order, kt)
			}
		}
	}
}

// The bounds prune without changing the outcome: an objective whose score
// needs the activity (SRAM words, priced above DRAM bits) chooses the same
// tiling, with the same score, runner-up and candidate count, whether the
// tiler may prune with its bound (DRAM bits plus cycles, read per order and
// per choice of sizes) or must score every candidate.
func TestBoundsPruneWithoutChangingTheChoice(t *testing.T) {
	score := func(c TileCost) float64 {
		var words int64
		for i := range c.Activity.Array {
			words += c.Activity.Array[i].Reads + c.Activity.Array[i].Writes + c.Activity.DMA[i].Reads + c.Activity.DMA[i].Writes
		}
		return float64(c.DRAM.Total()) + 8*float64(c.Cycles) + float64(words)
	}
	bound := func(t BoundTerms) float64 { return float64(t.DRAM.Total()) + 8*float64(t.Cycles) }
	pruned, exhaustive := Objective{Score: score, Bound: bound}, Objective{Score: score}
	for _, l := range append(tilingCases(), convLayer(56, 256, 1, 64, 1, 0), fcLayer(1, 2048, 1000)) {
		for _, df := range []Dataflow{OS, WS, IS} {
			for _, kib := range []int64{2, 16} {
				a := Array{Rows: 16, Cols: 32}
				want, err := TileLayer(l, a, df, space8(kib), bits8, Pipelined, exhaustive)
				require.NoError(t, err)
				got, err := TileLayer(l, a, df, space8(kib), bits8, Pipelined, pruned)
				require.NoError(t, err)
				require.Equal(t, want, got, "%s %v %d KiB", l.Name, df, kib)
			}
		}
	}
}
