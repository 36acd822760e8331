package scalesimmem

import (
	"fmt"

	"github.com/logsim/logsim/workloads"
)

// operands gives the address of every operand element of a layer's GEMM
// instances, as SCALE-Sim lays its operand matrices out: the ifmap in NHWC
// (channel fastest), the filter as N rows of K (filter n, element k), the
// ofmap as P rows of N. Instance g of a grouped convolution reads channels
// g·K/(Kh·Kw)… of the input and writes its own N output channels; instance
// g of a matmul has its own three matrices. An ifmap element in the
// padding (or past the input under SCALE-Sim's ceil rule) is −1: no read.
type operands struct {
	matmul  bool
	p, k, n int64 // one instance's GEMM
	// conv: per output pixel p its batch base and window corner, per
	// reduction index k its offset in the window
	pBase        []int64
	pH, pW       []int32
	kR, kC       []int32
	kCh          []int64
	h, w         int32
	cin, perInst int64 // input channels; input channels per instance
}

func newOperands(l workloads.Layer) (operands, error) {
	g := l.GEMM()
	o := operands{p: int64(g.P), k: int64(g.K), n: int64(g.N)}
	switch l.Kind {
	case workloads.KindFC, workloads.KindMatMul:
		o.matmul = true
		return o, nil
	case workloads.KindConv:
		o.convTables(l.Conv)
		return o, nil
	}
	return operands{}, fmt.Errorf("layer %q (%v) does not run on the array", l.Name, l.Kind)
}

// convTables precomputes the im2col address terms of a convolution.
func (o *operands) convTables(c workloads.Conv2D) {
	ho, wo := c.OutH(), c.OutW()
	o.h, o.w, o.cin = int32(c.H), int32(c.W), int64(c.Cin)
	o.perInst = int64(c.Cin / c.Groups)
	o.pBase = make([]int64, o.p)
	o.pH, o.pW = make([]int32, o.p), make([]int32, o.p)
	for p := range o.pBase {
		b, rest := p/(ho*wo), p%(ho*wo)
		o.pBase[p] = int64(b) * int64(c.H) * int64(c.W) * o.cin
		o.pH[p] = int32((rest/wo)*c.StrideH - c.PadH)
		o.pW[p] = int32((rest%wo)*c.StrideW - c.PadW)
	}
	o.kR, o.kC, o.kCh = make([]int32, o.k), make([]int32, o.k), make([]int64, o.k)
	for k := range o.kR {
		o.kR[k] = int32(k / (c.Kw * int(o.perInst)))
		o.kC[k] = int32(k / int(o.perInst) % c.Kw)
		o.kCh[k] = int64(k) % o.perInst
	}
}

// ifmap is the address of element (p, k) of instance g's ifmap matrix, or
// −1 in the padding.
func (o *operands) ifmap(g, p, k int64) int64 {
	if o.matmul {
		return (g*o.p+p)*o.k + k
	}
	h, w := o.pH[p]+o.kR[k], o.pW[p]+o.kC[k]
	if uint32(h) >= uint32(o.h) || uint32(w) >= uint32(o.w) {
		return -1
	}
	return o.pBase[p] + (int64(h)*int64(o.w)+int64(w))*o.cin + g*o.perInst + o.kCh[k]
}

// filter is the address of element (k, n) of instance g's filter matrix.
func (o *operands) filter(g, k, n int64) int64 { return (g*o.n+n)*o.k + k }
