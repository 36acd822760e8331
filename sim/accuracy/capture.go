package accuracy

import (
	"fmt"

	"github.com/logsim/logsim/pe/numerics"
)

// Operands are one array layer's GEMM operands as the array sees them:
// activations P×K (the im2col patches, by rows) and weights K×N (by
// columns), for one group of a grouped convolution (its first).
type Operands struct {
	Acts, Weights numerics.DenseOperand
}

// Capture runs the float network on the first n held-out images (all when
// n ≤ 0 or larger) and returns every array layer's operands, by layer
// name: the activations of those images stacked (P = n·Ho·Wo rows, float
// activations of the float network) and the trained weights.
func (e *Evaluator) Capture(n int) (map[string]Operands, error) {
	images := e.images
	if n > 0 && n < len(images) {
		images = images[:n]
	}
	rows := make([][][]float64, len(e.nodes)) // [layer][row] patch
	c := newCounts(len(e.nodes))
	c.capture = func(layer int, patch []float64) {
		nd := e.nodes[layer]
		if len(rows[layer]) < len(images)*pixels(nd) { // group 0's patches come first
			rows[layer] = append(rows[layer], append([]float64(nil), patch...))
		}
	}
	for _, img := range images { // one goroutine: the rows stay in image order
		if _, err := forward(e.model, e.data.Images[img], e.floatLayers(), c); err != nil {
			return nil, err
		}
	}
	out := map[string]Operands{}
	for i, nd := range e.nodes {
		k := len(nd.Weights) / len(nd.Bias)
		if len(rows[i]) == 0 {
			return nil, fmt.Errorf("layer %q: no activations captured", nd.Layer)
		}
		acts := numerics.DenseOperand{Rows: len(rows[i]), Cols: k}
		for _, r := range rows[i] {
			acts.Data = append(acts.Data, r...)
		}
		out[nd.Layer] = Operands{Acts: acts, Weights: groupWeights(nd.Weights, k, outputsPerGroup(nd))}
	}
	return out, nil
}

// groupWeights is the first group's weights ([N][K] rows) as a K×N matrix
// read by columns.
func groupWeights(w []float64, k, n int) numerics.DenseOperand {
	d := numerics.DenseOperand{Data: make([]float64, k*n), Rows: k, Cols: n, ByColumn: true}
	for j := range n {
		for i := range k {
			d.Data[i*n+j] = w[j*k+i]
		}
	}
	return d
}
