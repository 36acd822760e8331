package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/workloads/onnx"
)

// numericsOptions are the flags of --numerics.
type numericsOptions struct {
	enabled bool
	samples int
	seed    uint64
	weights string
	npyDir  string
	data    string
	images  int
}

var numericsFlagNames = []string{"numerics-samples", "numerics-seed", "numerics-weights", "numerics-npy", "numerics-data", "numerics-images"}

func (n *numericsOptions) register(f *pflag.FlagSet) {
	f.BoolVar(&n.enabled, "numerics", false, "measure each layer's numerical error (SQNR) through the PE arithmetic")
	def := sim.DefaultNumerics()
	f.IntVar(&n.samples, "numerics-samples", def.Samples, "outputs evaluated per layer, drawn by a seeded sample (0: all)")
	f.Uint64Var(&n.seed, "numerics-seed", def.Seed, "seed of the synthetic operands and of the output sample")
	f.StringVar(&n.weights, "numerics-weights", def.Weights.String(), "synthetic weight distribution: gaussian or laplacian")
	f.StringVar(&n.npyDir, "numerics-npy", "", "directory of every array layer's operands: <layer>.acts.npy (P×K) and <layer>.weights.npy (K×N)")
	f.StringVar(&n.data, "numerics-data", "", "real operands: the --model's weights and its float activations on the held-out images of FILE (a digits file)")
	f.IntVar(&n.images, "numerics-images", 8, "with --numerics-data: held-out images whose activations are captured")
}

// capture fills opts.Real with the operands of model on --numerics-data
// (nothing without it).
func (n *numericsOptions) capture(opts *sim.Numerics, model *onnx.Model) error {
	if opts == nil || n.data == "" {
		return nil
	}
	switch {
	case model == nil:
		return fmt.Errorf("--numerics-data needs --model FILE.onnx (the network whose operands are captured)")
	case n.npyDir != "":
		return fmt.Errorf("give --numerics-npy or --numerics-data, not both")
	case n.images < 1:
		return fmt.Errorf("--numerics-images must be positive, got %d", n.images)
	}
	d, err := accuracy.LoadMNIST(n.data)
	if err != nil {
		return err
	}
	e, err := accuracy.NewEvaluator(*model, d, accuracy.Options{Limit: n.images})
	if err != nil {
		return err
	}
	ops, err := e.Capture(n.images)
	if err != nil {
		return err
	}
	opts.Real = map[string]sim.RealOperands{}
	for name, o := range ops {
		opts.Real[name] = sim.RealOperands{Acts: o.Acts, Weights: o.Weights}
	}
	return nil
}

// options returns the numerics to measure (nil when --numerics is off).
// A numerics flag without --numerics is an error: nothing would read it.
func (n *numericsOptions) options(flags *pflag.FlagSet) (*sim.Numerics, error) {
	if !n.enabled {
		for _, name := range numericsFlagNames {
			if flags.Changed(name) {
				return nil, fmt.Errorf("--%s needs --numerics", name)
			}
		}
		return nil, nil
	}
	dist, err := numerics.ParseDist(n.weights)
	if err != nil {
		return nil, fmt.Errorf("--numerics-weights: %w", err)
	}
	opts := &sim.Numerics{Samples: n.samples, Seed: n.seed, Weights: dist, NPYDir: n.npyDir}
	return opts, opts.Validate()
}
