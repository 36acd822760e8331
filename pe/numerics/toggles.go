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
	g, err := newToggleGEMM(s, weightDist, seed)
	if err != nil {
		return Toggles{}, err
	}
	var t Toggles
	var actFlips, wFlips, accFlips, actN, wN, accN int
	accMask := uint64(1)<<s.Acc() - 1
	for k := 0; k < toggleK; k++ {
		for p := 1; p < toggleP; p++ {
			actFlips += bits.OnesCount16(g.a[p].codes[k] ^ g.a[p-1].codes[k])
			actN++
		}
	}
	var c pe.Counters
	for n := range g.w {
		for k := 1; k < toggleK; k++ {
			wFlips += bits.OnesCount16(g.w[n].codes[k] ^ g.w[n].codes[k-1])
			wN++
		}
		for p := range g.a {
			acc := int64(0)
			for k := 0; k < toggleK; k++ {
				next := g.d.MAC(acc, g.a[p].codes[k], g.w[n].codes[k], &c)
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

// toggleGEMM is the quantized synthetic GEMM MeasureToggles and MACStream
// stream through a PE: activation rows, weight columns and the datapath.
type toggleGEMM struct {
	fsrA, fsrW, frac int
	d                *pe.Datapath
	a, w             []line
}

func newToggleGEMM(s pe.Spec, weightDist Dist, seed uint64) (toggleGEMM, error) {
	if s.FP16 {
		return toggleGEMM{}, fmt.Errorf("toggle rates: %s has no integer datapath to measure", s)
	}
	acts, wts := SyntheticGEMM(toggleP, toggleK, toggleN, weightDist, s.ASigned, seed)
	g := toggleGEMM{fsrA: s.ActFSR(maxAbs(acts)), fsrW: s.WeightFSR(maxAbs(wts))}
	g.frac = pe.FracBits(s, g.fsrA, g.fsrW, toggleK)
	var err error
	if g.d, err = pe.NewDatapath(s, g.fsrA, g.fsrW, g.frac); err != nil {
		return toggleGEMM{}, fmt.Errorf("toggle rates: %w", err)
	}
	aq, wq := s.ActQuantizer(g.fsrA), s.WeightQuantizer(g.fsrW)
	g.a = make([]line, toggleP)
	for p := range g.a {
		g.a[p] = quantizeLine(acts, p, aq)
	}
	g.w = make([]line, toggleN)
	for n := range g.w {
		g.w[n] = quantizeLine(wts, n, wq)
	}
	return g, nil
}

// MACStream is the sequence of operand pairs one output-stationary PE sees
// on the synthetic GEMM MeasureToggles measures (the same FSRs, fractional
// bits and codes): for each output (n, p) in turn, its K pairs, the first
// of which starts a new sum. Gate-level energy simulations drive a PE's
// netlist with it.
type MACStream struct {
	FSRA, FSRW, Frac int      // the layer's FSRs and accumulator fractional bits
	K                int      // pairs per output
	A, W             []uint16 // activation and weight codes, in order
}

// NewMACStream returns the first outputs·K pairs of the stream of spec s
// (every output if outputs ≤ 0 or more than the GEMM has).
func NewMACStream(s pe.Spec, weightDist Dist, seed uint64, outputs int) (MACStream, error) {
	g, err := newToggleGEMM(s, weightDist, seed)
	if err != nil {
		return MACStream{}, err
	}
	if outputs <= 0 || outputs > toggleP*toggleN {
		outputs = toggleP * toggleN
	}
	m := MACStream{FSRA: g.fsrA, FSRW: g.fsrW, Frac: g.frac, K: toggleK}
	for o := 0; o < outputs; o++ {
		n, p := o/toggleP, o%toggleP
		m.A = append(m.A, g.a[p].codes...)
		m.W = append(m.W, g.w[n].codes...)
	}
	return m, nil
}
