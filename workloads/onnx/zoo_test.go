package onnx

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/workloads"
)

// gemms lists a network's array layers as their GEMMs.
func gemms(n workloads.Network) []string {
	var out []string
	for _, l := range n.ArrayLayers() {
		g := l.GEMM()
		out = append(out, fmt.Sprintf("%s P=%d K=%d N=%d ×%d", l.Kind, g.P, g.K, g.N, g.Count))
	}
	return out
}

// vectorWork lists a network's vector-unit layers as their work.
func vectorWork(n workloads.Network) []string {
	var out []string
	for _, l := range n.Layers {
		if !l.Kind.OnArray() {
			in, o, ops := l.VectorWork()
			out = append(out, fmt.Sprintf("%s in=%d out=%d ops=%d", l.Kind, in, o, ops))
		}
	}
	return out
}

// TestZooExports imports torchvision's models as torch.onnx exports them
// (testdata/make_testdata.py, shapes only) and checks that they lower to
// the same GEMMs, in the same order, as the built-in zoo, and that the
// layers off the array do the same work.
func TestZooExports(t *testing.T) {
	for _, name := range []string{"alexnet", "vgg16", "resnet18", "resnet50", "mobilenetv2"} {
		t.Run(name, func(t *testing.T) {
			m, err := Load("testdata/zoo/" + name + ".onnx")
			require.NoError(t, err)
			require.False(t, m.HasWeights, "the zoo exports hold shapes only")
			zoo, err := workloads.Lookup(name, 1)
			require.NoError(t, err)
			require.Equal(t, gemms(zoo), gemms(m.Network))
			require.Equal(t, zoo.MACs(), m.Network.MACs())
			require.Equal(t, vectorWork(zoo), vectorWork(m.Network))
		})
	}
}
