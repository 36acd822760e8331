package pe

import (
	"math"

	"github.com/logsim/logsim/pe/quant"
)

// FP16Datapath is the mult:fp16 reference PE: binary16 operands, an exact
// product (11 × 11 significand bits fit binary32's 24), and a binary32
// accumulator rounded to nearest even after every addition.
type FP16Datapath struct{}

// MAC returns float32(acc + a·w) and counts inexact additions as
// truncations and additions that overflow to ±Inf as overflows.
func (FP16Datapath) MAC(acc float32, a, w uint16, c *Counters) float32 {
	c.MACs++
	p := float32(float32(quant.F16Value(a)) * float32(quant.F16Value(w))) // exact
	s := float32(acc + p)
	if math.IsInf(float64(s), 0) {
		if !math.IsInf(float64(acc), 0) && !math.IsInf(float64(p), 0) {
			c.Overflows++
		}
		return s
	}
	// TwoSum (Knuth): the rounding error of acc + p, exact in binary32.
	bb := float32(s - acc)
	err := float32(float32(acc-float32(s-bb)) + float32(p-bb))
	if err != 0 {
		c.Truncations++
	}
	return s
}

// Dot accumulates Σ acts[i]·wts[i] from +0.
func (d FP16Datapath) Dot(acts, wts []uint16, c *Counters) float32 {
	var acc float32
	for i := range acts {
		acc = d.MAC(acc, acts[i], wts[i], c)
	}
	return acc
}
