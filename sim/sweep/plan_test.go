package sweep

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// writeSpec writes a spec into testdata's neighbourhood: a temporary
// folder that also holds copies of the test networks, so relative paths
// resolve.
func writeSpec(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"tiny.yaml", "gemm.csv", "base.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), data, 0o644))
	}
	path := filepath.Join(dir, "spec.yaml")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

func plan(t *testing.T, text string) *Plan {
	t.Helper()
	spec, err := Load(writeSpec(t, text))
	require.NoError(t, err)
	p, err := spec.Plan()
	require.NoError(t, err)
	return p
}

// Combinations go in axis order, the last axis fastest, each on every
// network in order; a zip group is one axis.
func TestPlanOrder(t *testing.T) {
	p := plan(t, `
networks: [{file: tiny.yaml}, {file: gemm.csv, format: scalesim-gemm}]
base_design: base.yaml
axes:
  pe: [mult:a8w8, shift:a8w4]
  zip: {rows: [4, 8, 16], cols: [2, 4, 8]}
`)
	require.Len(t, p.Jobs, 12)
	var got []string
	for _, j := range p.Jobs {
		d, err := p.Resolve(j)
		require.NoError(t, err)
		pt := d.Point()
		got = append(got, fmt.Sprintf("%s %d×%d %s", pt.PE, pt.Array.Rows, pt.Array.Cols, p.Networks[j.Network].Name))
		require.Equal(t, "ideal", pt.DRAM.Model, "base_design applies")
	}
	require.Equal(t, []string{
		"mult:a8w8 4×2 tiny", "mult:a8w8 4×2 gemm", "mult:a8w8 8×4 tiny", "mult:a8w8 8×4 gemm", "mult:a8w8 16×8 tiny", "mult:a8w8 16×8 gemm",
		"shift:a8w4 4×2 tiny", "shift:a8w4 4×2 gemm", "shift:a8w4 8×4 tiny", "shift:a8w4 8×4 gemm", "shift:a8w4 16×8 tiny", "shift:a8w4 16×8 gemm",
	}, got)
	for i, j := range p.Jobs {
		require.Equal(t, i, j.Index)
	}
}

// Two spellings of one design resolve to one point: it runs once, with a
// note naming both.
func TestPlanRunsDuplicatesOnce(t *testing.T) {
	p := plan(t, `
networks: [{file: tiny.yaml}, {file: tiny.yaml}]
base: {dram: ideal}
axes:
  pe: [mult:a8w8, "mult:a8w8,acc=32", shift:a8w4]
`)
	require.Len(t, p.Jobs, 2)
	require.Len(t, p.Notes, 4)
	require.Contains(t, p.Notes[0], "spec.yaml: pe=mult:a8w8 on tiny is the same point as pe=mult:a8w8 on tiny (point_id "+p.Jobs[0].PointID+")")
	require.NotEqual(t, p.Jobs[0].PointID, p.Jobs[1].PointID)
}

// A combination that does not resolve names the line of the value the
// error is about, the axis and the rest of the combination.
func TestPlanErrors(t *testing.T) {
	cases := []struct{ name, spec, want string }{
		{"zero rows", "networks: [alexnet]\naxes:\n  pe: [mult:a8w8]\n  rows: [8, 0]",
			"spec.yaml:4: axis rows = 0 (with pe=mult:a8w8 on line 3): design point: rows, cols: array must be at least 1×1"},
		{"DRAM parameter of another model", "networks: [alexnet]\naxes:\n  dram: [fast, ideal]\n  dram_overrides: [tRCD=30]",
			"spec.yaml:3: axis dram = ideal (with dram_overrides=tRCD=30 on line 4): design point: DRAM: DRAM parameter tRCD is not read by the ideal model"},
		{"base value in a combination", "networks: [alexnet]\nbase: {dram: fast}\naxes:\n  dram_latency_ns: [10]\n  rows: [8]",
			"spec.yaml:4: axis dram_latency_ns = 10 (with rows=8 on line 5): design point: DRAM"},
		{"base alone", "networks: [alexnet]\nbase: {node_nm: 3}", "spec.yaml:2: base node_nm = 3: design point: node_nm"},
		{"unknown network", "networks: [alexnett]", `spec.yaml:1: network alexnett (batch 1): unknown network "alexnett"; did you mean "alexnet"?`},
		{"missing file", "networks: [{file: nope.csv}]", "spec.yaml:1: network " + "%DIR%/nope.csv: reading network file"},
		{"bad base_design", "networks: [alexnet]\nbase_design: nope.yaml", "spec.yaml:2: base_design: design file: open"},
		{"numerics npy dir", "networks: [alexnet]\nnumerics: {npy: nope}", "spec.yaml: numerics: %DIR%/nope: not a directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeSpec(t, tc.spec)
			spec, err := Load(path)
			require.NoError(t, err)
			_, err = spec.Plan()
			require.Error(t, err)
			dir := filepath.Dir(path)
			require.Contains(t, err.Error(), strings.ReplaceAll(dir+"/"+tc.want, "%DIR%", dir))
		})
	}
}

func TestPlanRefusesTooManyPoints(t *testing.T) {
	spec, err := Parse("s.yaml", []byte("networks: [alexnet]\naxes:\n  rows: [1,2,3,4,5,6,7,8,9,10]\n  cols: [1,2,3,4,5,6,7,8,9,10]\n"+
		"  ifmap_kib: [1,2,3,4,5,6,7,8,9,10]\n  filter_kib: [1,2,3,4,5,6,7,8,9,10]\n  ofmap_kib: [1,2,3,4,5,6,7,8,9,10]\n  word_bits: [8,16,32,64,128,256,512,1024,2048,4096,8192]"))
	require.NoError(t, err)
	_, err = spec.Plan()
	require.ErrorContains(t, err, "s.yaml: the axes expand to more than 1000000 points")
}
