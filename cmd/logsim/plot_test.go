package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPlotBadInput: a user's mistake is one line naming the file, line
// and column, exit status 2, and no plot is written.
func TestPlotBadInput(t *testing.T) {
	dir := t.TempDir()
	f := sweepInto(t, sweepSpec, dir, exitOK)
	text := readFile(t, f.csv)
	lines := strings.Split(text, "\n")
	header := strings.Split(lines[0], ",")
	col := indexOfColumn(t, header, "energy_total_uj")
	cells := strings.Split(lines[3], ",")
	cells[col] = "12,5" // a decimal comma: one field too many
	ragged := filepath.Join(dir, "ragged.csv")
	writeLines(t, ragged, lines[0], lines[1], lines[2], strings.Join(cells, ","))
	cells[col] = "twelve"
	bad := filepath.Join(dir, "bad.csv")
	writeLines(t, bad, lines[0], lines[1], lines[2], strings.Join(cells, ","))

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"not a number", []string{"plot", bad, "--out", filepath.Join(dir, "p1")}, bad + `:4: column energy_total_uj: "twelve" is not a number`},
		{"ragged row", []string{"plot", ragged, "--out", filepath.Join(dir, "p2")}, ragged + ": record on line 4: wrong number of fields"},
		{"missing file", []string{"plot", filepath.Join(dir, "none.csv"), "--out", filepath.Join(dir, "p3")}, "none.csv: no such file"},
		{"no --out", []string{"plot", f.csv}, `required flag(s) "out" not set`},
		{"bad format", []string{"plot", f.csv, "--out", filepath.Join(dir, "p4"), "--format", "gif"}, `--format: image format "gif"`},
		{"unknown colour column", []string{"plot", f.csv, "--out", filepath.Join(dir, "p5"), "--color-by", "flavour"}, `no column "flavour"`},
		{"unknown point", []string{"plot", f.csv, f.layers, "--out", filepath.Join(dir, "p6"), "--point", "feedface"}, "point feedface: no per-layer rows"},
		{"report of a file without --out", []string{"report", f.csv}, "--out is required when the first input"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, _, stderr := runCLI(t, c.args...)
			require.Equal(t, exitUsage, status, stderr)
			require.Contains(t, stderr, c.want)
			require.Equal(t, 1, strings.Count(strings.TrimSpace(stderr), "\n")+1, "one line: %s", stderr)
		})
	}
	for _, p := range []string{"p1", "p2", "p4", "p5", "p6"} {
		require.NoDirExists(t, filepath.Join(dir, p), "nothing is written when the input is bad")
	}
}

func indexOfColumn(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %s", name)
	return -1
}

func writeLines(t *testing.T, path string, lines ...string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}
