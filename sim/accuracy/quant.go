package accuracy

import (
	"fmt"
	"math"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/quant"
	"github.com/logsim/logsim/workloads/onnx"
)

// LayerSetup is how one array layer is quantized: its spec, the FSRs
// calibrated for it and the accumulator's fractional bits.
type LayerSetup struct {
	Layer    string
	Spec     pe.Spec
	FSRA     int // activation FSR (units of the activation code's base)
	FSRW     int // weight FSR
	FracBits int // accumulator fractional bits F (pe.FracBits with the layer's K)
}

// quantLayer runs an array layer through the bit-exact datapath of its
// spec: the input quantized to the layer's activation code, the weights
// to its weight code, the bias as the accumulator's starting value, and
// each output through the array-edge encoder into the next array layer's
// activation code (the last layer's outputs are its accumulator values).
type quantLayer struct {
	nd     onnx.Node
	index  int
	d      *pe.Datapath
	aq     quant.Quantizer
	next   quant.Quantizer // nil for the last array layer
	frac   int
	wcodes [][]uint16 // [N][K]
	bias   []int64    // accumulator start per output
	// aligned and flags tabulate the datapath's aligned products, indexed
	// by w<<ABits | a (nil when the codes are too wide to tabulate);
	// flags has termTruncated and termSlow (a Huge term) bits.
	aligned []int64
	flags   []uint8
	aBits   int
	lo, hi  int64 // the accumulator's range
}

// maxTableBits bounds the product table: 2^(a+w) terms (a, w ≤ 8 bits).
const maxTableBits = 16

const (
	termTruncated uint8 = 1 << iota
	termSlow
)

// tabulate fills the product table of the datapath when it is small.
func (q *quantLayer) tabulate(s pe.Spec) {
	if s.ABits+s.WBits > maxTableBits {
		return
	}
	q.aBits = s.ABits
	n := 1 << (s.ABits + s.WBits)
	q.aligned, q.flags = make([]int64, n), make([]uint8, n)
	for w := range 1 << s.WBits {
		for a := range 1 << s.ABits {
			t := q.d.Term(uint16(a), uint16(w))
			i := w<<s.ABits | a
			q.aligned[i] = t.Aligned
			if t.Truncated {
				q.flags[i] |= termTruncated
			}
			if t.Huge {
				q.flags[i] |= termSlow
			}
		}
	}
}

// dot accumulates a patch of activation codes with output j's weights
// from the bias, through the datapath. Code 0 is zero in every code
// (linear level 0, the log zero code), so its product is 0 and adds
// nothing: it is counted as a MAC and skipped. With a product table the
// sum is taken here when it stays in the accumulator's range (exactly
// what pe.Datapath.AddTerm does then); otherwise AddTerm does it.
func (q *quantLayer) dot(j int, patch []uint16, ctr *pe.Counters) int64 {
	acc := q.bias[j]
	wj := q.wcodes[j]
	var macs int64
	for i, w := range wj {
		a := patch[i]
		if a == 0 {
			continue
		}
		if q.aligned == nil {
			acc = q.d.MAC(acc, a, w, ctr)
			macs--
			continue
		}
		k := int(w)<<q.aBits | int(a)
		s := acc + q.aligned[k]
		if f := q.flags[k]; f != 0 || s > q.hi || s < q.lo {
			acc = q.d.AddTerm(acc, q.d.Term(a, w), ctr)
			macs--
			continue
		}
		acc = s
	}
	ctr.MACs += int64(len(wj)) + macs
	return acc
}

// newQuantLayer prepares node nd with setup s; next is the next array
// layer's activation quantizer (nil for the last).
func newQuantLayer(nd onnx.Node, index int, s LayerSetup, next quant.Quantizer) (*quantLayer, error) {
	d, err := pe.NewDatapath(s.Spec, s.FSRA, s.FSRW, s.FracBits)
	if err != nil {
		return nil, fmt.Errorf("layer %q: %w", nd.Layer, err)
	}
	q := &quantLayer{nd: nd, index: index, d: d, aq: s.Spec.ActQuantizer(s.FSRA), next: next, frac: s.FracBits}
	q.lo, q.hi = d.Range()
	wq := s.Spec.WeightQuantizer(s.FSRW)
	n := len(nd.Bias)
	k := len(nd.Weights) / n
	for j := range n {
		codes := make([]uint16, k)
		for i, w := range nd.Weights[j*k : (j+1)*k] {
			codes[i] = wq.Quantize(w)
		}
		q.wcodes = append(q.wcodes, codes)
		q.bias = append(q.bias, accBias(nd.Bias[j], s.FracBits, q.lo, q.hi))
	}
	q.tabulate(s.Spec)
	return q, nil
}

// accBias is the bias on the accumulator's grid: Round(b·2^F), saturated.
func accBias(b float64, frac int, lo, hi int64) int64 {
	v := math.Round(math.Ldexp(b, frac))
	switch {
	case v >= float64(hi):
		return hi
	case v <= float64(lo):
		return lo
	}
	return int64(v)
}

func (q *quantLayer) run(in []float64, c *counts) []float64 {
	codes := make([]uint16, len(in))
	for i, v := range in {
		codes[i] = q.aq.Quantize(v)
	}
	nd := q.nd
	npg, px := outputsPerGroup(nd), pixels(nd)
	out := make([]float64, len(q.bias)*px)
	ctr := &c.layers[q.index]
	patches(nd, codes, 0, func(g, pixel int, patch []uint16) {
		for j := g * npg; j < (g+1)*npg; j++ {
			out[j*px+pixel] = q.encode(q.dot(j, patch, ctr))
		}
	})
	return out
}

// encode is the array-edge encoder: the value of the next layer's code of
// the accumulator, or the accumulator's value after the last layer.
func (q *quantLayer) encode(acc int64) float64 {
	if q.next == nil {
		return q.d.Value(acc)
	}
	return q.next.Value(q.next.EncodeFixed(acc, q.frac))
}
