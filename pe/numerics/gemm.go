package numerics

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/quant"
)

// Options configure RunGEMM.
type Options struct {
	Spec pe.Spec
	// MaxOutputs bounds the outputs evaluated (0: all P·N).
	MaxOutputs int
	// Seed seeds the choice of sampled outputs.
	Seed uint64
}

// Result is the numerical error of one GEMM.
type Result struct {
	Spec      string // canonical PE spec
	P, K, N   int    // GEMM shape
	Outputs   int    // outputs evaluated
	Sampled   bool   // true if Outputs < P·N
	Synthetic bool   // true if either operand is synthetic data
	FSRA      int    // activation FSR used
	FSRW      int    // weight FSR used
	FracBits  int    // accumulator fractional bits used
	// SQNRdB is 10·log10(Σ ref² / Σ (out − ref)²) of the accumulator values (dB).
	SQNRdB float64
	// MeanRelErr is the mean of |out − ref|/|ref| over outputs with ref ≠ 0.
	MeanRelErr float64
	// NormMAE is Σ|out − ref| / Σ|ref|.
	NormMAE float64
	// OutputSQNRdB is the SQNR after the output encoder, against max(ref, 0)
	// for an unsigned activation code (dB).
	OutputSQNRdB float64
	// Counters are the datapath's MACs, truncations and overflows.
	Counters pe.Counters
}

// SyntheticGEMM returns seeded synthetic operands for a P×K by K×N GEMM:
// ReLU'd Gaussian activations (Gaussian if signedActs) and weights of
// weightDist. Activation rows use seed, weight columns seed + 1.
func SyntheticGEMM(p, k, n int, weightDist Dist, signedActs bool, seed uint64) (acts, wts Operand) {
	ad := ReLUGaussian
	if signedActs {
		ad = Gaussian
	}
	return SyntheticOperand{Dist: ad, NLines: p, K: k, Seed: seed},
		SyntheticOperand{Dist: weightDist, NLines: n, K: k, Seed: seed + 1}
}

type output struct{ row, col int }

// sampleOutputs picks the outputs to evaluate (package doc, step 3).
func sampleOutputs(p, n, maxOut int, seed uint64) []output {
	total := int64(p) * int64(n)
	if maxOut <= 0 || total <= int64(maxOut) {
		outs := make([]output, 0, total)
		for i := 0; i < p; i++ {
			for j := 0; j < n; j++ {
				outs = append(outs, output{i, j})
			}
		}
		return outs
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	chosen := make(map[int64]bool, maxOut)
	for t := total - int64(maxOut); t < total; t++ { // Floyd's algorithm
		v := r.Int64N(t + 1)
		if chosen[v] {
			v = t
		}
		chosen[v] = true
	}
	idx := make([]int64, 0, maxOut)
	for v := range chosen {
		idx = append(idx, v)
	}
	sort.Slice(idx, func(a, b int) bool { return idx[a] < idx[b] })
	outs := make([]output, len(idx))
	for i, v := range idx {
		outs[i] = output{int(v / int64(n)), int(v % int64(n))}
	}
	return outs
}

// line is one operand line: values and codes.
type line struct {
	x     []float64
	codes []uint16
}

func quantizeLine(o Operand, i int, q quant.Quantizer) line {
	l := line{x: make([]float64, o.Len()), codes: make([]uint16, o.Len())}
	o.Line(i, l.x)
	for k, v := range l.x {
		l.codes[k] = q.Quantize(v)
	}
	return l
}

// RunGEMM runs the GEMM acts (P×K, by rows) · wts (K×N, by columns) through
// the PE datapath of opts.Spec and measures its error (package doc).
func RunGEMM(acts, wts Operand, opts Options) (Result, error) {
	s := opts.Spec
	if err := s.Validate(); err != nil {
		return Result{}, fmt.Errorf("numerics: PE %s: %w", s, err)
	}
	p, k, n := acts.Lines(), acts.Len(), wts.Lines()
	if wts.Len() != k {
		return Result{}, fmt.Errorf("numerics: activations are %d×%d but weights are %d×%d: K differs", p, k, wts.Len(), n)
	}
	if p <= 0 || k <= 0 || n <= 0 {
		return Result{}, fmt.Errorf("numerics: empty GEMM %d×%d×%d", p, k, n)
	}
	res := Result{Spec: s.String(), P: p, K: k, N: n, Synthetic: acts.Synthetic() || wts.Synthetic()}
	if !s.FP16 {
		res.FSRA, res.FSRW = s.ActFSR(maxAbs(acts)), s.WeightFSR(maxAbs(wts))
		res.FracBits = pe.FracBits(s, res.FSRA, res.FSRW, k)
	}
	aq, wq := s.ActQuantizer(res.FSRA), s.WeightQuantizer(res.FSRW)
	dot, err := newDotter(s, res.FSRA, res.FSRW, res.FracBits)
	if err != nil {
		return Result{}, err
	}
	outs := sampleOutputs(p, n, opts.MaxOutputs, opts.Seed)
	res.Outputs, res.Sampled = len(outs), int64(len(outs)) < int64(p)*int64(n)
	refs := make([]float64, len(outs))
	vals := make([]float64, len(outs))
	accs := make([]int64, len(outs))
	forEachPair(acts, wts, aq, wq, outs, func(i int, a, w line) {
		ref := 0.0
		for kk := range a.x {
			ref += a.x[kk] * w.x[kk]
		}
		refs[i] = ref
		vals[i], accs[i] = dot.dot(a.codes, w.codes, &res.Counters)
	})
	res.SQNRdB, res.MeanRelErr, res.NormMAE = errorMetrics(refs, vals)
	res.OutputSQNRdB = outputSQNR(s, refs, vals, accs, res.FracBits)
	return res, nil
}

// forEachPair evaluates every sampled output, generating each operand line
// once: the operand with fewer distinct sampled lines is cached, the other
// is walked line by line.
func forEachPair(acts, wts Operand, aq, wq quant.Quantizer, outs []output, f func(i int, a, w line)) {
	rows, cols := map[int][]int{}, map[int][]int{}
	for i, o := range outs {
		rows[o.row] = append(rows[o.row], i)
		cols[o.col] = append(cols[o.col], i)
	}
	walk, walkQ, cache, cacheQ, byRow := acts, aq, wts, wq, true
	groups := rows
	if len(cols) > len(rows) {
		walk, walkQ, cache, cacheQ, byRow, groups = wts, wq, acts, aq, false, cols
	}
	cached := map[int]line{}
	keys := make([]int, 0, len(groups))
	for key := range groups {
		keys = append(keys, key)
	}
	sort.Ints(keys)
	for _, key := range keys {
		wl := quantizeLine(walk, key, walkQ)
		for _, i := range groups[key] {
			other := outs[i].col
			if !byRow {
				other = outs[i].row
			}
			cl, ok := cached[other]
			if !ok {
				cl = quantizeLine(cache, other, cacheQ)
				cached[other] = cl
			}
			if byRow {
				f(i, wl, cl)
			} else {
				f(i, cl, wl)
			}
		}
	}
}

// dotter runs one dot product through a datapath: its real value and, for
// integer kinds, the accumulator integer.
type dotter struct {
	d  *pe.Datapath
	fp bool
}

func newDotter(s pe.Spec, fsrA, fsrW, frac int) (dotter, error) {
	if s.FP16 {
		return dotter{fp: true}, nil
	}
	d, err := pe.NewDatapath(s, fsrA, fsrW, frac)
	if err != nil {
		return dotter{}, fmt.Errorf("numerics: %w", err)
	}
	return dotter{d: d}, nil
}

func (t dotter) dot(a, w []uint16, c *pe.Counters) (float64, int64) {
	if t.fp {
		return float64(pe.FP16Datapath{}.Dot(a, w, c)), 0
	}
	acc := t.d.Dot(a, w, c)
	return t.d.Value(acc), acc
}

// errorMetrics returns SQNR (dB), the mean relative error and the
// normalised mean absolute error.
func errorMetrics(refs, vals []float64) (sqnr, meanRel, normMAE float64) {
	var sig, noise, sumAbsErr, sumAbsRef, sumRel float64
	nRel := 0
	for i, r := range refs {
		e := vals[i] - r
		sig += r * r
		noise += e * e
		sumAbsErr += math.Abs(e)
		sumAbsRef += math.Abs(r)
		if r != 0 {
			sumRel += math.Abs(e) / math.Abs(r)
			nRel++
		}
	}
	sqnr = SQNRdB(sig, noise)
	if nRel > 0 {
		meanRel = sumRel / float64(nRel)
	}
	if sumAbsRef > 0 {
		normMAE = sumAbsErr / sumAbsRef
	}
	return sqnr, meanRel, normMAE
}

// SQNRdB is 10·log10(signal/noise) (dB); +Inf for zero noise.
func SQNRdB(signal, noise float64) float64 {
	if noise == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(signal/noise)
}

// outputSQNR encodes the outputs into the next layer's activation code
// (FSR from the largest |ref|) and compares with the reference.
func outputSQNR(s pe.Spec, refs, vals []float64, accs []int64, frac int) float64 {
	auto := s
	auto.FSRA = pe.OptInt{}
	m := 0.0
	for _, r := range refs {
		m = max(m, math.Abs(r))
	}
	q := auto.ActQuantizer(auto.ActFSR(m))
	var sig, noise float64
	for i, r := range refs {
		if !s.ASigned && r < 0 {
			r = 0
		}
		var code uint16
		if s.FP16 {
			code = q.Quantize(vals[i])
		} else {
			code = q.EncodeFixed(accs[i], frac)
		}
		e := q.Value(code) - r
		sig += r * r
		noise += e * e
	}
	return SQNRdB(sig, noise)
}
