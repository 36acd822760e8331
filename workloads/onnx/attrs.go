package onnx

import (
	"fmt"

	"github.com/logsim/logsim/workloads/onnx/onnxpb"
)

// attrs are a node's attributes by name.
type attrs map[string]*onnxpb.AttributeProto

func attrsOf(n *onnxpb.NodeProto) attrs {
	a := attrs{}
	for _, at := range n.GetAttribute() {
		a[at.GetName()] = at
	}
	return a
}

// ints returns an integer-list attribute of want values (def if absent),
// each in [lo, workloads.MaxDim].
func (a attrs) ints(name string, want int, lo int64, def []int) ([]int, error) {
	at, ok := a[name]
	if !ok {
		return def, nil
	}
	vals := at.GetInts()
	if len(vals) != want {
		return nil, fmt.Errorf("attribute %s: %d values, want %d (2-D operators only)", name, len(vals), want)
	}
	out := make([]int, want)
	for i, v := range vals {
		if v < lo || v > workloadsMaxDim {
			return nil, fmt.Errorf("attribute %s: value %d out of range [%d, %d]", name, v, lo, workloadsMaxDim)
		}
		out[i] = int(v)
	}
	return out, nil
}

// int returns an integer attribute in [lo, hi] (def if absent).
func (a attrs) int(name string, lo, hi, def int64) (int, error) {
	at, ok := a[name]
	if !ok {
		return int(def), nil
	}
	if v := at.GetI(); v < lo || v > hi {
		return 0, fmt.Errorf("attribute %s: %d out of range [%d, %d]", name, v, lo, hi)
	}
	return int(at.GetI()), nil
}

// float returns a float attribute (def if absent).
func (a attrs) float(name string, def float64) float64 {
	if at, ok := a[name]; ok {
		return float64(at.GetF())
	}
	return def
}

// str returns a string attribute (def if absent).
func (a attrs) str(name, def string) string {
	if at, ok := a[name]; ok {
		return string(at.GetS())
	}
	return def
}

// window is the spatial part of a Conv or pool: kernel, strides,
// dilations and symmetric padding.
type window struct {
	k, stride, dil, pad [2]int
}

// readWindow reads kernel_shape (kernel: from the weights for a Conv),
// strides, dilations, pads and auto_pad for an input of h×w.
func readWindow(a attrs, kernel []int, h, w int) (window, error) {
	var win window
	k, err := a.ints("kernel_shape", 2, 1, kernel)
	if err != nil {
		return win, err
	}
	if k == nil {
		return win, fmt.Errorf("attribute kernel_shape is missing")
	}
	if kernel != nil && (k[0] != kernel[0] || k[1] != kernel[1]) {
		return win, fmt.Errorf("attribute kernel_shape %v differs from the weights' %v", k, kernel)
	}
	s, err := a.ints("strides", 2, 1, []int{1, 1})
	if err != nil {
		return win, err
	}
	d, err := a.ints("dilations", 2, 1, []int{1, 1})
	if err != nil {
		return win, err
	}
	win.k, win.stride, win.dil = [2]int{k[0], k[1]}, [2]int{s[0], s[1]}, [2]int{d[0], d[1]}
	return win, win.readPads(a, h, w)
}

// readPads reads pads [top, left, bottom, right] or auto_pad; padding
// must be symmetric.
func (win *window) readPads(a attrs, h, w int) error {
	switch mode := a.str("auto_pad", "NOTSET"); mode {
	case "NOTSET", "":
	case "VALID":
		return nil
	case "SAME_UPPER", "SAME_LOWER":
		return win.samePads(h, w)
	default:
		return fmt.Errorf("attribute auto_pad %q: want NOTSET, VALID, SAME_UPPER or SAME_LOWER", mode)
	}
	p, err := a.ints("pads", 4, 0, []int{0, 0, 0, 0})
	if err != nil {
		return err
	}
	if p[0] != p[2] || p[1] != p[3] {
		return fmt.Errorf("attribute pads %v: asymmetric padding is not supported (logsim's layers pad both sides equally)", p)
	}
	win.pad = [2]int{p[0], p[1]}
	return nil
}

// samePads gives the output ⌈in/stride⌉ with equal padding on both sides.
func (win *window) samePads(h, w int) error {
	for i, in := range []int{h, w} {
		span := (win.k[i]-1)*win.dil[i] + 1
		out := (in + win.stride[i] - 1) / win.stride[i]
		total := max(0, (out-1)*win.stride[i]+span-in)
		if total%2 != 0 {
			return fmt.Errorf("auto_pad SAME needs asymmetric padding (%d in all) here, which is not supported", total)
		}
		win.pad[i] = total / 2
	}
	return nil
}

// ints64 returns an integer-list attribute as it is (nil if absent).
func (a attrs) ints64(name string) []int64 {
	if at, ok := a[name]; ok {
		return at.GetInts()
	}
	return nil
}
