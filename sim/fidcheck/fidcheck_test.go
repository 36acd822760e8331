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
