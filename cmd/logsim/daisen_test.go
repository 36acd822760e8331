package main

import (
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sarchlab/akita/v3/tracing"
	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/results/plots"
)

// TestTraceOpensInDaisen writes a run's --trace and reads it back with
// Daisen's own CSV trace reader (akita v3.1.0 tracing.CSVTraceReader, what
// "daisen -csv FILE" serves): the components, one layer task per layer
// named after it, tiles under layers, folds under tiles, DMA loads and
// stores, and a last layer that ends, with the final drain, at the run's
// total cycles.
func TestTraceOpensInDaisen(t *testing.T) {
	dir := t.TempDir()
	trace := filepath.Join(dir, "trace.csv")
	status, _, stderr := runCLI(t, "run", "--topology", filepath.Join("testdata", "sweep", "tiny-net.yaml"), "--dram", "bandwidth",
		"--rows", "8", "--cols", "8", "--trace", trace, "--out", dir, "--run-name", "r", "--quiet")
	require.Equal(t, exitOK, status, stderr)

	r := tracing.NewCSVTraceReader(trace)
	require.Equal(t, []string{"Accel.Array", "Accel.Controller", "Accel.DMA", "Accel.Vector"}, r.ListComponents())
	layers := r.ListTasks(tracing.TaskQuery{Kind: "layer"})
	var names []string
	for _, l := range layers {
		names = append(names, l.What)
	}
	require.Equal(t, []string{"conv1", "pool1", "conv2", "fc"}, names, "tiny-net.yaml's layers in order")

	tiles := r.ListTasks(tracing.TaskQuery{Kind: "tile", EnableParentTask: true})
	require.NotEmpty(t, tiles)
	for _, tile := range tiles {
		require.NotNil(t, tile.ParentTask, "tile %s has its layer", tile.ID)
		require.Equal(t, "layer", tile.ParentTask.Kind)
	}
	folds := r.ListTasks(tracing.TaskQuery{Kind: "fold", EnableParentTask: true})
	require.NotEmpty(t, folds)
	for _, f := range folds {
		require.NotNil(t, f.ParentTask, "fold %s has its tile", f.ID)
		require.Equal(t, "tile", f.ParentTask.Kind)
		require.GreaterOrEqual(t, float64(f.StartTime), float64(f.ParentTask.StartTime))
	}
	require.NotEmpty(t, r.ListTasks(tracing.TaskQuery{Kind: "load", Where: "Accel.DMA"}))
	require.NotEmpty(t, r.ListTasks(tracing.TaskQuery{Kind: "store", Where: "Accel.DMA"}))

	d, err := plots.Load(filepath.Join(dir, "r", "logsim_network.csv"))
	require.NoError(t, err)
	total, err := d.Points[0].Finite("total_cycles")
	require.NoError(t, err)
	drain, err := d.Points[0].Finite("drain_cycles")
	require.NoError(t, err)
	end := float64(layers[len(layers)-1].EndTime) * 1e9 // 1000 MHz: one cycle a nanosecond
	require.Equal(t, strconv.Itoa(int(total)), strconv.Itoa(int(math.Round(end+drain))))
}
