package onnx

import (
	"fmt"

	"github.com/logsim/logsim/workloads"
)

// Op is what an imported node computes.
type Op string

// The operators a Model's nodes hold after import. Identity, Dropout, Cast,
// a zero Pad and Constant are resolved during import and do not appear;
// BatchNormalization is folded into the convolution before it; MatMul with
// a constant matrix becomes OpFC, as Gemm does; Reshape to [batch, −1]
// becomes OpFlatten; Relu is OpClip with Min 0 and Max +Inf.
const (
	OpConv      Op = "Conv"              // convolution, bias and folded batch norm included
	OpFC        Op = "Gemm"              // fully connected: y = W·x + b
	OpClip      Op = "Clip"              // y = min(max(x, Min), Max): Relu, ReLU6
	OpMaxPool   Op = "MaxPool"           // max over the window (padding never wins)
	OpAvgPool   Op = "AveragePool"       // mean over the window (GlobalAveragePool: the whole map)
	OpAdd       Op = "Add"               // element-wise sum of two activations
	OpFlatten   Op = "Flatten"           // [C, H, W] → [C·H·W], C-major as ONNX flattens
	OpGlobalAvg Op = "GlobalAveragePool" // mean over H×W per channel
)

// Pool is a pooling window: Kh×Kw, strides, symmetric padding; CeilMode
// rounds the output size up; CountIncludePad divides an average by the
// whole window, padding included.
type Pool struct {
	Kh, Kw           int
	StrideH, StrideW int
	PadH, PadW       int
	CeilMode         bool
	CountIncludePad  bool
}

// Node is one computing node of an imported network, in graph order.
// Shapes are per image: [C, H, W] for feature maps, [F] after a flatten.
type Node struct {
	Name   string   // the ONNX node's name (or op type and index when unnamed)
	Op     Op       // what it computes
	Inputs []string // activation tensors it reads (two for OpAdd, else one)
	Output string   // the tensor it writes
	// Layer is the name of the workloads layer the node is (a convolution,
	// a fully-connected layer, a pool or an add), "" for a clip or flatten.
	Layer    string
	InShape  []int
	OutShape []int
	// Conv is the convolution's shape at batch 1 (OpConv).
	Conv workloads.Conv2D
	// Pool is the window of OpMaxPool and OpAvgPool.
	Pool Pool
	// Min and Max bound OpClip.
	Min, Max float64
	// Weights are the convolution's filters, [Cout][Cin/g][Kh][Kw]
	// row-major, or the fully-connected layer's matrix [N][K] (row n holds
	// output n's weights); Bias has Cout or N values. Both are nil when the
	// file has shapes only.
	Weights []float64
	Bias    []float64
}

// FCShape is a fully-connected node's K (inputs) and N (outputs).
func (n Node) FCShape() (k, nOut int) { return n.InShape[0], n.OutShape[0] }

// Model is an ONNX network as logsim imports it: the layers it simulates
// and the nodes (with their weights) that inference runs.
type Model struct {
	// Network is the layers logsim simulates: convolutions and
	// fully-connected layers on the array, pools and adds on the vector
	// unit, batch norm folded, activations fused (not listed), as the zoo.
	Network workloads.Network
	// Input is the image tensor's name and its per-image shape [C, H, W].
	Input      string
	InputShape []int
	// Output is the tensor the network's result is read from.
	Output string
	Nodes  []Node
	// HasWeights is true when every convolution and fully-connected layer
	// has its weights in the file (a shape-only export has none).
	HasWeights bool
}

// ArrayNodes returns the nodes that run on the array (OpConv, OpFC), in
// order: one per array layer of the Network.
func (m Model) ArrayNodes() []Node {
	var out []Node
	for _, n := range m.Nodes {
		if n.Op == OpConv || n.Op == OpFC {
			out = append(out, n)
		}
	}
	return out
}

// NodeByLayer returns the node that is the named layer.
func (m Model) NodeByLayer(layer string) (Node, bool) {
	for _, n := range m.Nodes {
		if n.Layer == layer && layer != "" {
			return n, true
		}
	}
	return Node{}, false
}

// CheckWeights returns an error, naming the file, when the model has no
// weights to run inference with.
func (m Model) CheckWeights() error {
	if !m.HasWeights {
		return fmt.Errorf("ONNX model %s: the file has shapes only, no weights: inference needs a model with weights", m.Network.Name)
	}
	return nil
}

// elements is the product of a per-image shape.
func elements(shape []int) int64 {
	n := int64(1)
	for _, d := range shape {
		n *= int64(d)
	}
	return n
}
