package accuracy

import (
	"fmt"
	"math"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/workloads/onnx"
)

// gemmLayer computes one array layer on one image: its input values (the
// node's input tensor) to its output values.
type gemmLayer interface {
	run(in []float64, c *counts) []float64
}

// counts is what passes counted per array layer: the datapath's MACs,
// truncations and overflows, and (float passes) the largest input
// magnitude; capture, if set, receives every patch a float layer lowers.
type counts struct {
	layers  []pe.Counters
	inMax   []float64
	capture func(layer int, patch []float64)
}

func newCounts(layers int) *counts {
	return &counts{layers: make([]pe.Counters, layers), inMax: make([]float64, layers)}
}

// merge adds o's counts into c.
func (c *counts) merge(o *counts) {
	for i := range c.layers {
		c.layers[i].Add(o.layers[i])
		c.inMax[i] = max(c.inMax[i], o.inMax[i])
	}
}

// forward runs the model on one image and returns its output tensor; the
// array layers run through layers (one per array node, in order).
func forward(m onnx.Model, img []float64, layers []gemmLayer, c *counts) ([]float64, error) {
	vals := map[string][]float64{m.Input: img}
	arr := 0
	for _, nd := range m.Nodes {
		in := vals[nd.Inputs[0]]
		var out []float64
		switch nd.Op {
		case onnx.OpConv, onnx.OpFC:
			out = layers[arr].run(in, c)
			arr++
		case onnx.OpClip:
			out = clip(in, nd.Min, nd.Max)
		case onnx.OpMaxPool, onnx.OpAvgPool, onnx.OpGlobalAvg:
			out = pool(nd, in)
		case onnx.OpAdd:
			out = add(in, vals[nd.Inputs[1]])
		case onnx.OpFlatten:
			out = in
		default:
			return nil, fmt.Errorf("node %q: operator %s cannot run", nd.Name, nd.Op)
		}
		vals[nd.Output] = out
	}
	return vals[m.Output], nil
}

func clip(in []float64, lo, hi float64) []float64 {
	out := make([]float64, len(in))
	for i, v := range in {
		out[i] = min(max(v, lo), hi)
	}
	return out
}

func add(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] + b[i]
	}
	return out
}

// pool runs a max or average pool (GlobalAveragePool: the whole map) on a
// [C, H, W] tensor. Padding never wins a max; an average divides by the
// window's elements inside the input unless CountIncludePad.
func pool(nd onnx.Node, in []float64) []float64 {
	c, h, w := nd.InShape[0], nd.InShape[1], nd.InShape[2]
	oh, ow := nd.OutShape[1], nd.OutShape[2]
	p := nd.Pool
	if nd.Op == onnx.OpGlobalAvg {
		p = onnx.Pool{Kh: h, Kw: w, StrideH: 1, StrideW: 1}
	}
	out := make([]float64, c*oh*ow)
	for ch := range c {
		plane := in[ch*h*w : (ch+1)*h*w]
		for y := range oh {
			for x := range ow {
				out[(ch*oh+y)*ow+x] = window(nd.Op == onnx.OpMaxPool, p, plane, h, w, y, x)
			}
		}
	}
	return out
}

// window reduces one pooling window at output (y, x).
func window(isMax bool, p onnx.Pool, plane []float64, h, w, y, x int) float64 {
	best, sum, n := math.Inf(-1), 0.0, 0
	y0, x0 := y*p.StrideH-p.PadH, x*p.StrideW-p.PadW
	for ky := range p.Kh {
		for kx := range p.Kw {
			iy, ix := y0+ky, x0+kx
			if iy < 0 || iy >= h || ix < 0 || ix >= w {
				continue
			}
			v := plane[iy*w+ix]
			best, sum, n = max(best, v), sum+v, n+1
		}
	}
	if isMax {
		return best
	}
	if p.CountIncludePad {
		// The padded window, clipped to the padded input (ONNX's rule).
		n = (min(y0+p.Kh, h+p.PadH) - y0) * (min(x0+p.Kw, w+p.PadW) - x0)
	}
	return sum / float64(n)
}

// patches lowers a node's input as the array sees it (design.md §3): for
// group g and output pixel (y, x), the K = Kh·Kw·Cin/g values under the
// filter in (channel, row, column) order, zero in the padding; a
// fully-connected layer is one patch of its input; zero fills the padding.
func patches[T any](nd onnx.Node, in []T, zero T, visit func(g, pixel int, patch []T)) {
	if nd.Op == onnx.OpFC {
		visit(0, 0, in)
		return
	}
	c := nd.Conv
	cg := c.Cin / c.Groups
	oh, ow := c.OutH(), c.OutW()
	patch := make([]T, cg*c.Kh*c.Kw)
	dh, dw := max(c.DilationH, 1), max(c.DilationW, 1)
	for g := range c.Groups {
		for y := range oh {
			for x := range ow {
				k := 0
				for ch := g * cg; ch < (g+1)*cg; ch++ {
					for ky := range c.Kh {
						iy := y*c.StrideH - c.PadH + ky*dh
						for kx := range c.Kw {
							ix := x*c.StrideW - c.PadW + kx*dw
							patch[k] = zero
							if iy >= 0 && iy < c.H && ix >= 0 && ix < c.W {
								patch[k] = in[(ch*c.H+iy)*c.W+ix]
							}
							k++
						}
					}
				}
				visit(g, y*ow+x, patch)
			}
		}
	}
}

// outputsPerGroup is N/g: the output channels (or features) of one group.
func outputsPerGroup(nd onnx.Node) int {
	if nd.Op == onnx.OpFC {
		return nd.OutShape[0]
	}
	return nd.Conv.Cout / nd.Conv.Groups
}

// pixels is the number of output pixels of a node (1 for an FC layer).
func pixels(nd onnx.Node) int {
	if nd.Op == onnx.OpFC {
		return 1
	}
	return nd.Conv.OutH() * nd.Conv.OutW()
}

// floatLayer is the float64 reference of array layer index.
type floatLayer struct {
	nd    onnx.Node
	index int
}

func (f floatLayer) run(in []float64, c *counts) []float64 {
	nd := f.nd
	npg, px := outputsPerGroup(nd), pixels(nd)
	out := make([]float64, len(nd.Bias)*px)
	k := len(nd.Weights) / len(nd.Bias)
	for _, v := range in {
		c.inMax[f.index] = max(c.inMax[f.index], math.Abs(v))
	}
	patches(nd, in, 0, func(g, pixel int, patch []float64) {
		if c.capture != nil {
			c.capture(f.index, patch)
		}
		for j := g * npg; j < (g+1)*npg; j++ {
			w := nd.Weights[j*k : (j+1)*k]
			s := nd.Bias[j]
			for i, a := range patch {
				s += a * w[i]
			}
			out[j*px+pixel] = s
		}
	})
	return out
}
