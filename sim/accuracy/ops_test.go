package accuracy

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/workloads/onnx"
)

// TestOpsModelMatchesPyTorch runs workloads/onnx's ops.onnx — batch norm
// kept as BatchNormalization (folded on import), a strided, a dilated
// grouped and a depthwise convolution, ReLU6 as Clip, a residual add, max,
// average and global average pools, flatten and Gemm — through the float
// engine and compares with PyTorch's outputs for the same inputs
// (testdata/ops_io.json, written by make_testdata.py).
func TestOpsModelMatchesPyTorch(t *testing.T) {
	m, err := onnx.Load("../../workloads/onnx/testdata/ops.onnx")
	require.NoError(t, err)
	raw, err := os.ReadFile("../../workloads/onnx/testdata/ops_io.json")
	require.NoError(t, err)
	var io struct{ Inputs, Outputs [][]float64 }
	require.NoError(t, json.Unmarshal(raw, &io))
	var layers []gemmLayer
	for i, nd := range m.ArrayNodes() {
		layers = append(layers, floatLayer{nd: nd, index: i})
	}
	for k, in := range io.Inputs {
		out, err := forward(m, in, layers, newCounts(len(layers)))
		require.NoError(t, err)
		require.Len(t, out, len(io.Outputs[k]))
		for j, want := range io.Outputs[k] {
			require.InDelta(t, want, out[j], 1e-5, "input %d, output %d", k, j)
		}
	}
}
