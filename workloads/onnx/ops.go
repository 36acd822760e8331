package onnx

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/logsim/logsim/workloads"
	"github.com/logsim/logsim/workloads/onnx/onnxpb"
)

// handler imports one node; i is its index in the graph.
type handler func(im *importer, n *onnxpb.NodeProto, i int) error

// handlers are the operators the importer reads.
func handlers() map[string]handler {
	return map[string]handler{
		"Conv": (*importer).conv, "BatchNormalization": (*importer).batchNorm,
		"Gemm": (*importer).gemm, "MatMul": (*importer).matMul,
		"Relu": (*importer).relu, "Clip": (*importer).clip,
		"MaxPool": (*importer).pool, "AveragePool": (*importer).pool,
		"GlobalAveragePool": (*importer).globalPool, "Add": (*importer).addNode,
		"Flatten": (*importer).flatten, "Reshape": (*importer).reshape,
		"Identity": (*importer).identity, "Dropout": (*importer).identity,
		"Constant": (*importer).constantNode, "Cast": (*importer).cast, "Pad": (*importer).pad,
	}
}

// SupportedOps lists the ONNX operators the importer reads, sorted.
func SupportedOps() []string {
	var ops []string
	for op := range handlers() {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	return ops
}

func (im *importer) node(i int, n *onnxpb.NodeProto) error {
	if d := n.GetDomain(); d != "" && d != "ai.onnx" {
		return fmt.Errorf("operator %s of domain %q is not supported (logsim reads the default ONNX domain: %s)",
			n.GetOpType(), d, strings.Join(SupportedOps(), ", "))
	}
	h, ok := handlers()[n.GetOpType()]
	if !ok {
		return fmt.Errorf("unsupported operator %s (logsim reads %s)", n.GetOpType(), strings.Join(SupportedOps(), ", "))
	}
	return h(im, n, i)
}

// conv imports a Conv: X, W [Cout, Cin/g, Kh, Kw], optional B [Cout].
func (im *importer) conv(n *onnxpb.NodeProto, i int) error {
	x, in, w, err := im.layerOperands(n, 3, "a feature map [C, H, W]", 4, "4-D [Cout, Cin/groups, Kh, Kw] (2-D convolutions only)")
	if err != nil {
		return err
	}
	a := attrsOf(n)
	g, err := a.int("group", 1, workloadsMaxDim, 1)
	if err != nil {
		return err
	}
	win, err := readWindow(a, w.Dims[2:], in[1], in[2])
	if err != nil {
		return err
	}
	if w.Dims[1]*g != in[0] {
		return fmt.Errorf("weights %v with %d groups want %d input channels, the input has %d", w.Dims, g, w.Dims[1]*g, in[0])
	}
	c := workloads.Conv2D{Batch: 1, H: in[1], W: in[2], Cin: in[0], Kh: win.k[0], Kw: win.k[1], Cout: w.Dims[0],
		StrideH: win.stride[0], StrideW: win.stride[1], PadH: win.pad[0], PadW: win.pad[1], Groups: g,
		DilationH: win.dil[0], DilationW: win.dil[1]}
	if err := c.Validate(); err != nil {
		return err
	}
	bias, err := im.vector(n, 2, c.Cout, "bias", w.Values != nil)
	if err != nil {
		return err
	}
	out, err := im.output(n)
	if err != nil {
		return err
	}
	nd := Node{Name: nodeName(n, i), Op: OpConv, Inputs: []string{x}, Output: out,
		Layer: im.layerName(n, n.GetInput()[1], i), InShape: in, OutShape: []int{c.Cout, c.OutH(), c.OutW()},
		Conv: c, Weights: w.Values, Bias: bias}
	layer := c
	layer.Batch = im.batch
	return im.add(nd, &workloads.Layer{Name: nd.Layer, Kind: workloads.KindConv, Conv: layer})
}

// layerOperands reads an array layer's activation (per-image rank inRank)
// and weights (rank wRank); the wants describe them in errors.
func (im *importer) layerOperands(n *onnxpb.NodeProto, inRank int, inWant string, wRank int, wWant string) (string, []int, constant, error) {
	x, in, err := im.input(n, 0)
	if err != nil {
		return "", nil, constant{}, err
	}
	if len(in) != inRank {
		return "", nil, constant{}, fmt.Errorf("input shape %v per image: want %s", in, inWant)
	}
	w, _, err := im.constInput(n, 1, false)
	if err != nil {
		return "", nil, constant{}, err
	}
	if len(w.Dims) != wRank {
		return "", nil, constant{}, fmt.Errorf("weights %v: want %s", w.Dims, wWant)
	}
	return x, in, w, nil
}

// vector reads an optional per-output constant (a bias) of n values:
// zeros when absent and the layer has weights, nil when there are no
// values in the file.
func (im *importer) vector(nd *onnxpb.NodeProto, i, n int, what string, hasWeights bool) ([]float64, error) {
	c, ok, err := im.constInput(nd, i, true)
	if err != nil {
		return nil, err
	}
	if !ok {
		if !hasWeights {
			return nil, nil
		}
		return make([]float64, n), nil
	}
	if elements(c.Dims) != int64(n) {
		return nil, fmt.Errorf("%s %v: want %d values", what, c.Dims, n)
	}
	if c.Values == nil {
		return nil, nil
	}
	return c.Values, nil
}

// batchNorm folds an inference-mode BatchNormalization into the Conv
// that produces its input (and only its input): per output channel c,
// W'[c] = W[c]·s, b'[c] = (b[c] − mean[c])·s + beta[c], s = scale[c] /
// √(var[c] + ε).
func (im *importer) batchNorm(n *onnxpb.NodeProto, _ int) error {
	x, _, err := im.input(n, 0)
	if err != nil {
		return err
	}
	last := len(im.model.Nodes) - 1
	if last < 0 || im.model.Nodes[last].Op != OpConv || im.model.Nodes[last].Output != x || im.users[x] != 1 {
		return fmt.Errorf("logsim folds BatchNormalization into the Conv just before it, whose output it alone reads; input %q is not such a Conv's", x)
	}
	conv := &im.model.Nodes[last]
	params, err := im.bnParams(n, conv.Conv.Cout)
	if err != nil {
		return err
	}
	out, err := im.output(n)
	if err != nil {
		return err
	}
	delete(im.shapes, conv.Output)
	conv.Output = out
	im.shapes[out] = conv.OutShape
	foldBN(conv, params, attrsOf(n).float("epsilon", 1e-5))
	return nil
}

// bnParams reads scale, B, mean and var (nil when any is shape-only).
func (im *importer) bnParams(n *onnxpb.NodeProto, ch int) ([4][]float64, error) {
	var p [4][]float64
	for i, what := range []string{"scale", "B", "mean", "var"} {
		c, _, err := im.constInput(n, i+1, false)
		if err != nil {
			return p, err
		}
		if elements(c.Dims) != int64(ch) {
			return p, fmt.Errorf("%s %v: want %d values, one per channel of the Conv", what, c.Dims, ch)
		}
		if c.Values == nil {
			return [4][]float64{}, nil
		}
		p[i] = c.Values
	}
	return p, nil
}

func foldBN(conv *Node, p [4][]float64, eps float64) {
	if conv.Weights == nil || conv.Bias == nil || p[0] == nil {
		conv.Weights, conv.Bias = nil, nil
		return
	}
	per := len(conv.Weights) / conv.Conv.Cout
	for c := range conv.Conv.Cout {
		s := p[0][c] / math.Sqrt(p[3][c]+eps)
		for k := range per {
			conv.Weights[c*per+k] *= s
		}
		conv.Bias[c] = (conv.Bias[c]-p[2][c])*s + p[1][c]
	}
}

// relu imports Relu as a clip at 0.
func (im *importer) relu(n *onnxpb.NodeProto, i int) error {
	return im.clipTo(n, i, 0, math.Inf(1))
}

// clip imports Clip: bounds from inputs 1 and 2 (opset ≥ 11) or the min
// and max attributes.
func (im *importer) clip(n *onnxpb.NodeProto, i int) error {
	a := attrsOf(n)
	lo, hi := a.float("min", math.Inf(-1)), a.float("max", math.Inf(1))
	for k, dst := range []*float64{&lo, &hi} {
		c, ok, err := im.constInput(n, k+1, true)
		if err != nil {
			return err
		}
		if ok {
			if len(c.Values) != 1 {
				return fmt.Errorf("input %d: want one value, got dimensions %v", k+1, c.Dims)
			}
			*dst = c.Values[0]
		}
	}
	if lo > hi {
		return fmt.Errorf("min %g is above max %g", lo, hi)
	}
	return im.clipTo(n, i, lo, hi)
}

func (im *importer) clipTo(n *onnxpb.NodeProto, i int, lo, hi float64) error {
	return im.unary(n, i, Node{Op: OpClip, Min: lo, Max: hi}, func(in []int) []int { return in })
}

// unary appends a node of one input that is not a layer (a clip or a
// flatten): nd with its name, tensors and shapes filled in.
func (im *importer) unary(n *onnxpb.NodeProto, i int, nd Node, shape func(in []int) []int) error {
	x, in, err := im.input(n, 0)
	if err != nil {
		return err
	}
	out, err := im.output(n)
	if err != nil {
		return err
	}
	nd.Name, nd.Inputs, nd.Output, nd.InShape, nd.OutShape = nodeName(n, i), []string{x}, out, in, shape(in)
	return im.add(nd, nil)
}
