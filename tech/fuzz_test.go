package tech

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzApplyOverrides asserts that no override file panics the reader and
// that a table it accepts prices finitely.
func FuzzApplyOverrides(f *testing.F) {
	files, err := filepath.Glob("testdata/*.yaml")
	require.NoError(f, err)
	for _, name := range files {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte("vdd_v: 0.9\nmult:\n  energy_coeff_pj: 0.1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ApplyOverrides("fuzz.yaml", data, Default())
		if err != nil {
			return
		}
		for _, v := range []float64{tb.MultEnergyPJ(8, 8), tb.MultAreaUM2(8, 8), tb.AdderEnergyPJ(32), tb.RegisterAreaUM2(32)} {
			require.False(t, math.IsNaN(v) || math.IsInf(v, 0), "%v", v)
		}
	})
}
