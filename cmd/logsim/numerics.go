package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/sim"
)

// numericsOptions are the flags of --numerics.
type numericsOptions struct {
	enabled bool
	samples int
	seed    uint64
	weights string
	npyDir  string
}

var numericsFlagNames = []string{"numerics-samples", "numerics-seed", "numerics-weights", "numerics-npy"}

func (n *numericsOptions) register(f *pflag.FlagSet) {
	f.BoolVar(&n.enabled, "numerics", false, "measure each layer's numerical error (SQNR) through the PE arithmetic")
	def := sim.DefaultNumerics()
	f.IntVar(&n.samples, "numerics-samples", def.Samples, "outputs evaluated per layer, drawn by a seeded sample (0: all)")
	f.Uint64Var(&n.seed, "numerics-seed", def.Seed, "seed of the synthetic operands and of the output sample")
	f.StringVar(&n.weights, "numerics-weights", def.Weights.String(), "synthetic weight distribution: gaussian or laplacian")
	f.StringVar(&n.npyDir, "numerics-npy", "", "directory of every array layer's operands: <layer>.acts.npy (P×K) and <layer>.weights.npy (K×N)")
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
