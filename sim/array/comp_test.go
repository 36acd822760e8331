package array

import (
	"math/rand"
	"testing"

	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"
	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/workloads"
)

// newArray builds an array with its own buffers, with a trace sink (fold
// by fold) or without (closed form).
func newArray(t *testing.T, timer dataflow.Timer, wordsPerCycle int, traced bool) *Comp {
	var bufs [3]*memory.Buffer
	for i := range bufs {
		b, err := memory.MakeBufferBuilder().WithCapacityKiB(64).WithWordBits(32).
			WithBanks(1 + i).WithWordsPerCycle(wordsPerCycle).Build("Buf")
		require.NoError(t, err)
		bufs[i] = b
	}
	b := MakeBuilder().WithEngine(sim.NewSerialEngine()).WithTimer(timer).WithBuffers(bufs[0], bufs[1], bufs[2])
	if traced {
		b = b.WithTaskSink(func(tracing.Task) {})
	}
	return b.Build("Array")
}

// The closed form (no trace) places a tile's folds exactly where walking
// them one by one (with a trace) does, and counts the same activity and
// buffer accesses: random tiles of random GEMMs, on small arrays, with and
// without SRAM port limits, every dataflow and timing mode, operands
// arriving at random times.
func TestGridEqualsFoldByFold(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 300; trial++ {
		a := dataflow.Array{Rows: 1 + rng.Intn(9), Cols: 1 + rng.Intn(9)}
		df := []dataflow.Dataflow{dataflow.OS, dataflow.WS, dataflow.IS}[rng.Intn(3)]
		mode := []dataflow.Timing{dataflow.Pipelined, dataflow.ScaleSim}[rng.Intn(2)]
		timer := dataflow.Timer{Array: a, Dataflow: df, Mode: mode}
		g := workloads.GEMM{P: 1 + rng.Intn(60), K: 1 + rng.Intn(60), N: 1 + rng.Intn(60), Count: 1}
		s := dataflow.Schedule{Dataflow: df, Array: a, GEMM: g}
		ports := rng.Intn(3) // 0: unlimited
		closed, folds := newArray(t, timer, ports, false), newArray(t, timer, ports, true)
		var at int64
		for i := 0; i < 6; i++ {
			p0, k0, n0 := rng.Intn(g.P), rng.Intn(g.K), rng.Intn(g.N)
			tile := dataflow.Tile{Index: i,
				P: dataflow.Range{Start: p0, Len: 1 + rng.Intn(g.P-p0)},
				K: dataflow.Range{Start: k0, Len: 1 + rng.Intn(g.K-k0)},
				N: dataflow.Range{Start: n0, Len: 1 + rng.Intn(g.N-n0)}}
			at += int64(rng.Intn(200))
			req := &RunTileReq{Tag: i, Schedule: &s, Folds: dataflow.TileFolds(tile, a, df), NewLayer: i == 0,
				IfmapAt: at + int64(rng.Intn(50)), FilterAt: at + int64(rng.Intn(50)),
				PsumAt: at + int64(rng.Intn(50)), OutFreeAt: at + int64(rng.Intn(50))}
			want, got := folds.RunTile(req), closed.RunTile(req)
			want.MsgMeta, got.MsgMeta = sim.MsgMeta{}, sim.MsgMeta{}
			require.Equal(t, want, got, "trial %d tile %d", trial, i)
		}
		require.Equal(t, folds.TakeCounters(), closed.TakeCounters(), "trial %d", trial)
		for i := range closed.buffers {
			require.Equal(t, folds.buffers[i].Stats(), closed.buffers[i].Stats(), "trial %d buffer %d", trial, i)
		}
	}
}

// A grid lists its tile's folds in the mapping's order (column fold outer,
// row fold inner) and its classes count each fold once, with the same
// traffic as the fold they stand for.
func TestFoldGridClassesCoverEveryFold(t *testing.T) {
	a := dataflow.Array{Rows: 4, Cols: 3}
	g := workloads.GEMM{P: 20, K: 18, N: 11, Count: 1}
	s := dataflow.Schedule{Dataflow: dataflow.WS, Array: a, GEMM: g}
	tile := dataflow.Tile{Index: 2, P: dataflow.Range{Start: 3, Len: 9}, K: dataflow.Range{Start: 5, Len: 13}, N: dataflow.Range{Start: 1, Len: 10}}
	grid := dataflow.TileFolds(tile, a, dataflow.WS)
	// WS: K (5..17) over the rows, 4 row folds (4, 4, 4, 1); N (1..10)
	// over the columns, 4 column folds (3, 3, 3, 1); P streamed.
	require.Equal(t, 16, grid.Len())
	require.Equal(t, dataflow.FoldSpec{Tile: 2, R0: 17, Rows: 1, C0: 10, Cols: 1, T0: 3, T: 9}, grid.Fold(15))
	require.Equal(t, dataflow.FoldSpec{Tile: 2, R0: 9, Rows: 4, C0: 1, Cols: 3, T0: 3, T: 9}, grid.Fold(1))
	var byClass, byFold dataflow.EdgeTraffic
	var n int64
	all := grid.Classes()
	for _, c := range all.All() {
		n += c.Count
		byClass = byClass.Add(s.FoldTraffic(c.Fold).Scale(c.Count))
	}
	for i := 0; i < grid.Len(); i++ {
		byFold = byFold.Add(s.FoldTraffic(grid.Fold(i)))
	}
	require.Equal(t, int64(16), n)
	require.Equal(t, byFold, byClass)
	classes := all.All()
	require.Equal(t, grid.Fold(15), classes[len(classes)-1].Fold)
	require.Equal(t, int64(1), classes[len(classes)-1].Count)
}
