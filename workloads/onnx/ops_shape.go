package onnx

import (
	"fmt"
	"math"

	"github.com/logsim/logsim/workloads"
	"github.com/logsim/logsim/workloads/onnx/onnxpb"
)

// gemm imports Gemm on a flattened activation: Y = alpha·A·B' + beta·C,
// B' = Bᵀ when transB; A must not be transposed.
func (im *importer) gemm(n *onnxpb.NodeProto, i int) error {
	a := attrsOf(n)
	if ta, err := a.int("transA", 0, 0, 0); err != nil {
		return fmt.Errorf("%w (a transposed activation is not supported)", err)
	} else if ta != 0 {
		return fmt.Errorf("transA is not supported")
	}
	transB, err := a.int("transB", 0, 1, 0)
	if err != nil {
		return err
	}
	return im.fc(n, i, transB == 1, a.float("alpha", 1), a.float("beta", 1))
}

// matMul imports MatMul of an activation by a constant matrix [K, N].
func (im *importer) matMul(n *onnxpb.NodeProto, i int) error {
	if len(n.GetInput()) > 1 {
		if _, ok := im.activation(n.GetInput()[1]); ok {
			return fmt.Errorf("a product of two activations is not supported (the second operand must be a weight matrix)")
		}
	}
	return im.fc(n, i, false, 1, 1)
}

// fc imports a fully-connected layer; weights are stored [N][K].
func (im *importer) fc(n *onnxpb.NodeProto, i int, transB bool, alpha, beta float64) error {
	x, in, b, err := im.layerOperands(n, 1, "a flattened vector (Flatten before it)", 2, "a matrix")
	if err != nil {
		return err
	}
	k, nOut := b.Dims[0], b.Dims[1]
	if transB {
		k, nOut = nOut, k
	}
	if k != in[0] {
		return fmt.Errorf("weights %v want %d inputs, the input has %d", b.Dims, k, in[0])
	}
	bias, err := im.vector(n, 2, nOut, "C", b.Values != nil)
	if err != nil {
		return err
	}
	out, err := im.output(n)
	if err != nil {
		return err
	}
	nd := Node{Name: nodeName(n, i), Op: OpFC, Inputs: []string{x}, Output: out,
		Layer: im.layerName(n, n.GetInput()[1], i), InShape: in, OutShape: []int{nOut},
		Weights: fcWeights(b.Values, k, nOut, transB, alpha), Bias: scaled(bias, beta)}
	return im.add(nd, &workloads.Layer{Name: nd.Layer, Kind: workloads.KindFC,
		MatMul: workloads.MatMul{M: im.batch, K: k, N: nOut, Count: 1}})
}

// fcWeights lays the matrix out as [N][K], times alpha (nil stays nil).
func fcWeights(v []float64, k, n int, transB bool, alpha float64) []float64 {
	if v == nil {
		return nil
	}
	out := make([]float64, len(v))
	for kk := range k {
		for j := range n {
			src := kk*n + j // B is [K, N]
			if transB {
				src = j*k + kk // B is [N, K]
			}
			out[j*k+kk] = alpha * v[src]
		}
	}
	return out
}

func scaled(v []float64, s float64) []float64 {
	if v == nil {
		return nil
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = s * x
	}
	return out
}

// pool imports MaxPool and AveragePool.
func (im *importer) pool(n *onnxpb.NodeProto, i int) error {
	x, in, err := im.featureMap(n)
	if err != nil {
		return err
	}
	a := attrsOf(n)
	win, err := readWindow(a, nil, in[1], in[2])
	if err != nil {
		return err
	}
	if win.dil != [2]int{1, 1} {
		return fmt.Errorf("dilated pooling is not supported")
	}
	ceil, err := a.int("ceil_mode", 0, 1, 0)
	if err != nil {
		return err
	}
	incl, err := a.int("count_include_pad", 0, 1, 0)
	if err != nil {
		return err
	}
	p := Pool{Kh: win.k[0], Kw: win.k[1], StrideH: win.stride[0], StrideW: win.stride[1],
		PadH: win.pad[0], PadW: win.pad[1], CeilMode: ceil == 1, CountIncludePad: incl == 1}
	oh, ow := p.OutSize(in[1], in[2])
	if oh < 1 || ow < 1 || p.Kh > in[1]+2*p.PadH || p.Kw > in[2]+2*p.PadW {
		return fmt.Errorf("window %d×%d does not fit the %d×%d input (padding %d×%d)", p.Kh, p.Kw, in[1], in[2], p.PadH, p.PadW)
	}
	op := OpMaxPool
	if n.GetOpType() == "AveragePool" {
		op = OpAvgPool
	}
	return im.poolNode(n, i, op, x, in, []int{in[0], oh, ow}, p, p.Kh*p.Kw)
}

// featureMap reads the node's input as a feature map [C, H, W].
func (im *importer) featureMap(n *onnxpb.NodeProto) (string, []int, error) {
	x, in, err := im.input(n, 0)
	if err == nil && len(in) != 3 {
		err = fmt.Errorf("input shape %v: want a feature map [C, H, W]", in)
	}
	return x, in, err
}

// OutSize is the pool's output height and width on an h×w input: ⌊(h +
// 2p − k)/s⌋ + 1, or ⌈…⌉ + 1 in ceil mode without a window that starts in
// the bottom or right padding (ONNX's and PyTorch's rule).
func (p Pool) OutSize(h, w int) (int, int) {
	size := func(in, k, s, pad int) int {
		num := in + 2*pad - k
		if num < 0 {
			return 0
		}
		if !p.CeilMode {
			return num/s + 1
		}
		out := (num+s-1)/s + 1
		if (out-1)*s >= in+pad {
			out--
		}
		return out
	}
	return size(h, p.Kh, p.StrideH, p.PadH), size(w, p.Kw, p.StrideW, p.PadW)
}

// globalPool imports GlobalAveragePool: one mean per channel.
func (im *importer) globalPool(n *onnxpb.NodeProto, i int) error {
	x, in, err := im.featureMap(n)
	if err != nil {
		return err
	}
	return im.poolNode(n, i, OpGlobalAvg, x, in, []int{in[0], 1, 1}, Pool{Kh: in[1], Kw: in[2]}, in[1]*in[2])
}

// poolNode appends a pool and its vector-unit layer (ops per output).
func (im *importer) poolNode(n *onnxpb.NodeProto, i int, op Op, x string, in, outShape []int, p Pool, ops int) error {
	out, err := im.output(n)
	if err != nil {
		return err
	}
	nd := Node{Name: nodeName(n, i), Op: op, Inputs: []string{x}, Output: out,
		Layer: im.layerName(n, "", i), InShape: in, OutShape: outShape, Pool: p}
	b := int64(im.batch)
	return im.add(nd, &workloads.Layer{Name: nd.Layer, Kind: workloads.KindPool,
		Elements: b * elements(outShape), InElements: b * elements(in), OpsPerElement: ops})
}

// addNode imports Add of two activations of one shape (a residual add).
func (im *importer) addNode(n *onnxpb.NodeProto, i int) error {
	x, in, err := im.input(n, 0)
	if err != nil {
		return err
	}
	y, in2, err := im.input(n, 1)
	if err != nil {
		return err
	}
	if fmt.Sprint(in) != fmt.Sprint(in2) {
		return fmt.Errorf("operands of shapes %v and %v: logsim adds activations of one shape (no broadcast)", in, in2)
	}
	out, err := im.output(n)
	if err != nil {
		return err
	}
	nd := Node{Name: nodeName(n, i), Op: OpAdd, Inputs: []string{x, y}, Output: out,
		Layer: im.layerName(n, "", i), InShape: in, OutShape: in}
	return im.add(nd, &workloads.Layer{Name: nd.Layer, Kind: workloads.KindAdd, Elements: int64(im.batch) * elements(in)})
}

// flatten imports Flatten at axis 1: [C, H, W] → [C·H·W].
func (im *importer) flatten(n *onnxpb.NodeProto, i int) error {
	if ax, err := attrsOf(n).int("axis", -4, 4, 1); err != nil {
		return err
	} else if ax != 1 && ax != -3 {
		return fmt.Errorf("axis %d: logsim flattens each image (axis 1)", ax)
	}
	return im.flattenNode(n, i)
}

func (im *importer) flattenNode(n *onnxpb.NodeProto, i int) error {
	return im.unary(n, i, Node{Op: OpFlatten}, func(in []int) []int { return []int{int(elements(in))} })
}

// reshape imports a Reshape that flattens each image: to [N, F] with N
// the batch (or 0 or −1) and F = C·H·W (or −1).
func (im *importer) reshape(n *onnxpb.NodeProto, i int) error {
	_, in, err := im.input(n, 0)
	if err != nil {
		return err
	}
	s, _, err := im.constInput(n, 1, false)
	if err != nil {
		return err
	}
	f := float64(elements(in))
	if len(s.Values) != 2 || !(s.Values[0] == 0 || s.Values[0] == -1 || s.Values[0] == float64(im.batch)) ||
		!(s.Values[1] == -1 || s.Values[1] == f) {
		return fmt.Errorf("shape %v: logsim reads a Reshape that flattens each image ([%d, %g] or [N, -1])", s.Values, im.batch, f)
	}
	return im.flattenNode(n, i)
}

// identity imports Identity and inference-mode Dropout as aliases.
func (im *importer) identity(n *onnxpb.NodeProto, _ int) error {
	if len(n.GetInput()) == 0 {
		return fmt.Errorf("input 0 is missing")
	}
	out, err := im.output(n)
	if err != nil {
		return err
	}
	if c, ok := im.consts[n.GetInput()[0]]; ok {
		im.consts[out] = c
		return nil
	}
	x, _, err := im.input(n, 0)
	if err != nil {
		return err
	}
	im.alias[out] = x
	return nil
}

// constantNode imports a Constant's value (a tensor, float or int).
func (im *importer) constantNode(n *onnxpb.NodeProto, _ int) error {
	out, err := im.output(n)
	if err != nil {
		return err
	}
	a := attrsOf(n)
	var c constant
	switch {
	case a["value"] != nil:
		if c, err = decodeTensor(a["value"].GetT()); err != nil {
			return err
		}
	case a["value_float"] != nil:
		c = constant{Dims: []int{}, Values: []float64{a.float("value_float", 0)}}
	case a["value_int"] != nil:
		c = constant{Dims: []int{}, Values: []float64{float64(a["value_int"].GetI())}}
	case a["value_ints"] != nil:
		for _, v := range a["value_ints"].GetInts() {
			c.Values = append(c.Values, float64(v))
		}
		c.Dims = []int{len(c.Values)}
	default:
		return fmt.Errorf("a Constant needs value, value_float, value_int or value_ints")
	}
	im.consts[out] = c
	return nil
}

// cast imports a Cast of a constant (folded; to an integer type truncates)
// or of an activation to a float type (an alias).
func (im *importer) cast(n *onnxpb.NodeProto, i int) error {
	to, err := attrsOf(n).int("to", 0, math.MaxInt32, 0)
	if err != nil {
		return err
	}
	dt := onnxpb.TensorProto_DataType(to)
	isFloat := dt == onnxpb.TensorProto_FLOAT || dt == onnxpb.TensorProto_DOUBLE || dt == onnxpb.TensorProto_FLOAT16
	if len(n.GetInput()) > 0 {
		if c, ok := im.consts[n.GetInput()[0]]; ok {
			out, err := im.output(n)
			if err != nil {
				return err
			}
			im.consts[out] = castConstant(c, isFloat)
			return nil
		}
	}
	if !isFloat {
		return fmt.Errorf("a cast of an activation to %s is not supported", dt)
	}
	return im.identity(n, i)
}

func castConstant(c constant, isFloat bool) constant {
	if isFloat || c.Values == nil {
		return c
	}
	out := constant{Dims: c.Dims, Values: make([]float64, len(c.Values))}
	for i, v := range c.Values {
		out.Values[i] = math.Trunc(v)
	}
	return out
}

// pad imports a Pad that pads nothing (all pads 0) as an alias; real
// padding belongs in the Conv or pool attributes.
func (im *importer) pad(n *onnxpb.NodeProto, i int) error {
	var pads []float64
	if c, ok, err := im.constInput(n, 1, true); err != nil {
		return err
	} else if ok {
		pads = c.Values
	} else {
		for _, v := range attrsOf(n).ints64("pads") {
			pads = append(pads, float64(v))
		}
	}
	for _, p := range pads {
		if p != 0 {
			return fmt.Errorf("pads %v: only a Pad of zero is supported (give the padding to the Conv or pool)", pads)
		}
	}
	return im.identity(n, i)
}
