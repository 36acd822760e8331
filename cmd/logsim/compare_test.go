package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const tinyNetwork = "../../results/compare/testdata/tiny.yaml"

// compareArgs are a quick comparison: the tiny network and AlexNet, ideal
// DRAM.
func compareArgs(extra ...string) []string {
	return append([]string{"compare", "--network", tinyNetwork, "--network", "alexnet", "--dram", "ideal"}, extra...)
}

// The table names the baseline and the controls, says accuracy was not
// measured without --numerics, and splits the saving.
func TestCompareTable(t *testing.T) {
	status, out, stderr := runCLI(t, compareArgs("--pe", "mult:a8w8", "--pe", "shift:a8w4")...)
	require.Equal(t, exitOK, status, stderr)
	require.Empty(t, stderr)
	for _, want := range []string{"## tiny (batch 1)", "## alexnet (batch 1)", "| role ", "baseline", "control",
		"mult:a8w4 (for shift:a8w4)", "Accuracy was not measured", "### Where the saving of shift:a8w4 comes from (alexnet)",
		"| energy: dram (µJ) ", "| area: total (mm²) ", "GOPS = 2 × GMAC/s", "--sensitivity moves each alone"} {
		require.Contains(t, out, want)
	}
	status, out, stderr = runCLI(t, compareArgs("--pe", "mult:a8w8", "--pe", "shift:a8w4", "--no-controls")...)
	require.Equal(t, exitOK, status, stderr)
	require.NotContains(t, out, "mult:a8w4")
	require.Contains(t, out, "Controls left out (--no-controls)")
}

// --sensitivity adds a tornado table per compared design, with the
// extreme combinations.
func TestCompareSensitivity(t *testing.T) {
	status, out, stderr := runCLI(t, "compare", "--network", tinyNetwork, "--pe", "mult:a8w8", "--pe", "shift:a8w4", "--sensitivity")
	require.Equal(t, exitOK, status, stderr)
	for _, want := range []string{"### Sensitivity of shift:a8w4 against mult:a8w8 (tiny)", "### Sensitivity of mult:a8w4 against mult:a8w8 (tiny)",
		"| mult_energy ", "| dram_background ", "| all for shift:a8w4 ", "| all against shift:a8w4 "} {
		require.Contains(t, out, want)
	}
}

// stdout and the CSV are byte-identical for any number of workers.
func TestCompareIsDeterministicAcrossWorkers(t *testing.T) {
	dir := t.TempDir()
	run := func(workers string) (string, string) {
		path := filepath.Join(dir, "w"+workers+".csv")
		status, out, stderr := runCLI(t, compareArgs("--pe", "mult:a8w8", "--pe", "shift:a8w4", "--pe", "logboth:a4w4",
			"--workers", workers, "--csv", path)...)
		require.Equal(t, exitOK, status, stderr)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		return out, string(data)
	}
	out1, csv1 := run("1")
	out4, csv4 := run("4")
	require.Equal(t, out1, out4)
	require.Equal(t, csv1, csv4)
	require.Equal(t, 1+5*2, strings.Count(csv1, "\n"), "a header and 5 designs (2 controls) × 2 networks")
}

// Bad input is one line on stderr, status 2, before anything runs (the
// iso-SQNR search measures numerics first).
func TestCompareBadInput(t *testing.T) {
	dir := t.TempDir()
	badKey := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(badKey, []byte("designs:\n  a: {pe: mult:a8w8}\n  b:\n    pe: shift:a8w4\n    colz: 8\n"), 0o644))
	one := filepath.Join(dir, "one.yaml")
	require.NoError(t, os.WriteFile(one, []byte("designs:\n  a: {pe: mult:a8w8}\n"), 0o644))
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--pe", "mult:a8w8", "--pe", "shift:a8q4"}, `--pe: PE spec "shift:a8q4"`},
		{[]string{"--pe", "mult:a8w8", "--pe", "mult:a8w9x"}, `PE spec "mult:a8w9x"`},
		{[]string{"--pe", "mult:a8w8"}, "1 design(s): compare wants two or more"},
		{[]string{"--designs", badKey}, `bad.yaml:5: unknown key "colz" (did you mean "cols"?)`},
		{[]string{"--designs", one}, "one.yaml: 1 design(s)"},
		{[]string{"--designs", one, "--pe", "mult:a8w8"}, "--pe or --designs, not both"},
		{[]string{"--designs", filepath.Join("..", "..", "results", "compare", "testdata", "designs.yaml")}, // --dram ideal
			`designs.yaml:3: key "dram" is also given on the command line (--dram)`},
		{[]string{"--pe", "mult:a8w8", "--pe", "mult:a8w8"}, `design "mult:a8w8" given twice`},
		{[]string{"--pe", "mult:a8w8", "--pe", "shift:a8w4", "--network", "resnet5"}, `did you mean "resnet50"`},
		{[]string{"--pe", "mult:a8w8", "--pe", "shift:a8w4", "--rows", "0"}, "array must be at least 1×1"},
		{[]string{"--pe", "mult:a8w8", "--pe", "shift:a8w4", "--workers", "0"}, "--workers must be at least 1"},
		{[]string{"--pe", "mult:a8w8", "--pe", "shift:a8w4", "--numerics-seed", "2"}, "--numerics-seed needs --numerics"},
		{[]string{"--pe", "mult:fp16", "--pe", "shift:a8w4", "--iso-sqnr-db", "20"}, "mult:fp16 has no widths to search"},
		{[]string{"--pe", "mult:a8w8", "--pe", "shift:a8w4", "--iso-sqnr-db", "200", "--numerics-samples", "64"},
			"no mult width reaches 200 dB on tiny"},
	}
	for _, tc := range cases {
		status, out, stderr := runCLI(t, append([]string{"compare", "--network", tinyNetwork, "--dram", "ideal"}, tc.args...)...)
		require.Equal(t, exitUsage, status, "%v: %s", tc.args, stderr)
		require.Empty(t, out, "%v", tc.args)
		require.Contains(t, stderr, tc.want, "%v", tc.args)
		require.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
	}
}
