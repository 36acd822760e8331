package sim

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/workloads"
)

// TestRepeatsChangeNoResult runs design points at the analytic level
// twice, stepping through every tile and repeating runs of alike tiles in
// closed form, and requires every result to be the same, over networks
// and batches, the three dataflows, small and large arrays and buffers,
// prefetch on and off and ideal, bandwidth and fast DRAM; and that most of
// them did repeat something (so that the comparison compares).
func TestRepeatsChangeNoResult(t *testing.T) {
	type point struct {
		name     string
		net      workloads.Network
		dram     dram.Config
		df       dataflow.Dataflow
		rows     int
		cols     int
		kib      int
		prefetch bool
	}
	fast := dram.Config{Model: dram.ModelFast, Preset: "DDR4-3200"}
	points := []point{
		{"resnet18 ws bandwidth", workloads.ResNet18(2), bandwidthDRAM(25.6), dataflow.WS, 32, 32, 64, true},
		{"resnet18 os 6.4 GB/s", workloads.ResNet18(2), bandwidthDRAM(6.4), dataflow.OS, 16, 64, 32, true},
		{"resnet18 is ideal no prefetch", workloads.ResNet18(1), dram.Config{Model: dram.ModelIdeal}, dataflow.IS, 16, 16, 16, false},
		{"alexnet ws fast 8x8", workloads.AlexNet(4), fast, dataflow.WS, 8, 8, 16, true},
		{"alexnet os fast", workloads.AlexNet(2), fast, dataflow.OS, 32, 32, 64, false},
		{"mobilenetv2 is bandwidth", workloads.MobileNetV2(2), bandwidthDRAM(12.8), dataflow.IS, 32, 8, 32, true},
		{"mobilenetv2 ws ideal 8x8", workloads.MobileNetV2(1), dram.Config{Model: dram.ModelIdeal}, dataflow.WS, 8, 8, 16, true},
		{"resnet50 ws fast batch 4", workloads.ResNet50(4), fast, dataflow.WS, 32, 32, 64, true},
		{"resnet18 is fast HBM2 batch 8 8x8", workloads.ResNet18(8), dram.Config{Model: dram.ModelFast, Preset: "HBM2"}, dataflow.IS, 8, 8, 32, true},
		{"resnet18 os ideal batch 4 128x32", workloads.ResNet18(4), dram.Config{Model: dram.ModelIdeal}, dataflow.OS, 128, 32, 128, false},
		{"bert ws bandwidth 64x64", workloads.BERTBase(2), bandwidthDRAM(25.6), dataflow.WS, 64, 64, 64, true},
	}
	repeated := 0
	for _, p := range points {
		d := withDRAM(p.dram)
		d.Dataflow, d.Array.Rows, d.Array.Cols, d.Prefetch = p.df, p.rows, p.cols, p.prefetch
		d.IfmapKiB, d.FilterKiB, d.OfmapKiB = p.kib, p.kib, p.kib
		r, err := d.Resolve()
		require.NoError(t, err, p.name)
		var stepped, jumped int64
		want, err := Run(p.net, r, RunOptions{Fidelity: FidelityAnalytic, StepEveryTile: true, repeated: &stepped})
		require.NoError(t, err, p.name)
		got, err := Run(p.net, r, RunOptions{Fidelity: FidelityAnalytic, repeated: &jumped})
		require.NoError(t, err, p.name)
		require.Zero(t, stepped, p.name)
		t.Log(p.name, jumped, "periods repeated")
		if jumped > 0 {
			repeated++
		}
		require.Equal(t, want, got, p.name)
	}
	require.GreaterOrEqual(t, repeated, len(points)-2, "most points repeat some tiles")
}
