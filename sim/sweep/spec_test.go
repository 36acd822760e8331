package sweep

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/workloads"
)

func TestParseReadsEverySection(t *testing.T) {
	spec, err := Parse(filepath.Join("dir", "s.yaml"), []byte(`
networks:
  - alexnet
  - {name: resnet18, batch: 4}
  - {file: nets/g.csv, format: scalesim-gemm}
base_design: ref.yaml
base:
  dram: ideal
  dram_overrides: {EnergyPJPerBit: 10}
axes:
  pe: [mult:a8w8, {kind: shift, operands: a8w4}]
  zip:
    rows: [16, 32]
    cols: [8, 16]
  tech: [t.yaml]
numerics: {samples: 64, weights: Laplacian, npy: ops}
`))
	require.NoError(t, err)
	require.Equal(t, []NetworkRef{
		{Name: "alexnet", Batch: 1, Line: 3},
		{Name: "resnet18", Batch: 4, Line: 4},
		{File: filepath.Join("dir", "nets", "g.csv"), Path: "nets/g.csv", Batch: 1, Format: workloads.FormatSCALESimGEMM, Line: 5},
	}, spec.Networks)
	require.Equal(t, filepath.Join("dir", "ref.yaml"), spec.BaseDesign)
	require.Equal(t, []string{"dram=ideal", "dram_overrides=EnergyPJPerBit=10"}, settingTexts(spec.Base))
	require.Len(t, spec.Axes, 3)
	require.Equal(t, "pe", spec.Axes[0].Name())
	require.Equal(t, "zip(rows, cols)", spec.Axes[1].Name())
	require.Equal(t, [][]string{{"pe=mult:a8w8"}, {"pe=shift:a8w4"}}, stepTexts(spec.Axes[0]))
	require.Equal(t, [][]string{{"rows=16", "cols=8"}, {"rows=32", "cols=16"}}, stepTexts(spec.Axes[1]))
	require.Equal(t, [][]string{{"tech=" + filepath.Join("dir", "t.yaml")}}, stepTexts(spec.Axes[2]), "a tech path is relative to the spec")
	require.Equal(t, 14, spec.Axes[1].Steps[1][1].Line, "cols: [8, 16]")
	require.Equal(t, &NumericsSpec{Samples: 64, Seed: 1, Weights: "laplacian", NPY: "ops", npyPath: filepath.Join("dir", "ops")}, spec.Numerics)
}

func settingTexts(set []Setting) []string {
	var out []string
	for _, s := range set {
		out = append(out, s.String())
	}
	return out
}

func stepTexts(a Axis) [][]string {
	var out [][]string
	for _, step := range a.Steps {
		out = append(out, settingTexts(step))
	}
	return out
}

func TestParseZipGroupsAndDefaults(t *testing.T) {
	spec, err := Parse("s.yaml", []byte(`
networks: [alexnet]
axes:
  zip:
    - {rows: [4, 8], cols: [4, 8]}
    - {ifmap_kib: [16, 32, 64], filter_kib: [16, 32, 64]}
numerics:
`))
	require.NoError(t, err)
	require.Equal(t, []string{"zip(rows, cols)", "zip(ifmap_kib, filter_kib)"}, []string{spec.Axes[0].Name(), spec.Axes[1].Name()})
	require.Equal(t, &NumericsSpec{Samples: 4096, Seed: 1, Weights: "gaussian"}, spec.Numerics, "logsim run --numerics's defaults")
}

// Every bad spec is one error naming the file, the line and what is wrong.
func TestParseErrorsNameFileLineAndAxis(t *testing.T) {
	cases := []struct{ name, spec, want string }{
		{"not yaml", "networks: [", "s.yaml: yaml:"},
		{"not a mapping", "- a", "s.yaml: want a mapping with keys networks, base"},
		{"unknown top key", "networks: [alexnet]\naxis: {}", `s.yaml:2: unknown key "axis" (did you mean "axes"?)`},
		{"no networks", "axes: {rows: [1]}", "s.yaml: no networks"},
		{"networks not a list", "networks: alexnet", "s.yaml:1: networks: want a list"},
		{"unknown axis", "networks: [alexnet]\naxes:\n  rowz: [1]", `s.yaml:3: unknown key "rowz" in axes (did you mean "rows"?)`},
		{"bad value", "networks: [alexnet]\naxes:\n  rows: [8, x]", `s.yaml:3: axis rows: "x" is not an integer`},
		{"bad pe", "networks: [alexnet]\naxes:\n  pe:\n    - mult:a8w8\n    - mult:a8q8", `s.yaml:5: axis pe: PE spec "mult:a8q8"`},
		{"axis not a list", "networks: [alexnet]\naxes:\n  rows: 8", "s.yaml:3: axis rows: want a non-empty list of values (a single value goes under base:)"},
		{"empty axis", "networks: [alexnet]\naxes:\n  rows: []", "s.yaml:3: axis rows: want a non-empty list"},
		{"zip unequal", "networks: [alexnet]\naxes:\n  zip:\n    rows: [8, 16]\n    cols: [8]", "s.yaml:5: zip axis cols: 1 values, but rows has 2: a zip group's lists must be equally long"},
		{"zip unknown key", "networks: [alexnet]\naxes:\n  zip: {rows: [1], colz: [1]}", `s.yaml:3: unknown key "colz" in zip (did you mean "cols"?)`},
		{"zip empty", "networks: [alexnet]\naxes:\n  zip: {}", "s.yaml:3: zip: empty group"},
		{"swept twice", "networks: [alexnet]\naxes:\n  rows: [8]\n  zip: {rows: [1], cols: [1]}", "s.yaml:4: axis zip(rows, cols): rows is already swept on line 3"},
		{"key twice", "networks: [alexnet]\naxes:\n  rows: [8]\n  rows: [9]", `s.yaml:4: key "rows" given twice in axes (first on line 3)`},
		{"base and axis", "networks: [alexnet]\nbase: {rows: 8}\naxes: {rows: [4]}", "s.yaml:2: base rows: also swept by axis rows on line 3: drop one"},
		{"base unknown", "networks: [alexnet]\nbase: {row: 8}", `s.yaml:2: unknown key "row" in base (did you mean "rows"?)`},
		{"base bad", "networks: [alexnet]\nbase:\n  clock_mhz: fast", `s.yaml:3: base clock_mhz: "fast" is not a finite number`},
		{"network both", "networks: [{name: alexnet, file: a.csv}]", "s.yaml:1: a network has a name (built-in) or a file, not both or neither"},
		{"network batch of file", "networks: [{file: a.csv, batch: 2}]", "s.yaml:1: network file a.csv: batch applies to built-in networks"},
		{"network format of built-in", "networks: [{name: vgg16, format: yaml}]", "s.yaml:1: network vgg16: format applies to network files"},
		{"network bad batch", "networks: [{name: vgg16, batch: 0}]", `s.yaml:1: batch: "0" is not an integer ≥ 1`},
		{"network bad format", "networks: [{file: a.csv, format: onnx}]", "s.yaml:1: unknown network file format \"onnx\""},
		{"network unknown key", "networks: [{nam: vgg16}]", `s.yaml:1: unknown key "nam" in a network (did you mean "name"?)`},
		{"numerics bad", "networks: [alexnet]\nnumerics: {weights: uniform}", "s.yaml:2: numerics weights: unknown distribution"},
		{"numerics seed", "networks: [alexnet]\nnumerics:\n  seed: -1", `s.yaml:3: numerics seed: "-1" is not an unsigned integer`},
		{"base_design empty", "networks: [alexnet]\nbase_design: ''", "s.yaml:2: base_design: empty path"},
		{"fidelity unknown", "networks: [alexnet]\nfidelity: fast", `s.yaml:2: fidelity: unknown fidelity "fast" (valid: event, analytic, auto)`},
		{"fidelity level unknown", "networks: [alexnet]\nfidelity:\n  level: exact", `s.yaml:3: fidelity level: unknown fidelity "exact"`},
		{"fidelity sample without auto", "networks: [alexnet]\nfidelity: {level: analytic, sample: 3}", "s.yaml:2: fidelity sample: only an auto sweep checks a sample (level is analytic)"},
		{"fidelity sample zero", "networks: [alexnet]\nfidelity: {level: auto, sample: 0}", `s.yaml:2: fidelity sample: "0" is not an integer ≥ 1`},
		{"fidelity unknown key", "networks: [alexnet]\nfidelity: {levle: auto}", `s.yaml:2: unknown key "levle" in fidelity (did you mean "level"?)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(tc.spec))
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
			require.NotContains(t, err.Error(), "\n", "one line")
		})
	}
}

// FuzzParse: any text parses or fails with an error naming the file,
// never a panic.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"networks: [alexnet]\naxes:\n  rows: [8, 16]\n  zip: {ifmap_kib: [1, 2], filter_kib: [3, 4]}",
		"networks: [{file: a.csv, format: scalesim-gemm}, {name: bert, batch: 2}]\nbase: {dram: ideal}\nnumerics: {samples: 3}",
		"networks: [alexnet]\naxes:\n  pe: [{kind: shift, operands: a8w4}]\n  dram_overrides: [{tRCD: 20}]",
		"networks: [alexnet]\naxes:\n  zip: [{rows: [1]}, {cols: []}]",
		"base_design: x.yaml\nnetworks: []",
		"networks: [alexnet]\nfidelity: {level: auto, sample: 2}",
		"networks: [alexnet]\nfidelity: analytic",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		spec, err := Parse("f.yaml", []byte(text))
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "f.yaml"), err.Error())
			return
		}
		require.NotEmpty(t, spec.Networks)
		require.Contains(t, FidelityLevels(), spec.Fidelity.Level)
		require.Equal(t, spec.Fidelity.Level == FidelityAuto, spec.Fidelity.Sample > 0)
		for _, a := range spec.Axes {
			require.NotEmpty(t, a.Steps)
			for _, step := range a.Steps {
				require.Len(t, step, len(a.Keys))
			}
		}
	})
}

func TestParseFidelity(t *testing.T) {
	cases := []struct {
		spec string
		want FidelitySpec
	}{
		{"networks: [alexnet]", FidelitySpec{Level: "event"}},
		{"networks: [alexnet]\nfidelity: analytic", FidelitySpec{Level: "analytic"}},
		{"networks: [alexnet]\nfidelity: auto", FidelitySpec{Level: "auto", Sample: DefaultFidelitySample}},
		{"networks: [alexnet]\nfidelity: {sample: 3, level: auto}", FidelitySpec{Level: "auto", Sample: 3}},
	}
	for _, tc := range cases {
		s, err := Parse("s.yaml", []byte(tc.spec))
		require.NoError(t, err, tc.spec)
		require.Equal(t, tc.want, s.Fidelity, tc.spec)
	}
}

// An auto sweep checks Sample points evenly spread by index (every
// ⌈total/sample⌉-th from the first), and no other level checks any.
func TestFidelitySampleIsSpreadEvenly(t *testing.T) {
	checked := func(f FidelitySpec, total int) []int {
		var out []int
		for i := 0; i < total; i++ {
			if f.Checked(i, total) {
				out = append(out, i)
			}
		}
		return out
	}
	auto := FidelitySpec{Level: FidelityAuto, Sample: 4}
	require.Equal(t, []int{0, 3, 6, 9}, checked(auto, 10)) // step ⌈10/4⌉ = 3
	require.Equal(t, []int{0, 1, 2}, checked(auto, 3))     // fewer points than the sample: all
	require.Equal(t, []int{0, 25, 50, 75}, checked(auto, 100))
	require.Empty(t, checked(FidelitySpec{Level: "analytic"}, 10))
}
