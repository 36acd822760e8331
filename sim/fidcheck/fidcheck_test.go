package fidcheck

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/workloads"
)

// The grid's first points walk the first axis (arrays), and enough points
// cover every value of every axis.
func TestGridSpreadsOverTheAxes(t *testing.T) {
	pts, err := Grid(7 * 3 * 4 * 2 * 2)
	require.NoError(t, err)
	require.Equal(t, dataflow.Array{Rows: 8, Cols: 8}, pts[0].Array)
	require.Equal(t, dataflow.Array{Rows: 16, Cols: 16}, pts[1].Array)
	seen := map[string]bool{}
	for _, p := range pts {
		seen[describe(p)] = true
		require.Equal(t, p.IfmapKiB, p.FilterKiB)
		require.Equal(t, p.IfmapKiB, p.OfmapKiB)
	}
	require.Len(t, seen, len(pts), "every point distinct")
}

// A check on a tiny network: ideal and bandwidth DRAM are identical at
// both levels; the summary counts them; a point that cannot be tiled is a
// failed row, not an error.
func TestCheckOnATinyNetwork(t *testing.T) {
	net := workloads.Network{Name: "tiny", Batch: 1, Layers: []workloads.Layer{
		{Name: "fc1", Kind: workloads.KindFC, MatMul: workloads.MatMul{M: 4, K: 64, N: 48, Count: 1}},
		{Name: "fc2", Kind: workloads.KindFC, MatMul: workloads.MatMul{M: 4, K: 48, N: 32, Count: 1}},
	}}
	pts, err := Grid(2)
	require.NoError(t, err)
	drams := DRAMs()[:3] // ideal and the bandwidth models
	rows, err := Check([]workloads.Network{net}, pts, drams, Options{Workers: 2})
	require.NoError(t, err)
	require.Len(t, rows, len(pts)*len(drams))
	for _, r := range rows {
		require.Empty(t, r.Error, r.Design)
		require.True(t, r.Identical, "%s %s", r.DRAM, r.Design)
		require.Zero(t, r.ErrPct)
	}
	for _, s := range Summarize(rows, drams) {
		require.Equal(t, len(pts), s.Rows)
		require.Equal(t, s.Rows, s.Identical)
		require.Equal(t, s.Rows, s.Exact)
	}
}

// ByAxis groups rows by each axis value: worked out by hand on four rows.
func TestByAxis(t *testing.T) {
	d := DRAM{Name: "fast-X"}
	rows := []Row{
		{DRAM: "fast-X", Design: "rows=8 dataflow=ws ifmap_kib=8 pe=mult:a8w8 prefetch=on", ErrPct: -4},
		{DRAM: "fast-X", Design: "rows=8 dataflow=os ifmap_kib=32 pe=mult:a8w8 prefetch=on", ErrPct: 2},
		{DRAM: "fast-X", Design: "rows=16 dataflow=ws ifmap_kib=8 pe=mult:a8w8 prefetch=on", ErrPct: 1},
		{DRAM: "fast-X", Design: "rows=16 dataflow=ws ifmap_kib=8 pe=mult:a8w8 prefetch=on", Error: "failed"},
		{DRAM: "ideal", Design: "rows=8 dataflow=ws ifmap_kib=8 pe=mult:a8w8 prefetch=on", ErrPct: 0},
	}
	got := map[string]AxisSummary{}
	for _, s := range ByAxis(rows, []DRAM{d}) {
		got[s.Axis+"="+s.Value] = s
	}
	require.Equal(t, AxisSummary{DRAM: "fast-X", Axis: "rows", Value: "8", Rows: 2, MeanAbsErrPct: 3, MaxAbsErrPct: 4, Within3Pct: 1}, got["rows=8"])
	require.Equal(t, AxisSummary{DRAM: "fast-X", Axis: "ifmap_kib", Value: "8", Rows: 2, MeanAbsErrPct: 2.5, MaxAbsErrPct: 4, Within3Pct: 1}, got["ifmap_kib=8"])
	require.Equal(t, 3, got["pe=mult:a8w8"].Rows)
	require.NotContains(t, got, "pe=shift:a8w4", "no row has it")
	require.Len(t, got, 2+2+2+1+1) // rows 8,16; dataflow ws,os; ifmap 8,32; pe; prefetch
}
