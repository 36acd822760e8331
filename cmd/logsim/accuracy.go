package main

import (
	"fmt"
	"io"
	"runtime"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads/onnx"
)

// accuracyFlags are the flags that measure top-1 accuracy: the data set,
// its calibration and how many held-out images; with a switch (run,
// compare) --accuracy turns it on.
type accuracyFlags struct {
	enabled     bool
	data        string
	calibration int
	limit       int
}

var accuracyFlagNames = []string{"data", "calibration", "accuracy-limit"}

func (a *accuracyFlags) register(f *pflag.FlagSet, withSwitch bool) {
	if withSwitch {
		f.BoolVar(&a.enabled, "accuracy", false, "measure the --model's top-1 accuracy through the PE arithmetic (needs --data)")
	}
	f.StringVar(&a.data, "data", "", "labelled images: a digits file of examples/mnist (mnist10k.bin.gz)")
	f.IntVar(&a.calibration, "calibration", accuracy.DefaultCalibration, "training images whose float activations calibrate the activation FSRs")
	f.IntVar(&a.limit, "accuracy-limit", 0, "evaluate the first N held-out images only (0: all)")
}

// evaluator builds the evaluator of model on --data, or nil when
// accuracy is off (a data flag without --accuracy is an error).
func (a *accuracyFlags) evaluator(flags *pflag.FlagSet, model *onnx.Model, workers int) (*accuracy.Evaluator, error) {
	if !a.enabled {
		for _, name := range accuracyFlagNames {
			if flags.Changed(name) {
				return nil, fmt.Errorf("--%s needs --accuracy", name)
			}
		}
		return nil, nil
	}
	switch {
	case model == nil:
		return nil, fmt.Errorf("--accuracy needs a network with weights: --model FILE.onnx")
	case a.data == "":
		return nil, fmt.Errorf("--accuracy needs --data FILE (labelled images)")
	case a.calibration < 1 || a.limit < 0:
		return nil, fmt.Errorf("--calibration must be positive and --accuracy-limit not negative")
	}
	d, err := accuracy.LoadMNIST(a.data)
	if err != nil {
		return nil, err
	}
	return accuracy.NewEvaluator(*model, d, accuracy.Options{Workers: workers, Calibration: a.calibration, Limit: a.limit})
}

// accuracyOptions are the flags of "logsim accuracy".
type accuracyOptions struct {
	design  designOptions
	acc     accuracyFlags
	model   string
	table   bool
	csv     string
	workers int
}

func newAccuracyCommand() *cobra.Command {
	var o accuracyOptions
	cmd := &cobra.Command{
		Use:   "accuracy",
		Short: "Top-1 accuracy of a trained ONNX network through the PE arithmetic",
		Long: `Runs the whole network of --model (ONNX, with weights) on the held-out images
of --data, every convolution and fully-connected layer as the GEMM logsim maps
to the array, through the bit-exact datapath of the design's PE spec (each
layer at its own spec when the design gives layer_pe), and prints the top-1
accuracy with its 95 % Wilson interval beside the float64 reference, and each
layer's FSRs, accumulator fractional bits, truncations and overflows.
Activation FSRs are calibrated on the first --calibration training images
(never the held-out ones). Images run in parallel (--workers); the result does
not depend on their number.

--table runs the table Miyashita, Lee & Murmann's claim implies instead: bits
2…8 × {linear, log base 2, log base √2} × {weights only (8-bit linear
activations), weights and activations} → top-1, with the cycles, energy and
area of each spec simulated on the design point for this network (--csv FILE
writes it, whole or not at all).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	o.design.register(f)
	o.acc.register(f, false)
	f.StringVar(&o.model, "model", "", "trained network: an ONNX file with weights")
	f.BoolVar(&o.table, "table", false, "run the bits × quantizer × weights-only/both table")
	f.StringVar(&o.csv, "csv", "", "with --table: write the table as CSV to FILE")
	f.IntVar(&o.workers, "workers", runtime.NumCPU(), "goroutines the images are spread over")
	return cmd
}

func (o *accuracyOptions) run(stdout, stderr io.Writer) error {
	if o.model == "" || o.acc.data == "" {
		return fmt.Errorf("give the network and the images: --model FILE.onnx --data FILE")
	}
	if o.workers < 1 {
		return fmt.Errorf("--workers must be at least 1, got %d", o.workers)
	}
	if o.csv != "" && !o.table {
		return fmt.Errorf("--csv needs --table")
	}
	point, _, err := o.design.point()
	if err != nil {
		return err
	}
	r, err := point.Resolve()
	if err != nil {
		return fmt.Errorf("design point: %w", err)
	}
	m, err := onnx.Load(o.model)
	if err != nil {
		return err
	}
	o.acc.enabled = true
	e, err := o.acc.evaluator(nil, &m, o.workers)
	if err != nil {
		return err
	}
	if o.table {
		o.design.printWarnings(stderr) // after every check: bad input stays one line
		return o.runTable(stdout, m, e, r)
	}
	if err := checkLayerPE(m, r.Point()); err != nil {
		return err
	}
	o.design.printWarnings(stderr)
	res, err := e.Run(r.Point().SpecFor)
	if err != nil {
		return err
	}
	return printAccuracy(stdout, m, e, res)
}

func checkLayerPE(m onnx.Model, p design.Point) error {
	var names []string
	for _, n := range m.ArrayNodes() {
		names = append(names, n.Layer)
	}
	return p.CheckLayerPE(m.Network.Name, names)
}

// printAccuracy prints one result as Markdown: the score beside the float
// reference, then the per-layer setup and counts.
func printAccuracy(w io.Writer, m onnx.Model, e *accuracy.Evaluator, r accuracy.Result) error {
	fmt.Fprintf(w, "Network %s (%s): %d held-out images; activation FSRs calibrated on %d training images.\n\n",
		m.Network.Name, m.Network.Source, r.Images, e.CalUsed)
	fmt.Fprintln(w, "| arithmetic | top-1 % | 95 % interval | Δ vs float (points) | agrees with float % |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	fmt.Fprintf(w, "| float64 reference | %.2f | [%.2f, %.2f] | — | — |\n", 100*r.Float.Top1, 100*r.Float.Lo, 100*r.Float.Hi)
	fmt.Fprintf(w, "| PE datapath | %.2f | [%.2f, %.2f] | %+.2f | %.2f |\n\n", 100*r.Top1, 100*r.Lo, 100*r.Hi,
		100*(r.Top1-r.Float.Top1), 100*r.Agreement)
	fmt.Fprintln(w, "| layer | PE | FSR a | FSR w | frac bits | MACs | truncations | overflows |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, l := range r.Layers {
		fmt.Fprintf(w, "| %s | %s | %d | %d | %d | %d | %d | %d |\n", l.Layer, l.Spec, l.FSRA, l.FSRW, l.FracBits,
			l.Counters.MACs, l.Counters.Truncations, l.Counters.Overflows)
	}
	return nil
}

// specOnly is a spec assignment with every layer at s.
func specOnly(s pe.Spec) func(string) pe.Spec { return func(string) pe.Spec { return s } }

// writeTableCSV writes the table's rows whole or not at all.
func writeTableCSV(path string, write func(w io.Writer) error) error {
	if path == "" {
		return nil
	}
	if err := results.WriteFileAtomic(path, write); err != nil {
		return &failure{err}
	}
	return nil
}
