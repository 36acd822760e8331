package numerics

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/sbinet/npyio"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/quant"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// midpointGrid returns n points (i + ½)/n·(hi − lo) + lo: uniform data with
// no sampling noise.
func midpointGrid(lo, hi float64, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = lo + (float64(i)+0.5)/float64(n)*(hi-lo)
	}
	return xs
}

// TestLinearSQNRPerBit: x uniform on [0, 1), unsigned b-bit LinearQuant with
// FSR = 0, step s = 2^−b. Bins [ks − s/2, ks + s/2), k = 1 … 2^b − 1, each
// contribute ∫u² = s³/12; [0, s/2) rounds to 0: s³/24; [1 − s/2, 1) rounds
// to 2^b, clamped to 2^b − 1, error in [s/2, s): 7s³/24. MSE = s²/12 + s³/4,
// signal 1/3, so SQNR = 10·log10((1/3)/(s²/12 + s³/4)) ≈ 6.02·b + 6.02 dB
// for small s. The data is a midpoint grid of 2^20 points, 2^20/2^b ≥ 256
// points per step and none on a rounding boundary: the discrete error
// variance differs from the continuous one by a factor 1 − 1/M² (M points
// per step), < 2e-5 relative, so 0.01 dB is a generous tolerance.
func TestLinearSQNRPerBit(t *testing.T) {
	xs := midpointGrid(0, 1, 1<<20)
	prev := 0.0
	for b := 2; b <= 12; b++ {
		s := math.Ldexp(1, -b)
		want := 10 * math.Log10((1.0/3)/(s*s/12+s*s*s/4))
		got := QuantizerSQNR(quant.Linear{Bits: b, FSR: 0}, xs)
		require.InDelta(t, want, got, 0.01, "b=%d", b)
		// From b = 9 on, the s³ term adds 10·log10(1 + 3s) ≤ 0.051 dB at the
		// previous width (b − 1 = 8) and half that at b: the slope is
		// 20·log10 2 = 6.02 dB within 0.05.
		if b >= 9 {
			require.InDelta(t, 6.02, got-prev, 0.05, "b=%d", b)
		}
		prev = got
	}
}

// TestLogSQNRSaturates: x = 2^k·u with u uniform on [2^−½, 2^½) (a midpoint
// grid) and k ∈ {−3 … 3}: log rounding at base 2 maps every x to 2^k, so
// the noise-to-signal ratio is, for every k alike,
// ∫(u − 1)² du / ∫u² du over [2^−½, 2^½]
// = ((√2 − 1)³ − (2^−½ − 1)³) / (2^{3/2} − 2^{−3/2}) = 0.038868…,
// SQNR = 14.10 dB whatever the bits, as long as the range covers 2^−3 … 2^3:
// 5, 6 and 8 signed bits (FSR 4) all do. Linear rounding and base √2 are
// checked the same way for larger bit counts against their own closed
// forms below.
func TestLogSQNRSaturates(t *testing.T) {
	u := midpointGrid(math.Sqrt(0.5), math.Sqrt2, 1<<16)
	var xs []float64
	for k := -3; k <= 3; k++ {
		for _, v := range u {
			xs = append(xs, math.Ldexp(v, k))
		}
	}
	a, b := math.Sqrt(0.5), math.Sqrt2
	want := 10 * math.Log10((b*b*b-a*a*a)/((b-1)*(b-1)*(b-1)-(a-1)*(a-1)*(a-1)))
	require.InDelta(t, 14.10, want, 0.005, "closed form")
	for _, bits := range []int{5, 6, 8} {
		got := QuantizerSQNR(quant.Log{Bits: bits, Signed: true, FSR: 4}, xs)
		require.InDelta(t, want, got, 0.001, "bits=%d", bits)
	}
}

// TestSQNRGainGaussian: on N(0, 1) data (2^16 samples, FSR from the max),
// 8 → 10 bits gains 20·log10 4 = 12.04 dB for linear (fine steps: the noise
// is s²/12 at both widths and the FSR is the same; the sampling error of
// each noise power is ≈ 0.9/√65536 = 0.35 %, 0.015 dB, so 0.15 dB is 5σ of
// the difference), and nothing for log: 127 exponents already cover every
// sample (the smallest |x| of 2^16 Gaussians is ~1e−5 ≫ 2^−120), so the
// codes and the SQNR are identical.
func TestSQNRGainGaussian(t *testing.T) {
	xs := Gaussian.Sample(1<<16, 42)
	m := 0.0
	for _, x := range xs {
		m = max(m, math.Abs(x))
	}
	lin := func(b int) float64 {
		return QuantizerSQNR(quant.Linear{Bits: b, Signed: true, FSR: quant.LinearFSR(m, b, true)}, xs)
	}
	lg := func(b int) float64 {
		return QuantizerSQNR(quant.Log{Bits: b, Signed: true, FSR: quant.LogFSR(m, quant.Base2, quant.LogRound)}, xs)
	}
	require.InDelta(t, 12.04, lin(10)-lin(8), 0.15)
	require.InDelta(t, 0, lg(10)-lg(8), 0.1)
	require.Less(t, lg(8), lin(8), "at 8 bits linear beats log")
}

// gaussianRoundingNoise is the exact mean square error of rounding N(0, 1)
// to the grid s·ℤ (no clamp): the squared sawtooth e(x)² has the Fourier
// series s²/12 + Σ_{k≥1} (−1)^k s²/(π²k²)·cos(2πkx/s), and E[cos(ωX)] =
// exp(−ω²/2), so E[e²] = s²/12 + (s²/π²)·Σ (−1)^k/k²·exp(−2π²k²/s²)
// (Widrow's quantization theorem: the high-resolution s²/12 is off by
// −0.87 % at s = 2, by < 1e−8 at s ≤ 1, but by −35 % at s = 4).
func gaussianRoundingNoise(s float64) float64 {
	n := s * s / 12
	sign := -1.0
	for k := 1; k <= 20; k++ {
		kk := float64(k * k)
		n += sign * s * s / (math.Pi * math.Pi * kk) * math.Exp(-2*math.Pi*math.Pi*kk/(s*s))
		sign = -sign
	}
	return n
}

// TestLinearSQNRPerBitSmallWidths: LinearQuant from 2 to 8 bits on the
// synthetic Gaussian (2^18 samples, FSR from the max as RunGEMM chooses
// it): signed codes on N(0, 1), unsigned codes on max(0, N(0, 1)). The max
// (4.93; any in [3.98, 6) would do) gives FSR 3 at every width, so each
// extra bit halves the step exactly: s = 2^(4−b) signed (2-bit: levels −4,
// 0, 4), 2^(3−b) unsigned.
// Nothing clips, so the noise per nonzero sample is gaussianRoundingNoise(s)
// (for the ReLU'd data the zeros are exact and, rounding being symmetric,
// the positive half has the same error as N(0, 1)).
//
// Checks: (1) each width's SQNR equals the closed form within 0.06 dB:
// the noise is a mean of 2^18 (signed) or ≈ 2^17 (unsigned, nonzero)
// squared errors with relative standard deviation ≤ 1.3/√n ≤ 0.36 %
// (0.016 dB; 300 seeds at 2^16 samples measured 0.015–0.024 dB, i.e. ≤
// 0.012 dB at 2^18), so 0.06 dB is ≥ 5σ, while a rounding or step error
// moves the SQNR by ≥ 1 dB. (2) Where the previous width's step is ≤ 2σ
// (unsigned from 2 bits, signed from 3), one more bit adds 20·log10 2 =
// 6.02 dB within 0.12 dB: the closed form puts the 2σ → σ rise 0.04 dB
// short of 6.02 (the −0.87 % above) and the sampling error of a rise
// (signal cancels, same samples) measured 0.035 dB at 2^16, ≤ 0.018 dB
// here: 0.12 dB ≥ 4σ past the bias. A step that did not halve would rise
// by 0 or 12 dB. (3) The signed 2→3-bit rise is not 6 dB but the closed
// form's 4.18 dB: at 2 bits (s = 4σ) most samples round to 0 and the noise
// is 35 % below s²/12; the test pins that too, so "6 dB per bit" holds for
// signed codes from 3 bits on and for unsigned codes from 2.
func TestLinearSQNRPerBitSmallWidths(t *testing.T) {
	const sixDB = 6.0206 // 20·log10 2
	for _, signed := range []bool{true, false} {
		dist := ReLUGaussian
		if signed {
			dist = Gaussian
		}
		xs := dist.Sample(1<<18, 42)
		m, power, nonzero := 0.0, 0.0, 0
		for _, x := range xs {
			m = max(m, math.Abs(x))
			if x != 0 {
				power += x * x
				nonzero++
			}
		}
		power /= float64(nonzero) // signal per nonzero sample
		prev, prevStep := 0.0, 0.0
		for b := 2; b <= 8; b++ {
			q := quant.Linear{Bits: b, Signed: signed, FSR: quant.LinearFSR(m, b, signed)}
			require.Equal(t, 3, q.FSR, "signed=%v b=%d: the same FSR at every width", signed, b)
			step := math.Ldexp(1, q.StepExp())
			got := QuantizerSQNR(q, xs)
			want := 10 * math.Log10(power/gaussianRoundingNoise(step))
			t.Logf("signed=%v b=%d: step %g, SQNR %.2f dB (closed form %.2f), rise %.2f dB", signed, b, step, got, want, got-prev)
			require.InDelta(t, want, got, 0.06, "signed=%v b=%d", signed, b)
			if b > 2 {
				rise := got - prev
				if prevStep <= 2 {
					require.InDelta(t, sixDB, rise, 0.12, "signed=%v %d→%d bits", signed, b-1, b)
				} else {
					wantRise := 10 * math.Log10(gaussianRoundingNoise(prevStep)/gaussianRoundingNoise(step))
					require.InDelta(t, 4.18, wantRise, 0.01, "closed form")
					require.InDelta(t, wantRise, rise, 0.12, "signed=%v %d→%d bits", signed, b-1, b)
				}
			}
			prev, prevStep = got, step
		}
	}
}

// TestRunGEMMExactGrid: operands already on the quantization grid of
// mult:a8w8 (activations k/64 for k ≤ 255 with max 255/64 → FSR 2, step
// 2^−6; weights l/64 with |l| ≤ 127 → FSR 1, step 2^−6) and a 32-bit
// accumulator with F = 12: every product and sum is exact, so the datapath
// reproduces float64 exactly: infinite SQNR, no truncation, no overflow.
func TestRunGEMMExactGrid(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	p, k, n := 5, 40, 6
	a := make([]float64, p*k)
	for i := range a {
		a[i] = float64(r.IntN(256)) / 64
	}
	a[0] = 255.0 / 64
	w := make([]float64, k*n)
	for i := range w {
		w[i] = float64(r.IntN(255)-127) / 64
	}
	w[0] = 127.0 / 64
	s, _ := pe.Parse("mult:a8w8")
	res, err := RunGEMM(DenseOperand{a, p, k, false}, DenseOperand{w, k, n, true}, Options{Spec: s})
	require.NoError(t, err)
	require.Equal(t, 2, res.FSRA)
	require.Equal(t, 1, res.FSRW)
	require.Equal(t, 12, res.FracBits)
	require.True(t, math.IsInf(res.SQNRdB, 1))
	require.Zero(t, res.MeanRelErr)
	require.Equal(t, pe.Counters{MACs: int64(p * k * n)}, res.Counters)
	require.False(t, res.Synthetic)
	require.False(t, res.Sampled)
}

// TestRunGEMMMatchesDequantizedDot: the GEMM's values must equal
// Σ Value(a)·Value(w) computed here in float64 from the quantizers (exact:
// the default F keeps every product — for mult:as2w2 F is negative, the
// products being multiples of 2 LSBs — and the sums stay far below 2^53
// LSBs), on a sampled subset — which checks the sampling and line plumbing
// of RunGEMM against a direct computation, for shift:a8w4 and for mult at
// the small widths of the log specs' controls.
func TestRunGEMMMatchesDequantizedDot(t *testing.T) {
	for _, text := range []string{"shift:a8w4", "mult:a2w2", "mult:as2w2", "mult:a3w3", "mult:a8w2", "mult:as3w4"} {
		s, err := pe.Parse(text)
		require.NoError(t, err)
		acts, wts := SyntheticGEMM(300, 64, 200, Laplacian, s.ASigned, 9)
		opts := Options{Spec: s, MaxOutputs: 500, Seed: 3}
		res, err := RunGEMM(acts, wts, opts)
		require.NoError(t, err, text)
		require.Equal(t, 500, res.Outputs, text)
		require.True(t, res.Sampled, text)
		require.True(t, res.Synthetic, text)
		require.Zero(t, res.Counters.Truncations, text)
		require.Zero(t, res.Counters.Overflows, text)
		require.Equal(t, SQNRdB(dequantizedNoise(opts, res, acts, wts)), res.SQNRdB, text)
		again, err := RunGEMM(acts, wts, opts)
		require.NoError(t, err, text)
		require.Equal(t, res, again, "deterministic: %s", text)
	}
}

// dequantizedNoise returns Σ ref² and Σ (deq − ref)² over the outputs
// RunGEMM sampled under opts, deq = Σ Value(a)·Value(w) at the result's
// FSRs.
func dequantizedNoise(opts Options, res Result, acts, wts Operand) (sig, noise float64) {
	aq, wq := opts.Spec.ActQuantizer(res.FSRA), opts.Spec.WeightQuantizer(res.FSRW)
	av, wv := make([]float64, acts.Len()), make([]float64, wts.Len())
	for _, o := range sampleOutputs(acts.Lines(), wts.Lines(), opts.MaxOutputs, opts.Seed) {
		acts.Line(o.row, av)
		wts.Line(o.col, wv)
		ref, deq := 0.0, 0.0
		for kk := range av {
			ref += av[kk] * wv[kk]
			deq += aq.Value(aq.Quantize(av[kk])) * wq.Value(wq.Quantize(wv[kk]))
		}
		sig += ref * ref
		noise += (deq - ref) * (deq - ref)
	}
	return sig, noise
}

func TestSampleOutputs(t *testing.T) {
	outs := sampleOutputs(1000, 1000, 100, 5)
	require.Len(t, outs, 100)
	seen := map[output]bool{}
	for i, o := range outs {
		require.False(t, seen[o], "distinct")
		seen[o] = true
		if i > 0 {
			require.Less(t, outs[i-1].row*1000+outs[i-1].col, o.row*1000+o.col, "sorted")
		}
	}
	require.Equal(t, outs, sampleOutputs(1000, 1000, 100, 5))
	require.NotEqual(t, outs, sampleOutputs(1000, 1000, 100, 6))
	require.Len(t, sampleOutputs(3, 4, 100, 5), 12)
}

func TestFP16GEMM(t *testing.T) {
	s, _ := pe.Parse("mult:fp16")
	acts, wts := SyntheticGEMM(20, 256, 20, Gaussian, true, 4)
	res, err := RunGEMM(acts, wts, Options{Spec: s})
	require.NoError(t, err)
	// fp16 operands have 11 significant bits: relative error ≤ 2^−11 each,
	// so the SQNR of a dot product is around 6.02·11 + 10·log10(3) ≈ 71 dB
	// (two operands: −3 dB); anything below 60 dB would be a bug.
	require.Greater(t, res.SQNRdB, 60.0)
	require.Less(t, res.SQNRdB, 90.0)
}

func writeNPY(t *testing.T, name string, rows, cols int, data []float64) string {
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, npyio.Write(f, mat.NewDense(rows, cols, data)))
	require.NoError(t, f.Close())
	return path
}

func TestNPY(t *testing.T) {
	a := []float64{1, 2, 3, 4, 5, 6}
	path := writeNPY(t, "a.npy", 2, 3, a)
	d, err := LoadNPY(path)
	require.NoError(t, err)
	require.Equal(t, DenseOperand{Data: a, Rows: 2, Cols: 3}, d)
	col := make([]float64, 2)
	DenseOperand{Data: a, Rows: 2, Cols: 3, ByColumn: true}.Line(1, col)
	require.Equal(t, []float64{2, 5}, col)

	bad := filepath.Join(t.TempDir(), "bad.npy")
	require.NoError(t, os.WriteFile(bad, []byte("not numpy"), 0o644))
	_, err = LoadNPY(bad)
	require.ErrorContains(t, err, "bad.npy: not a valid .npy file")

	oneD := filepath.Join(t.TempDir(), "v.npy")
	f, _ := os.Create(oneD)
	require.NoError(t, npyio.Write(f, []float64{1, 2, 3}))
	f.Close()
	_, err = LoadNPY(oneD)
	require.ErrorContains(t, err, "v.npy: header: shape (3,): want a 2-D matrix")

	ints := filepath.Join(t.TempDir(), "i.npy")
	f, _ = os.Create(ints)
	require.NoError(t, npyio.Write(f, []int64{1, 2}))
	f.Close()
	_, err = LoadNPY(ints)
	require.ErrorContains(t, err, "i.npy")

	_, err = LoadNPY(filepath.Join(t.TempDir(), "missing.npy"))
	require.ErrorContains(t, err, "missing.npy")

	w := writeNPY(t, "w.npy", 4, 2, []float64{1, 2, 3, 4, 5, 6, 7, 8})
	wd, err := LoadNPY(w)
	require.NoError(t, err)
	wd.ByColumn = true
	s, _ := pe.Parse("mult:a8w8")
	_, err = RunGEMM(d, wd, Options{Spec: s})
	require.ErrorContains(t, err, "K differs")
}

func TestQuantTable(t *testing.T) {
	rows := QuantTable(1, 1<<12)
	require.Len(t, rows, 9)
	require.Equal(t, rows, QuantTable(1, 1<<12))
	for _, r := range rows {
		require.Equal(t, r.Dist != ReLUGaussian, r.Signed)
	}
}
