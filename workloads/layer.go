package workloads

import (
	"fmt"
	"math"
)

// Kind names what a layer computes.
type Kind string

// The layer kinds logsim knows. Conv, FC and MatMul run on the array; the
// others are listed in reports as not mapped to the array.
const (
	KindConv    Kind = "conv"    // Conv2D, grouped and depthwise included
	KindFC      Kind = "fc"      // fully connected / GEMM with a weight matrix
	KindMatMul  Kind = "matmul"  // activation × activation (attention scores, context)
	KindPool    Kind = "pool"    // max or average pooling
	KindAdd     Kind = "add"     // element-wise (residual) addition
	KindSoftmax Kind = "softmax" // softmax
	KindNorm    Kind = "norm"    // batch or layer normalisation
)

// OnArray reports whether layers of this kind are lowered to GEMMs and run on
// the systolic array.
func (k Kind) OnArray() bool {
	return k == KindConv || k == KindFC || k == KindMatMul
}

// OutputRule selects how a convolution's output size is computed.
type OutputRule int

const (
	// FloorRule is the framework rule Ho = ⌊(H + 2p − Kh)/s⌋ + 1.
	FloorRule OutputRule = iota
	// CeilRule is SCALE-Sim's rule Ho = ⌈(H − Kh + s)/s⌉ on an input that is
	// already padded (padding must be 0).
	CeilRule
)

// Conv2D is a 2-D convolution in NHWC layout. Depthwise convolution is
// Groups = Cin (= Cout for a multiplier of 1).
type Conv2D struct {
	Batch   int // images per inference
	H, W    int // input height and width (elements)
	Cin     int // input channels
	Kh, Kw  int // filter height and width
	Cout    int // output channels (filters)
	StrideH int
	StrideW int
	PadH    int // zero padding on each side, rows
	PadW    int // zero padding on each side, columns
	Groups  int // 1 for dense, Cin for depthwise
	Rule    OutputRule
	// DilationH and DilationW space the filter taps (0 or 1: dense). A
	// dilated filter spans (Kh−1)·DilationH + 1 input rows; its GEMM is
	// that of the dense filter (K = Kh·Kw·Cin/g).
	DilationH int
	DilationW int
}

// SpanH is the input rows one output row's filter spans: (Kh−1)·d + 1 with
// d the vertical dilation (Kh when dense).
func (c Conv2D) SpanH() int { return span(c.Kh, c.DilationH) }

// SpanW is the input columns one output column's filter spans.
func (c Conv2D) SpanW() int { return span(c.Kw, c.DilationW) }

func span(k, d int) int { return (k-1)*max(d, 1) + 1 }

// MatMul is a fully-connected layer or a matrix product: Count independent
// (M×K)·(K×N) products, for example one per attention head. Batch is folded
// into M by the caller.
type MatMul struct {
	M, K, N int
	Count   int
}

// GEMM is a layer lowered for the array: Count independent products of a
// P×K operand (the ifmap, im2col'd) with a K×N operand (the filter or, for a
// matmul, the second activation), giving a P×N output.
type GEMM struct {
	P, K, N int
	Count   int
}

// MACs is the number of multiply-accumulates of all Count products.
func (g GEMM) MACs() int64 {
	return int64(g.P) * int64(g.K) * int64(g.N) * int64(g.Count)
}

// TensorSizes counts the elements of a layer's three operands as stored in
// memory (not im2col'd): the input activation tensor, the second operand
// (weights, or the second activation of a matmul) and the output tensor.
type TensorSizes struct {
	Ifmap  int64 // elements of the input tensor, padding excluded
	Filter int64 // elements of the weights / second operand
	Ofmap  int64 // elements of the output tensor
}

// Layer is one named layer of a network. Exactly one of Conv and MatMul is
// meaningful, chosen by Kind; non-array kinds use neither.
type Layer struct {
	Name   string
	Kind   Kind
	Conv   Conv2D
	MatMul MatMul
	// Elements is the output size of a non-array layer. InElements (the
	// elements it reads, every operand) and OpsPerElement (operations per
	// output element) describe its work on the vector unit; zero takes the
	// kind's default (VectorWork).
	Elements      int64
	InElements    int64
	OpsPerElement int
}

// VectorWork is what a non-array layer costs the vector unit: the elements
// it reads (every operand), the elements it writes and its operations.
// Defaults by kind, where the layer does not say:
//
//	add      reads 2 operands of Elements each; 1 operation per output
//	pool     reads Elements (a window the zoo sets: in = the input tensor,
//	         Kh·Kw operations per output); 1 operation per output
//	softmax  reads Elements; 5 operations per output (max, subtract, exp,
//	         sum, divide)
//	norm     layer normalisation: reads Elements; 8 operations per output
//	         (mean: add; variance: subtract, multiply, add; normalise:
//	         subtract, multiply; scale and shift: multiply, add). Batch
//	         normalisation after a convolution is folded into it, as
//	         inference compilers do, and is not listed.
//
// The operation counts are logsim's assumptions (no source gives them).
func (l Layer) VectorWork() (in, out, ops int64) {
	out = l.Elements
	defaultIn, defaultOps := out, 1
	switch l.Kind {
	case KindAdd:
		defaultIn = 2 * out
	case KindSoftmax:
		defaultOps = 5
	case KindNorm:
		defaultOps = 8
	}
	in = l.InElements
	if in == 0 {
		in = defaultIn
	}
	opsPer := l.OpsPerElement
	if opsPer == 0 {
		opsPer = defaultOps
	}
	return in, out, out * int64(opsPer)
}

// OutH is the output height of the convolution.
func (c Conv2D) OutH() int { return outSize(c.H, c.SpanH(), c.StrideH, c.PadH, c.Rule) }

// OutW is the output width of the convolution.
func (c Conv2D) OutW() int { return outSize(c.W, c.SpanW(), c.StrideW, c.PadW, c.Rule) }

func outSize(in, k, s, p int, rule OutputRule) int {
	if rule == CeilRule {
		return (in - k + s + s - 1) / s
	}
	return (in+2*p-k)/s + 1
}

// GEMM lowers the convolution to Groups GEMMs (design.md §3).
func (c Conv2D) GEMM() GEMM {
	return GEMM{
		P:     c.Batch * c.OutH() * c.OutW(),
		K:     c.Kh * c.Kw * c.Cin / c.Groups,
		N:     c.Cout / c.Groups,
		Count: c.Groups,
	}
}

// Tensors counts the convolution's operand elements.
func (c Conv2D) Tensors() TensorSizes {
	return TensorSizes{
		Ifmap:  int64(c.Batch) * int64(c.H) * int64(c.W) * int64(c.Cin),
		Filter: int64(c.Kh) * int64(c.Kw) * int64(c.Cin/c.Groups) * int64(c.Cout),
		Ofmap:  int64(c.Batch) * int64(c.OutH()) * int64(c.OutW()) * int64(c.Cout),
	}
}

// Validate checks the convolution's dimensions: every size, stride and the
// group count positive and at most MaxDim, padding not negative, the filter
// no larger than the padded input, channels divisible by the groups, and
// every operand and MAC count representable. The error is a *FieldError
// naming the field.
func (c Conv2D) Validate() error {
	for _, f := range []namedInt{
		{"batch", c.Batch}, {"H", c.H}, {"W", c.W}, {"Cin", c.Cin},
		{"Kh", c.Kh}, {"Kw", c.Kw}, {"Cout", c.Cout},
		{"stride_h", c.StrideH}, {"stride_w", c.StrideW}, {"groups", c.Groups},
	} {
		if err := f.checkSize(1); err != nil {
			return err
		}
	}
	for _, f := range []namedInt{{"pad_h", c.PadH}, {"pad_w", c.PadW}, {"dilation_h", c.DilationH}, {"dilation_w", c.DilationW}} {
		if err := f.checkSize(0); err != nil {
			return err
		}
	}
	if c.Rule == CeilRule && (c.PadH != 0 || c.PadW != 0) {
		return fieldErrorf("padding", "must be 0 under SCALE-Sim's output rule (its input is already padded), got %d×%d", c.PadH, c.PadW)
	}
	if err := filterFits("Kh", "height", c.SpanH(), c.H, c.PadH); err != nil {
		return err
	}
	if err := filterFits("Kw", "width", c.SpanW(), c.W, c.PadW); err != nil {
		return err
	}
	if c.Cin%c.Groups != 0 {
		return fieldErrorf("Cin", "%d is not divisible by groups %d", c.Cin, c.Groups)
	}
	if c.Cout%c.Groups != 0 {
		return fieldErrorf("Cout", "%d is not divisible by groups %d", c.Cout, c.Groups)
	}
	if !productFits(c.Batch, c.H, c.W, c.Cin) ||
		!productFits(c.Batch, c.OutH(), c.OutW(), c.Kh, c.Kw, c.Cin, c.Cout) {
		return fieldErrorf("shape", "operand or MAC count exceeds %d", math.MaxInt64)
	}
	return checkLimits(c.GEMM().MACs(), c.Tensors())
}

func filterFits(field, dim string, k, in, pad int) error {
	if k <= in+2*pad {
		return nil
	}
	if pad == 0 {
		return fieldErrorf(field, "%d is larger than the input %s %d", k, dim, in)
	}
	return fieldErrorf(field, "%d is larger than the padded input %s %d (%d + 2·%d)", k, dim, in+2*pad, in, pad)
}

// GEMM returns the product as a GEMM.
func (m MatMul) GEMM() GEMM { return GEMM{P: m.M, K: m.K, N: m.N, Count: m.Count} }

// Tensors counts the product's operand elements.
func (m MatMul) Tensors() TensorSizes {
	c := int64(m.Count)
	return TensorSizes{
		Ifmap:  c * int64(m.M) * int64(m.K),
		Filter: c * int64(m.K) * int64(m.N),
		Ofmap:  c * int64(m.M) * int64(m.N),
	}
}

// Validate checks the product's dimensions: each positive and at most
// MaxDim, and the MAC count representable. The error is a *FieldError naming
// the field.
func (m MatMul) Validate() error {
	for _, f := range []namedInt{{"M", m.M}, {"K", m.K}, {"N", m.N}, {"count", m.Count}} {
		if err := f.checkSize(1); err != nil {
			return err
		}
	}
	if !productFits(m.M, m.K, m.N, m.Count) {
		return fieldErrorf("shape", "MAC count exceeds %d", math.MaxInt64)
	}
	return checkLimits(m.GEMM().MACs(), m.Tensors())
}

// GEMM lowers the layer. It is the zero GEMM for a layer not on the array.
func (l Layer) GEMM() GEMM {
	switch l.Kind {
	case KindConv:
		return l.Conv.GEMM()
	case KindFC, KindMatMul:
		return l.MatMul.GEMM()
	}
	return GEMM{}
}

// Tensors counts the layer's operand elements; zero for a layer not on the
// array.
func (l Layer) Tensors() TensorSizes {
	switch l.Kind {
	case KindConv:
		return l.Conv.Tensors()
	case KindFC, KindMatMul:
		return l.MatMul.Tensors()
	}
	return TensorSizes{}
}

// MACs is the layer's multiply-accumulate count (0 off the array).
func (l Layer) MACs() int64 { return l.GEMM().MACs() }

// validateVector checks a non-array layer's sizes: none negative, and its
// work representable (at most MaxDim operations per element).
func (l Layer) validateVector() error {
	switch {
	case l.Elements < 0:
		return fieldErrorf("elements", "must not be negative, got %d", l.Elements)
	case l.InElements < 0:
		return fieldErrorf("in_elements", "must not be negative, got %d", l.InElements)
	case l.OpsPerElement < 0 || l.OpsPerElement > MaxDim:
		return fieldErrorf("ops_per_element", "must be 0 (the default) to %d, got %d", MaxDim, l.OpsPerElement)
	case l.Elements > math.MaxInt64/2/int64(max(l.OpsPerElement, 8)):
		return fieldErrorf("elements", "%d: the layer's work is not representable", l.Elements)
	}
	return nil
}

// Validate checks the layer; the error names the layer and the field.
func (l Layer) Validate() error {
	var err error
	switch l.Kind {
	case KindConv:
		err = l.Conv.Validate()
	case KindFC, KindMatMul:
		err = l.MatMul.Validate()
	case KindPool, KindAdd, KindSoftmax, KindNorm:
		err = l.validateVector()
	default:
		err = fieldErrorf("kind", "%q is not a known kind", l.Kind)
	}
	if err != nil {
		return fmt.Errorf("layer %q: %w", l.Name, err)
	}
	return nil
}

// IsDepthwise reports whether the layer is a depthwise convolution
// (one input channel per group).
func (l Layer) IsDepthwise() bool {
	return l.Kind == KindConv && l.Conv.Groups > 1 && l.Conv.Groups == l.Conv.Cin
}
