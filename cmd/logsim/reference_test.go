package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// referenceDir is the committed reference study (results/README.md).
var referenceDir = filepath.Join("..", "..", "results", "reference")

// TestReferenceCell reruns one cell of the reference study — its spec
// (study.yaml) narrowed to one network, PE and array — and requires the
// row and the per-layer rows that results/reference/ holds for it, byte
// for byte. When a change moves logsim's numbers this fails until the
// study is regenerated (bash results/reference/regenerate.sh).
func TestReferenceCell(t *testing.T) {
	spec := narrowStudy(t, "alexnet", "shift:a8w4", 128)
	dir := t.TempDir()
	specPath := filepath.Join(dir, "cell.yaml")
	require.NoError(t, os.WriteFile(specPath, spec, 0o644))
	f := sweepInto(t, specPath, dir, exitOK)
	got := f.read(t)

	rows := csvLines(t, got[0])
	require.Len(t, rows, 2, "header and one point")
	id := strings.Split(rows[1], ",")[1]
	committed := csvLines(t, readFile(t, filepath.Join(referenceDir, "sweep.csv")))
	require.Equal(t, committed[0], rows[0], "the sweep CSV's header")
	require.Contains(t, committed, rows[1], "point %s's row in results/reference/sweep.csv (regenerate the study?)", id)

	var want []string
	for _, l := range csvLines(t, readFile(t, filepath.Join(referenceDir, "sweep_layers.csv"))) {
		if strings.HasPrefix(l, id+",") {
			want = append(want, l)
		}
	}
	require.Equal(t, want, csvLines(t, got[1])[1:], "point %s's per-layer rows", id)
}

// narrowStudy returns study.yaml with one network, one PE and one square
// array: everything else (base, numerics) as the study has it.
func narrowStudy(t *testing.T, network, pe string, size int) []byte {
	t.Helper()
	var study map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(readFile(t, filepath.Join(referenceDir, "study.yaml"))), &study))
	study["networks"] = []string{network}
	study["axes"] = map[string]any{"pe": []string{pe}, "rows": []int{size}, "cols": []int{size}}
	out, err := yaml.Marshal(study)
	require.NoError(t, err)
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// csvLines splits a CSV text into its lines (logsim's CSVs quote no
// newline).
func csvLines(t *testing.T, text string) []string {
	t.Helper()
	var out []string
	s := bufio.NewScanner(strings.NewReader(text))
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		out = append(out, s.Text())
	}
	require.NoError(t, s.Err())
	return out
}

// TestReferencePicturesMatchItsCSVs redraws the reference study's report
// and SVG plots from its committed CSVs and requires the committed files
// byte for byte: the pictures in results/reference/ are those of its
// numbers.
func TestReferencePicturesMatchItsCSVs(t *testing.T) {
	dir := t.TempDir()
	status, _, stderr := runCLI(t, "plot", referenceDir, "--out", dir, "--format", "svg", "--quiet")
	require.Equal(t, exitOK, status, stderr)
	status, _, stderr = runCLI(t, "report", referenceDir, "--out", filepath.Join(dir, "report.html"), "--quiet",
		"--title", referenceTitle)
	require.Equal(t, exitOK, status, stderr)
	drawn, err := filepath.Glob(filepath.Join(dir, "*.svg"))
	require.NoError(t, err)
	committed, err := filepath.Glob(filepath.Join(referenceDir, "plots", "*.svg"))
	require.NoError(t, err)
	require.Equal(t, len(committed), len(drawn), "the same plots")
	for _, f := range append(drawn, filepath.Join(dir, "report.html")) {
		rel, err := filepath.Rel(dir, f)
		require.NoError(t, err)
		want := filepath.Join(referenceDir, "plots", rel)
		if rel == "report.html" {
			want = filepath.Join(referenceDir, rel)
		}
		require.Equal(t, readFile(t, want), readFile(t, f), "%s (regenerate the study?)", rel)
	}
}

// referenceTitle is the report's title that regenerate.sh gives.
const referenceTitle = "logsim reference study: log-domain against multiplier PEs"
