package sim

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/workloads"
)

// Numerics measures each array layer's numerical error through the PE
// arithmetic (package pe/numerics): on the layer's own operands when
// NPYDir names a directory, else on synthetic operands of the layer's
// shape, seeded per layer (Seed + layer index), so the result does not
// depend on which other layers run. A grouped layer is measured on one
// group's GEMM.
type Numerics struct {
	// Samples is the number of outputs evaluated per layer, drawn by a
	// seeded sample (0: all).
	Samples int
	// Seed seeds the synthetic operands and the output sample.
	Seed uint64
	// Weights is the distribution of synthetic weights.
	Weights numerics.Dist
	// NPYDir, if set, holds every array layer's operands:
	// <layer>.acts.npy (P×K) and <layer>.weights.npy (K×N). A missing file
	// is an error, never a silent fallback to synthetic data.
	NPYDir string
	// Real, if set, holds every array layer's operands by layer name, for
	// example captured from a trained network (accuracy.Evaluator.Capture);
	// a layer missing from it is an error. Its activations may hold several
	// images' rows (P a multiple of the layer's).
	Real map[string]RealOperands
}

// RealOperands are one layer's real GEMM operands: activations P×K by
// rows, weights K×N by columns.
type RealOperands struct {
	Acts, Weights numerics.Operand
}

// DefaultNumerics are the numerics options when only some are given
// (logsim run --numerics, a sweep's numerics: section): 4096 sampled
// outputs per layer, seed 1, Gaussian synthetic weights.
func DefaultNumerics() Numerics {
	return Numerics{Samples: 4096, Seed: numerics.DefaultSeed, Weights: numerics.DefaultWeights}
}

// Validate checks the options before anything is simulated; a nil
// Numerics (numerics off) is valid.
func (n *Numerics) Validate() error {
	if n == nil {
		return nil
	}
	if n.Samples < 0 {
		return fmt.Errorf("numerics: samples must not be negative, got %d", n.Samples)
	}
	if n.NPYDir != "" {
		if st, err := os.Stat(n.NPYDir); err != nil || !st.IsDir() {
			return fmt.Errorf("numerics: %s: not a directory", n.NPYDir)
		}
	}
	return nil
}

// CheckFiles checks, before anything is simulated, that NPYDir holds both
// operand files of every array layer of net with the layer's shapes (from
// their headers alone, so nothing is allocated from a file's claims).
func (n *Numerics) CheckFiles(net workloads.Network) error {
	if n == nil || n.NPYDir == "" {
		return nil
	}
	for _, l := range net.ArrayLayers() {
		g := l.GEMM()
		for _, f := range []struct {
			suffix     string
			rows, cols int
		}{{".acts.npy", g.P, g.K}, {".weights.npy", g.K, g.N}} {
			h, err := numerics.ReadNPYFileHeader(filepath.Join(n.NPYDir, l.Name+f.suffix))
			if err != nil {
				return fmt.Errorf("layer %q: numerics: %w", l.Name, err)
			}
			if h.Rows != f.rows || h.Cols != f.cols {
				return fmt.Errorf("layer %q: numerics: %s is %d×%d, want %d×%d",
					l.Name, filepath.Join(n.NPYDir, l.Name+f.suffix), h.Rows, h.Cols, f.rows, f.cols)
			}
		}
	}
	return nil
}

// measure fills every layer's numerical error.
func (n *Numerics) measure(res *NetworkResult) error {
	if n == nil {
		return nil
	}
	for i := range res.Layers {
		l := &res.Layers[i]
		spec := res.Design.Point().SpecFor(l.Layer.Name)
		acts, wts, err := n.operands(l, spec.ASigned, n.Seed+uint64(i)*2)
		if err != nil {
			return err
		}
		r, err := numerics.RunGEMM(acts, wts, numerics.Options{Spec: spec, MaxOutputs: n.Samples, Seed: n.Seed + uint64(i)})
		if err != nil {
			return fmt.Errorf("layer %q: numerics: %w", l.Layer.Name, err)
		}
		l.Numerics = &r
	}
	return nil
}

// operands are the layer's .npy files if a directory is given, else
// synthetic data of the layer's shape.
func (n *Numerics) operands(l *LayerResult, signed bool, seed uint64) (numerics.Operand, numerics.Operand, error) {
	g := l.GEMM
	if n.Real != nil {
		r, ok := n.Real[l.Layer.Name]
		if !ok {
			return nil, nil, fmt.Errorf("layer %q: numerics: no real operands for it", l.Layer.Name)
		}
		if r.Acts.Len() != g.K || r.Weights.Len() != g.K || r.Weights.Lines() != g.N {
			return nil, nil, fmt.Errorf("layer %q: numerics: real operands are %d×%d and %d×%d, want ·×%d and %d×%d",
				l.Layer.Name, r.Acts.Lines(), r.Acts.Len(), r.Weights.Len(), r.Weights.Lines(), g.K, g.K, g.N)
		}
		return r.Acts, r.Weights, nil
	}
	if n.NPYDir != "" {
		return loadLayerNPY(n.NPYDir, l.Layer.Name, g.P, g.K, g.N)
	}
	acts, wts := numerics.SyntheticGEMM(g.P, g.K, g.N, n.Weights, signed, seed)
	return acts, wts, nil
}

func loadLayerNPY(dir, layer string, p, k, nn int) (numerics.Operand, numerics.Operand, error) {
	ap, wp := filepath.Join(dir, layer+".acts.npy"), filepath.Join(dir, layer+".weights.npy")
	acts, err := numerics.LoadNPY(ap)
	if err != nil {
		return nil, nil, fmt.Errorf("layer %q: numerics: %w", layer, err)
	}
	wts, err := numerics.LoadNPY(wp)
	if err != nil {
		return nil, nil, fmt.Errorf("layer %q: numerics: %w", layer, err)
	}
	if acts.Rows != p || acts.Cols != k || wts.Rows != k || wts.Cols != nn {
		return nil, nil, fmt.Errorf("layer %q: %s is %d×%d and %s %d×%d, want %d×%d and %d×%d",
			layer, ap, acts.Rows, acts.Cols, wp, wts.Rows, wts.Cols, p, k, k, nn)
	}
	wts.ByColumn = true
	return acts, wts, nil
}
