package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

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

func (n *numericsOptions) register(f *pflag.FlagSet) {
	f.BoolVar(&n.enabled, "numerics", false, "measure each layer's numerical error (SQNR) through the PE arithmetic")
	f.IntVar(&n.samples, "numerics-samples", 4096, "outputs evaluated per layer, drawn by a seeded sample (0: all)")
	f.Uint64Var(&n.seed, "numerics-seed", 1, "seed of the synthetic operands and of the output sample")
	f.StringVar(&n.weights, "numerics-weights", "gaussian", "synthetic weight distribution: gaussian or laplacian")
	f.StringVar(&n.npyDir, "numerics-npy", "", "directory of real operands: <layer>.acts.npy (P×K) and <layer>.weights.npy (K×N)")
}

// validate checks the flags before anything is simulated.
func (n *numericsOptions) validate() error {
	if !n.enabled {
		return nil
	}
	if n.samples < 0 {
		return fmt.Errorf("--numerics-samples must not be negative, got %d", n.samples)
	}
	if _, err := numerics.ParseDist(n.weights); err != nil {
		return fmt.Errorf("--numerics-weights: %w", err)
	}
	if n.npyDir != "" {
		if st, err := os.Stat(n.npyDir); err != nil || !st.IsDir() {
			return fmt.Errorf("--numerics-npy %s: not a directory", n.npyDir)
		}
	}
	return nil
}

// measure fills every layer's numerical error. Synthetic operands are
// seeded per layer (seed + layer index); a grouped layer is measured on one
// group's GEMM.
func (n *numericsOptions) measure(res *sim.NetworkResult) error {
	if !n.enabled {
		return nil
	}
	dist, _ := numerics.ParseDist(n.weights)
	for i := range res.Layers {
		l := &res.Layers[i]
		acts, wts, err := n.operands(l, dist, res.Design.PE.ASigned, n.seed+uint64(i)*2)
		if err != nil {
			return err
		}
		r, err := numerics.RunGEMM(acts, wts, numerics.Options{Spec: res.Design.PE, MaxOutputs: n.samples, Seed: n.seed + uint64(i)})
		if err != nil {
			return fmt.Errorf("layer %q: numerics: %w", l.Layer.Name, err)
		}
		l.Numerics = &r
	}
	return nil
}

// operands are the layer's .npy files if the directory has them, else
// synthetic data of the layer's shape.
func (n *numericsOptions) operands(l *sim.LayerResult, dist numerics.Dist, signed bool, seed uint64) (numerics.Operand, numerics.Operand, error) {
	g := l.GEMM
	if n.npyDir != "" {
		acts, wts, err := loadLayerNPY(n.npyDir, l.Layer.Name, g.P, g.K, g.N)
		if err == nil || !errors.Is(err, os.ErrNotExist) {
			return acts, wts, err
		}
	}
	acts, wts := numerics.SyntheticGEMM(g.P, g.K, g.N, dist, signed, seed)
	return acts, wts, nil
}

func loadLayerNPY(dir, layer string, p, k, nn int) (numerics.Operand, numerics.Operand, error) {
	ap, wp := filepath.Join(dir, layer+".acts.npy"), filepath.Join(dir, layer+".weights.npy")
	acts, err := numerics.LoadNPY(ap)
	if err != nil {
		return nil, nil, err
	}
	wts, err := numerics.LoadNPY(wp)
	if err != nil {
		return nil, nil, err
	}
	if acts.Rows != p || acts.Cols != k || wts.Rows != k || wts.Cols != nn {
		return nil, nil, fmt.Errorf("layer %q: %s is %d×%d and %s %d×%d, want %d×%d and %d×%d",
			layer, ap, acts.Rows, acts.Cols, wp, wts.Rows, wts.Cols, p, k, k, nn)
	}
	wts.ByColumn = true
	return acts, wts, nil
}
