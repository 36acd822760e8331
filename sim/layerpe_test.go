package sim

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads/onnx"
)

func resolvedWith(t *testing.T, kv map[string]string) design.Resolved {
	p := design.Default()
	for k, v := range kv {
		pr, ok := design.ParamByKey(k)
		require.True(t, ok, k)
		require.NoError(t, pr.Set(&p, v))
	}
	r, err := p.Resolve()
	require.NoError(t, err)
	return r
}

// TestLayerPE checks per-layer precision: a layer given its own spec costs
// what it costs in a design built of that spec (same cycles, same energy,
// with a tiling that does not depend on prices), the other layers what
// they cost at the design's spec but for their buffer accesses, and the
// area is the larger spec's. The buffers are built once, for the most
// words any spec moves per cycle (cost.BuffersOf): here the mult:a8w8
// layer's, so the shift layers' buffer accesses cost what they would in
// the all-mult design's buffers, for the accesses of the all-shift one.
func TestLayerPE(t *testing.T) {
	m, err := onnx.Load("../examples/mnist/mnist_cnn.onnx")
	require.NoError(t, err)
	net := m.Network
	base := map[string]string{"tile_objective": "traffic", "dram": "ideal"}
	run := func(extra map[string]string) NetworkResult {
		kv := map[string]string{}
		for k, v := range base {
			kv[k] = v
		}
		for k, v := range extra {
			kv[k] = v
		}
		res, err := Run(net, resolvedWith(t, kv), RunOptions{})
		require.NoError(t, err)
		return res
	}
	mixed := run(map[string]string{"pe": "shift:a8w4", "layer_pe": "conv1=mult:a8w8"})
	allMult := run(map[string]string{"pe": "mult:a8w8"})
	allShift := run(map[string]string{"pe": "shift:a8w4"})
	require.Equal(t, allMult.Layers[0].TotalCycles, mixed.Layers[0].TotalCycles)
	require.InDelta(t, allMult.Layers[0].Energy.Total(), mixed.Layers[0].Energy.Total(), 1e-9*allMult.Layers[0].Energy.Total())
	require.Equal(t, allShift.Layers[3].DRAMBytes, mixed.Layers[3].DRAMBytes)
	require.Equal(t, allShift.Layers[3].SRAM, mixed.Layers[3].SRAM)
	buffers := []cost.EnergyPart{cost.EnergyIfmapSRAM, cost.EnergyFilterSRAM, cost.EnergyOfmapSRAM, cost.EnergySRAMLeakage}
	for k, v := range allShift.Layers[3].Energy {
		if slices.Contains(buffers, cost.EnergyPart(k)) {
			continue // the same accesses (below), on other macros
		}
		require.InDelta(t, v, mixed.Layers[3].Energy[k], 1e-9*v, cost.EnergyPart(k).String())
	}
	require.InDelta(t, max(allMult.Cost.Area.Total(), allShift.Cost.Area.Total()), mixed.Cost.Area.Total(), 1e-12)

	_, err = Run(net, resolvedWith(t, map[string]string{"layer_pe": "conv9=mult:a8w8"}), RunOptions{})
	require.ErrorContains(t, err, `layer_pe: network "mnist_cnn" has no array layer "conv9" (did you mean "conv1"?)`)
}
