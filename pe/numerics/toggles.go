package numerics

import (
	"fmt"
	"math/bits"

	"github.com/logsim/logsim/pe"
)

// Toggles are the fractions of a PE register's bits that change from one
// clocked value to the next (0–1), per register.
type Toggles struct {
	Act    float64 // activation code register
	Weight float64 // weight code register
	Acc    float64 // accumulator / partial-sum register (two's complement, Spec.Acc() bits)
}

// DefaultSeed and DefaultWeights are the numerics module's default
// synthetic data (sim.DefaultNumerics reads them), which measured register
// activity always uses, whether or not numerics are measured.
const (
	DefaultSeed    uint64 = 1
	DefaultWeights        = Gaussian
)

// The shape of the synthetic GEMM MeasureToggles streams: big enough that
// the rates settle to about ±0.005 (a few thousand register updates each).
const (
	toggleP, toggleK, toggleN = 64, 64, 8
)

// MeasureToggles measures an integer PE's register toggle rates on the
// operand streams the numerics module draws for a layer (SyntheticGEMM of
// seed and weightDist, activations ReLU'd Gaussian unless the spec's are
// signed): the activation register sees a column of A (consecutive rows p
// of one k: what streams through a WS row), the weight register a row of
// W (consecutive k of one n), the accumulator the running sums of the
// datapath over k (an OS accumulation; a WS partial sum sees the same kind
// of sums). Rates are averaged over every register update of the GEMM.
// fp16 PEs have no integer datapath: an error.
func MeasureToggles(s pe.Spec, weightDist Dist, seed uint64) (Toggles, error) {
	if s.FP16 {
		return Toggles{}, fmt.Errorf("toggle rates: %s has no integer datapath to measure", s)
	}
	acts, wts := SyntheticGEMM(toggleP, toggleK, toggleN, weightDist, s.ASigned, seed)
	fsrA, fsrW := s.ActFSR(maxAbs(acts)), s.WeightFSR(maxAbs(wts))
	frac := pe.FracBits(s, fsrA, fsrW, toggleK)
	d, err := pe.NewDatapath(s, fsrA, fsrW, frac)
	if err != nil {
		return Toggles{}, fmt.Errorf("toggle rates: %w", err)
	}
	aq, wq := s.ActQuantizer(fsrA), s.WeightQuantizer(fsrW)
	a := make([]line, toggleP)
	for p := range a {
		a[p] = quantizeLine(acts, p, aq)
	}
	w := make([]line, toggleN)
	for n := range w {
		w[n] = quantizeLine(wts, n, wq)
	}
	var t Toggles
	var actFlips, wFlips, accFlips, actN, wN, accN int
	accMask := uint64(1)<<s.Acc() - 1
	for k := 0; k < toggleK; k++ {
		for p := 1; p < toggleP; p++ {
			actFlips += bits.OnesCount16(a[p].codes[k] ^ a[p-1].codes[k])
			actN++
		}
	}
	var c pe.Counters
	for n := range w {
		for k := 1; k < toggleK; k++ {
			wFlips += bits.OnesCount16(w[n].codes[k] ^ w[n].codes[k-1])
			wN++
		}
		for p := range a {
			acc := int64(0)
			for k := 0; k < toggleK; k++ {
				next := d.MAC(acc, a[p].codes[k], w[n].codes[k], &c)
				accFlips += bits.OnesCount64((uint64(next) ^ uint64(acc)) & accMask)
				acc = next
				accN++
			}
		}
	}
	t.Act = float64(actFlips) / float64(actN*s.ABits)
	t.Weight = float64(wFlips) / float64(wN*s.WBits)
	t.Acc = float64(accFlips) / float64(accN*s.Acc())
	return t, nil
}
