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
