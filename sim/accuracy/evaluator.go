package accuracy

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/quant"
	"github.com/logsim/logsim/workloads/onnx"
)

// DefaultCalibration is the number of training images whose float
// activations calibrate the activation FSRs.
const DefaultCalibration = 1000

// Options configure an Evaluator.
type Options struct {
	// Workers is the goroutines images are spread over (0: the CPUs).
	// Results do not depend on it.
	Workers int
	// Calibration is the number of training images calibrating the
	// activation FSRs (0: DefaultCalibration; at most the training split).
	Calibration int
	// Limit evaluates only the first Limit held-out images (0: all).
	Limit int
}

// Evaluator measures a model's top-1 accuracy on a data set's held-out
// images, for any PE specs, against its float reference. It calibrates
// once: the largest input magnitude of every array layer on the training
// images (float activations) and of its weights.
type Evaluator struct {
	model   onnx.Model
	data    Dataset
	opts    Options
	images  []int     // held-out images evaluated
	float   []int     // float reference prediction per evaluated image
	actMax  []float64 // per array layer: largest |input| on the calibration images
	wMax    []float64 // per array layer: largest |weight|
	nodes   []onnx.Node
	Float   Score // the float reference's accuracy
	CalUsed int   // training images used for calibration
}

// Score is a top-1 accuracy with its 95 % Wilson interval.
type Score struct {
	Correct, Images int
	Top1            float64 // fraction
	Lo, Hi          float64 // 95 % Wilson interval (fractions)
}

// NewScore scores correct of n (Wilson interval at z = 1.96).
func NewScore(correct, n int) Score {
	lo, hi := Wilson(correct, n, 1.96)
	s := Score{Correct: correct, Images: n, Lo: lo, Hi: hi}
	if n > 0 {
		s.Top1 = float64(correct) / float64(n)
	}
	return s
}

// NewEvaluator checks that the model runs on the data (weights present,
// input shape, enough outputs for the labels), calibrates on the training
// images and runs the float reference on the held-out ones.
func NewEvaluator(m onnx.Model, d Dataset, opts Options) (*Evaluator, error) {
	if err := check(m, d); err != nil {
		return nil, err
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	e := &Evaluator{model: m, data: d, opts: opts, nodes: m.ArrayNodes(), images: d.Heldout()}
	if opts.Limit > 0 && opts.Limit < len(e.images) {
		e.images = e.images[:opts.Limit]
	}
	if len(e.images) == 0 {
		return nil, fmt.Errorf("accuracy: the data set has no held-out images")
	}
	calib := d.Training(opts.Calibration)
	if opts.Calibration == 0 {
		calib = d.Training(DefaultCalibration)
	}
	e.CalUsed = len(calib)
	c, _, err := e.pass(calib, e.floatLayers())
	if err != nil {
		return nil, err
	}
	e.actMax = c.inMax
	for _, nd := range e.nodes {
		e.wMax = append(e.wMax, maxAbs(nd.Weights))
	}
	_, e.float, err = e.pass(e.images, e.floatLayers())
	if err != nil {
		return nil, err
	}
	e.Float = NewScore(e.correct(e.float), len(e.images))
	return e, nil
}

func check(m onnx.Model, d Dataset) error {
	if err := m.CheckWeights(); err != nil {
		return err
	}
	if fmt.Sprint(m.InputShape) != fmt.Sprint(d.Shape) {
		return fmt.Errorf("accuracy: the model takes images of %v, the data set has %v", m.InputShape, d.Shape)
	}
	for _, n := range m.Nodes {
		if n.Output == m.Output && (len(n.OutShape) != 1 || n.OutShape[0] < 10) {
			return fmt.Errorf("accuracy: the model's output %v is not a vector of at least 10 classes", n.OutShape)
		}
	}
	return nil
}

func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, max(x, -x))
	}
	return m
}

func (e *Evaluator) floatLayers() []gemmLayer {
	out := make([]gemmLayer, len(e.nodes))
	for i, nd := range e.nodes {
		out[i] = floatLayer{nd: nd, index: i}
	}
	return out
}

// correct counts the predictions equal to the labels of e.images.
func (e *Evaluator) correct(pred []int) int {
	n := 0
	for i, p := range pred {
		if p == e.data.Labels[e.images[i]] {
			n++
		}
	}
	return n
}

// pass runs the model on the images, spread over the workers, and returns
// the merged counts and each image's predicted class (argmax of the
// output, the lowest index on a tie). Independent of the worker count.
func (e *Evaluator) pass(images []int, layers []gemmLayer) (*counts, []int, error) {
	pred := make([]int, len(images))
	workers := min(e.opts.Workers, len(images))
	parts := make([]*counts, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		parts[w] = newCounts(len(e.nodes))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(images); i += workers {
				out, err := forward(e.model, e.data.Images[images[i]], layers, parts[w])
				if err != nil {
					errs[w] = err
					return
				}
				pred[i] = argmax(out)
			}
		}()
	}
	wg.Wait()
	total := newCounts(len(e.nodes))
	for w := range workers {
		if errs[w] != nil {
			return nil, nil, errs[w]
		}
		total.merge(parts[w])
	}
	return total, pred, nil
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// Setup calibrates every array layer for its spec (specFor maps a layer
// name to its PE spec): FSRs from the calibrated magnitudes (the spec's own
// if it gives them) and the accumulator's fractional bits.
func (e *Evaluator) Setup(specFor func(layer string) pe.Spec) ([]LayerSetup, error) {
	var out []LayerSetup
	for i, nd := range e.nodes {
		s := specFor(nd.Layer)
		if s.FP16 {
			return nil, fmt.Errorf("layer %q: accuracy runs integer PEs; mult:fp16 is not supported", nd.Layer)
		}
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("layer %q: %w", nd.Layer, err)
		}
		ls := LayerSetup{Layer: nd.Layer, Spec: s, FSRA: s.ActFSR(e.actMax[i]), FSRW: s.WeightFSR(e.wMax[i])}
		ls.FracBits = pe.FracBits(s, ls.FSRA, ls.FSRW, len(nd.Weights)/len(nd.Bias))
		out = append(out, ls)
	}
	return out, nil
}

// Result is one spec assignment's accuracy on the held-out images.
type Result struct {
	Score
	Float     Score   // the float reference on the same images
	Agreement float64 // fraction of predictions equal to the float reference's
	Layers    []LayerRun
	// Predictions are the predicted classes of the held-out images
	// evaluated, in order.
	Predictions []int
}

// LayerRun is one array layer's setup and what its datapath counted.
type LayerRun struct {
	LayerSetup
	Counters pe.Counters
}

// Run measures the top-1 accuracy with every array layer on the datapath
// of specFor(layer).
func (e *Evaluator) Run(specFor func(layer string) pe.Spec) (Result, error) {
	setups, err := e.Setup(specFor)
	if err != nil {
		return Result{}, err
	}
	layers := make([]gemmLayer, len(e.nodes))
	for i := len(e.nodes) - 1; i >= 0; i-- {
		var next quant.Quantizer
		if i+1 < len(setups) {
			next = setups[i+1].Spec.ActQuantizer(setups[i+1].FSRA)
		}
		if layers[i], err = newQuantLayer(e.nodes[i], i, setups[i], next); err != nil {
			return Result{}, err
		}
	}
	c, pred, err := e.pass(e.images, layers)
	if err != nil {
		return Result{}, err
	}
	res := Result{Score: NewScore(e.correct(pred), len(pred)), Float: e.Float, Predictions: pred}
	same := 0
	for i, p := range pred {
		if p == e.float[i] {
			same++
		}
	}
	res.Agreement = float64(same) / float64(len(pred))
	for i, s := range setups {
		res.Layers = append(res.Layers, LayerRun{LayerSetup: s, Counters: c.layers[i]})
	}
	return res, nil
}
