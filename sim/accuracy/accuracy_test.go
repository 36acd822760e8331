package accuracy

import (
	"encoding/json"
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/workloads/onnx"
)

const (
	modelPath = "../../examples/mnist/mnist_cnn.onnx"
	metaPath  = "../../examples/mnist/mnist_cnn.json"
	dataPath  = "../../examples/mnist/mnist10k.bin.gz"
)

// meta is what examples/mnist/train.py recorded: PyTorch's float accuracy
// and predictions on the held-out digits.
type meta struct {
	FloatTop1        float64 `json:"float_top1"`
	TorchPredictions string  `json:"torch_predictions"`
	HeldoutDigits    int     `json:"heldout_digits"`
}

func load(t testing.TB) (onnx.Model, Dataset, meta) {
	m, err := onnx.Load(modelPath)
	require.NoError(t, err)
	d, err := LoadMNIST(dataPath)
	require.NoError(t, err)
	raw, err := os.ReadFile(metaPath)
	require.NoError(t, err)
	var mt meta
	require.NoError(t, json.Unmarshal(raw, &mt))
	return m, d, mt
}

// shared is the evaluator of the committed model on the committed digits,
// built once for the tests (its calibration and float pass are the slow
// part).
var shared = sync.OnceValues(func() (*Evaluator, error) {
	m, err := onnx.Load(modelPath)
	if err != nil {
		return nil, err
	}
	d, err := LoadMNIST(dataPath)
	if err != nil {
		return nil, err
	}
	return NewEvaluator(m, d, Options{})
})

func evaluator(t testing.TB) *Evaluator {
	e, err := shared()
	require.NoError(t, err)
	return e
}

func specs(t testing.TB, s string) func(string) pe.Spec {
	spec, err := pe.Parse(s)
	require.NoError(t, err)
	return func(string) pe.Spec { return spec }
}

// TestCommittedModel checks the committed model's float accuracy, computed
// in Go, against PyTorch's: every held-out prediction is PyTorch's (at
// most 2 of 2000 may differ where two logits are within float32 rounding)
// and the accuracy is at least 97 %.
func TestCommittedModel(t *testing.T) {
	_, _, mt := load(t)
	e := evaluator(t)
	require.Equal(t, mt.HeldoutDigits, e.Float.Images)
	diff := 0
	for i, p := range e.float {
		if byte('0'+p) != mt.TorchPredictions[i] {
			diff++
		}
	}
	require.LessOrEqual(t, diff, 2)
	t.Logf("float top-1 %.4f (PyTorch %.4f), %d of %d predictions differ from PyTorch's", e.Float.Top1, mt.FloatTop1, diff, len(e.float))
	require.InDelta(t, mt.FloatTop1, e.Float.Top1, 2.0/2000)
	require.GreaterOrEqual(t, e.Float.Top1, 0.97)
}

// TestBitExactAgreesWithFloat runs the whole network through the datapath
// of mult:a16w16 with a 48-bit accumulator: its predictions must agree
// with the float reference on at least 99.5 % of the held-out digits.
func TestBitExactAgreesWithFloat(t *testing.T) {
	e := evaluator(t)
	r, err := e.Run(specs(t, "mult:a16w16,acc=48"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, r.Agreement, 0.995)
	for _, l := range r.Layers {
		require.Zero(t, l.Counters.Overflows, l.Layer)
	}
	t.Logf("float %.4f, a16w16 %.4f, agreement %.4f", e.Float.Top1, r.Top1, r.Agreement)
}

// BenchmarkAccuracy is one spec's accuracy on the 2,000 held-out digits
// (calibration and the float reference excluded).
func BenchmarkAccuracy(b *testing.B) {
	e := evaluator(b)
	for _, s := range []string{"mult:a8w8", "shift:a8w4", "logboth:a4w4,base=sqrt2", "mult:a16w16,acc=48"} {
		b.Run(s, func(b *testing.B) {
			for range b.N {
				_, err := e.Run(specs(b, s))
				require.NoError(b, err)
			}
		})
	}
}

// TestLogWeightsMatchDequantizedFloat checks the bit-exact path against a
// second model: the float64 network whose weights are replaced by their
// dequantized LogQuant values (quant.Log.Value, the true powers of 2 and
// √2) and whose activations stay float. With 12-bit activations and a
// 48-bit accumulator, shift:a12w4 must predict as that float model on at
// least 99.5 % of the held-out digits, in base 2 and base √2.
func TestLogWeightsMatchDequantizedFloat(t *testing.T) {
	m, d, _ := load(t)
	e := evaluator(t)
	for _, s := range []string{"shift:a12w4,acc=48", "shift:a12w4,acc=48,base=sqrt2"} {
		spec := specs(t, s)("")
		dq := m
		dq.Nodes = append([]onnx.Node(nil), m.Nodes...)
		for i, nd := range dq.Nodes {
			if nd.Weights == nil {
				continue
			}
			q := spec.WeightQuantizer(spec.WeightFSR(maxAbs(nd.Weights)))
			w := make([]float64, len(nd.Weights))
			for k, v := range nd.Weights {
				w[k] = q.Value(q.Quantize(v))
			}
			dq.Nodes[i].Weights = w
		}
		ref, err := NewEvaluator(dq, d, Options{Calibration: 10})
		require.NoError(t, err)
		r, err := e.Run(specs(t, s))
		require.NoError(t, err)
		same := 0
		for i, p := range r.Predictions {
			if p == ref.float[i] {
				same++
			}
		}
		require.GreaterOrEqual(t, float64(same)/float64(len(r.Predictions)), 0.995, s)
		t.Logf("%s: top-1 %.4f, dequantized float %.4f, agreement %d/%d", s, r.Top1, ref.Float.Top1, same, len(r.Predictions))
	}
}

// TestWilson checks the interval against values computed by hand from the
// closed form: 1960 of 2000 → [0.97288, 0.98528]; 0 of 10 → [0, 0.27754].
func TestWilson(t *testing.T) {
	lo, hi := Wilson(1960, 2000, 1.96)
	require.InDelta(t, 0.97288, lo, 1e-5)
	require.InDelta(t, 0.98528, hi, 1e-5)
	lo, hi = Wilson(0, 10, 1.96)
	require.InDelta(t, 0, lo, 1e-12)
	require.InDelta(t, 0.27754, hi, 1e-5)
}

// TestWorkersDoNotChangeResults: one worker and three give the same
// predictions and counts.
func TestWorkersDoNotChangeResults(t *testing.T) {
	m, d, _ := load(t)
	var got []Result
	for _, w := range []int{1, 3} {
		e, err := NewEvaluator(m, d, Options{Workers: w, Calibration: 100, Limit: 150})
		require.NoError(t, err)
		r, err := e.Run(specs(t, "logboth:a4w4"))
		require.NoError(t, err)
		got = append(got, r)
	}
	require.Equal(t, got[0], got[1])
}

// TestMcNemar checks the exact p-value against sums worked by hand:
// 2·(1 + 10 + 45)/2^10 for 2 of 10, 2·(1/2)^5 for 0 of 5, 1 for 3 of 6
// (capped) and for no discordant pair.
func TestMcNemar(t *testing.T) {
	require.InDelta(t, 2*56.0/1024, McNemar(8, 2), 1e-12)
	require.InDelta(t, 2/32.0, McNemar(0, 5), 1e-12)
	require.Equal(t, 1.0, McNemar(3, 3))
	require.Equal(t, 1.0, McNemar(0, 0))
}

// TestTableSpecs: 2 modes × 7 widths × 3 quantizers, every spec valid,
// weights-only rows at 8-bit linear activations.
func TestTableSpecs(t *testing.T) {
	base, err := pe.Parse("mult:a8w8,acc=24")
	require.NoError(t, err)
	ts := TableSpecs(base)
	require.Len(t, ts, 42)
	for _, c := range ts {
		require.NoError(t, c.Spec.Validate(), c.String())
		require.Equal(t, 24, c.Spec.Acc(), "the base's accumulator is kept")
		if c.Mode == WeightsOnly {
			require.Equal(t, 8, c.Spec.ABits)
			require.False(t, c.Spec.ALog())
		}
	}
	require.Equal(t, "logboth:a3w3,acc=24,base=sqrt2", ts[len(ts)/2+5].Spec.String())
}
