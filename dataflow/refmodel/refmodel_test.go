package refmodel

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/workloads"
)

var (
	dataflows = []dataflow.Dataflow{dataflow.OS, dataflow.WS, dataflow.IS}
	modes     = []dataflow.Timing{dataflow.ScaleSim, dataflow.Pipelined}
)

func randomMatrix(rng *rand.Rand, rows, cols int) Matrix {
	m := NewMatrix(rows, cols)
	for i := range m {
		for j := range m[i] {
			m[i][j] = int64(rng.Intn(101) - 50)
		}
	}
	return m
}

func randomProblem(rng *rand.Rand, g workloads.GEMM) Problem {
	var p Problem
	for i := 0; i < g.Count; i++ {
		p.A = append(p.A, randomMatrix(rng, g.P, g.K))
		p.B = append(p.B, randomMatrix(rng, g.K, g.N))
	}
	return p
}

// directGEMM is the textbook triple loop, independent of any array model.
func directGEMM(a, b Matrix) Matrix {
	c := NewMatrix(len(a), len(b[0]))
	for i := range a {
		for j := range b[0] {
			for k := range b {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return c
}

// TestReferenceEqualsGEMMAndClosedForms is the proof of cycle accuracy:
// over 300 random small GEMMs and every dataflow and timing mode, the
// register-level array computes the same matrix as a direct GEMM, and the
// cycles it measures — per fold and for the whole layer — equal the closed
// forms dataflow uses. Its edge counters equal dataflow's traffic counts.
// Each GEMM runs twice: with the mapping's own fold sequence and with a
// random tiling (folds of different stream lengths, K split into pieces
// whose partial sums meet at the edge), as the Akita simulation runs them.
func TestReferenceEqualsGEMMAndClosedForms(t *testing.T) {
	rng := rand.New(rand.NewSource(20261127))
	const cases = 300
	for n := 0; n < cases; n++ {
		arr := dataflow.Array{Rows: 1 + rng.Intn(8), Cols: 1 + rng.Intn(8)}
		g := workloads.GEMM{P: 1 + rng.Intn(40), K: 1 + rng.Intn(40), N: 1 + rng.Intn(40), Count: 1}
		if n%5 == 0 {
			g.Count = 2 // grouped layers continue the fold sequence
		}
		prob := randomProblem(rng, g)
		for _, df := range dataflows {
			for _, mode := range modes {
				name := fmt.Sprintf("case%d/%v/%v/%dx%d/P%dK%dN%dx%d", n, df, mode, arr.Rows, arr.Cols, g.P, g.K, g.N, g.Count)
				m, err := dataflow.NewMapping(g, arr, df)
				require.NoError(t, err, name)
				checkCase(t, name, m.Schedule(), mode, prob)
				require.Equal(t, m.Cycles(mode), m.Schedule().Cycles(mode), name)
				checkCase(t, name+"/tiled", randomTiledSchedule(rng, m), mode, prob)
			}
		}
	}
}

func checkCase(t *testing.T, name string, s dataflow.Schedule, mode dataflow.Timing, prob Problem) {
	t.Helper()
	res, err := Run(s, mode, prob, Options{})
	require.NoError(t, err, name)
	for i := range prob.A {
		require.Equal(t, directGEMM(prob.A[i], prob.B[i]), res.Outputs[i], name)
	}
	require.Equal(t, s.Cycles(mode), res.Cycles, name)
	tm := s.Timer(mode)
	for f, rec := range res.Folds {
		fold := s.Folds[f]
		require.Equal(t, int64(tm.Lead()), rec.StreamStart-rec.Start, "%s fold %d lead", name, f)
		require.Equal(t, int64(tm.Latency(fold.T)), rec.End-rec.Start+1, "%s fold %d latency", name, f)
		if f > 0 {
			prev := int64(tm.Interval(s.Folds[f-1].T))
			require.Equal(t, prev, rec.Start-res.Folds[f-1].Start, "%s fold %d interval", name, f)
		}
		w := tm.Window(fold.T)
		at := func(off int) int64 { return rec.Start + int64(off) }
		require.Equal(t, window{at(w.IfmapFirst), at(w.IfmapLast)}, rec.Ifmap, "%s fold %d ifmap window", name, f)
		require.Equal(t, window{at(w.FilterFirst), at(w.FilterLast)}, rec.Filter, "%s fold %d filter window", name, f)
		require.Equal(t, window{at(w.OutFirst), at(w.OutLast)}, rec.Out, "%s fold %d output window", name, f)
	}
	require.Equal(t, s.Traffic(), res.Traffic, name)
}

// randomTiledSchedule cuts the mapping's three extents into random tiles,
// visits them in a random loop order, and splits each tile into folds of
// at most R rows and C columns (column outer, row inner).
func randomTiledSchedule(rng *rand.Rand, m dataflow.Mapping) dataflow.Schedule {
	s := m.Schedule()
	s.Folds = nil
	rs, cs, ts := randomCuts(rng, m.Sr), randomCuts(rng, m.Sc), randomCuts(rng, m.T)
	order := rng.Perm(3)
	tile := 0
	for inst := 0; inst < m.GEMM.Count; inst++ {
		forEachTile(order, [3][][2]int{rs, cs, ts}, func(r, c, tt [2]int) {
			s.Folds = append(s.Folds, foldsOfTile(m.Array, inst, tile, r, c, tt)...)
			tile++
		})
	}
	return s
}

// randomCuts splits [0, n) into consecutive [start, length) pieces.
func randomCuts(rng *rand.Rand, n int) [][2]int {
	var cuts [][2]int
	for start := 0; start < n; {
		l := 1 + rng.Intn(n-start)
		cuts = append(cuts, [2]int{start, l})
		start += l
	}
	return cuts
}

// forEachTile visits every combination of pieces with dimension order[0]
// outermost.
func forEachTile(order []int, pieces [3][][2]int, visit func(r, c, t [2]int)) {
	var idx [3]int
	var rec func(level int)
	rec = func(level int) {
		if level == 3 {
			visit(pieces[0][idx[0]], pieces[1][idx[1]], pieces[2][idx[2]])
			return
		}
		d := order[level]
		for idx[d] = 0; idx[d] < len(pieces[d]); idx[d]++ {
			rec(level + 1)
		}
	}
	rec(0)
}

func foldsOfTile(a dataflow.Array, inst, tile int, r, c, tt [2]int) []dataflow.FoldSpec {
	var folds []dataflow.FoldSpec
	for c0 := c[0]; c0 < c[0]+c[1]; c0 += a.Cols {
		for r0 := r[0]; r0 < r[0]+r[1]; r0 += a.Rows {
			folds = append(folds, dataflow.FoldSpec{
				Instance: inst, Tile: tile,
				R0: r0, Rows: min(a.Rows, r[0]+r[1]-r0),
				C0: c0, Cols: min(a.Cols, c[0]+c[1]-c0),
				T0: tt[0], T: tt[1],
			})
		}
	}
	return folds
}

// TestWorkedExamples pins the documented examples by hand.
func TestWorkedExamples(t *testing.T) {
	cases := []struct {
		df     dataflow.Dataflow
		mode   dataflow.Timing
		g      workloads.GEMM
		arr    dataflow.Array
		cycles int64
	}{
		// SCALE-Sim#125: M=N=K=4 on 4×4 OS; SCALE-Sim prints 9 (zero-based),
		// i.e. 10 cycles: K + R + C − 2 = 4 + 4 + 4 − 2.
		{dataflow.OS, dataflow.ScaleSim, workloads.GEMM{P: 4, K: 4, N: 4, Count: 1}, dataflow.Array{Rows: 4, Cols: 4}, 10},
		// dataflow.FoldTiming's worked example: WS, P=5, K=7, N=3 on 4×4:
		// two folds of 15 cycles; pipelined, the second starts at 5.
		{dataflow.WS, dataflow.ScaleSim, workloads.GEMM{P: 5, K: 7, N: 3, Count: 1}, dataflow.Array{Rows: 4, Cols: 4}, 30},
		{dataflow.WS, dataflow.Pipelined, workloads.GEMM{P: 5, K: 7, N: 3, Count: 1}, dataflow.Array{Rows: 4, Cols: 4}, 20},
		// Batch-1 FC in WS: T = P = 1 < R = 4, K = 8 → two folds, the second
		// waits for its preload: starts at 4, ends at 4 + (1+8+4−2) − 1 = 14.
		{dataflow.WS, dataflow.Pipelined, workloads.GEMM{P: 1, K: 8, N: 4, Count: 1}, dataflow.Array{Rows: 4, Cols: 4}, 15},
	}
	rng := rand.New(rand.NewSource(1))
	for _, tc := range cases {
		m, err := dataflow.NewMapping(tc.g, tc.arr, tc.df)
		require.NoError(t, err)
		res, err := Run(m.Schedule(), tc.mode, randomProblem(rng, tc.g), Options{})
		require.NoError(t, err)
		require.Equal(t, tc.cycles, res.Cycles, "%v %v %+v", tc.df, tc.mode, tc.g)
		require.Equal(t, tc.cycles, m.Cycles(tc.mode))
	}
}

// TestTooShortIntervalIsAHazard shows the reference catches a schedule the
// hardware cannot run: one cycle less than the closed-form interval
// corrupts a register, and the run fails instead of passing by luck.
func TestTooShortIntervalIsAHazard(t *testing.T) {
	cases := []struct {
		df dataflow.Dataflow
		g  workloads.GEMM
	}{
		{dataflow.WS, workloads.GEMM{P: 2, K: 9, N: 3, Count: 1}}, // T < R: preload bound
		{dataflow.WS, workloads.GEMM{P: 7, K: 9, N: 3, Count: 1}}, // T > R: stream bound
		{dataflow.IS, workloads.GEMM{P: 3, K: 9, N: 2, Count: 1}}, // T = N < R
		{dataflow.OS, workloads.GEMM{P: 9, K: 5, N: 3, Count: 1}}, // T = K
		{dataflow.OS, workloads.GEMM{P: 9, K: 1, N: 9, Count: 1}}, // T = 1: interval 1 is the floor
	}
	rng := rand.New(rand.NewSource(2))
	arr := dataflow.Array{Rows: 4, Cols: 3}
	for _, tc := range cases {
		m, err := dataflow.NewMapping(tc.g, arr, tc.df)
		require.NoError(t, err)
		prob := randomProblem(rng, tc.g)
		interval := int64(m.FoldTiming(dataflow.Pipelined).Interval)
		_, err = Run(m.Schedule(), dataflow.Pipelined, prob, Options{ForcedInterval: interval})
		require.NoError(t, err, "%v at the closed-form interval", tc.df)
		if interval == 1 {
			continue
		}
		_, err = Run(m.Schedule(), dataflow.Pipelined, prob, Options{ForcedInterval: interval - 1})
		require.ErrorIs(t, err, errHazard, "%v at interval %d", tc.df, interval-1)
	}
}

func TestRunRejectsMismatchedOperands(t *testing.T) {
	m, err := dataflow.NewMapping(workloads.GEMM{P: 2, K: 3, N: 4, Count: 1}, dataflow.Array{Rows: 2, Cols: 2}, dataflow.WS)
	require.NoError(t, err)
	_, err = Run(m.Schedule(), dataflow.Pipelined, Problem{A: []Matrix{NewMatrix(2, 2)}, B: []Matrix{NewMatrix(3, 4)}}, Options{})
	require.ErrorContains(t, err, "operands are not")
}

// TestReferenceRunsTheTilersSchedules runs the schedules dataflow.TileLayer
// builds for small layers in tiny buffers (several tiles, partial sums
// spilled across K tiles) through the reference array.
func TestReferenceRunsTheTilersSchedules(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	layers := []workloads.Layer{
		{Name: "conv", Kind: workloads.KindConv, Conv: workloads.Conv2D{Batch: 2, H: 9, W: 7, Cin: 6, Kh: 3, Kw: 2,
			Cout: 11, StrideH: 2, StrideW: 1, PadH: 1, PadW: 0, Groups: 1}},
		{Name: "fc", Kind: workloads.KindFC, MatMul: workloads.MatMul{M: 3, K: 37, N: 23, Count: 1}},
		{Name: "grouped", Kind: workloads.KindConv, Conv: workloads.Conv2D{Batch: 1, H: 6, W: 6, Cin: 8, Kh: 3, Kw: 3,
			Cout: 4, StrideH: 1, StrideW: 1, PadH: 1, PadW: 1, Groups: 2}},
	}
	space := dataflow.BufferSpace{IfmapWords: 6, FilterWords: 5, OfmapWords: 5,
		WordsFor: func(elems int64, bits int) int64 { return (elems*int64(bits) + 63) / 64 }}
	bits := dataflow.OperandBits{Ifmap: 8, Filter: 8, Psum: 32, Ofmap: 8}
	for _, l := range layers {
		g := l.GEMM()
		prob := randomProblem(rng, g)
		for _, df := range dataflows {
			for _, mode := range modes {
				tl, err := dataflow.TileLayer(l, dataflow.Array{Rows: 3, Cols: 4}, df, space, bits, mode,
					dataflow.Objective{Score: func(c dataflow.TileCost) float64 { return float64(c.DRAM.Total()) }})
				require.NoError(t, err)
				require.Greater(t, tl.Tiles.Len(), 1, "%s is tiled", l.Name)
				checkCase(t, fmt.Sprintf("%s/%v/%v/%v", l.Name, df, mode, tl.Order), tl.FoldSchedule(), mode, prob)
			}
		}
	}
}
