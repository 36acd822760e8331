package results

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

var update = flag.Bool("update", false, "rewrite COLUMNS.md from the column lists")

// TestColumnsDoc: COLUMNS.md is what the column lists say.
func TestColumnsDoc(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteColumnsDoc(&b))
	if *update {
		require.NoError(t, os.WriteFile("COLUMNS.md", b.Bytes(), 0o644))
	}
	have, err := os.ReadFile("COLUMNS.md")
	require.NoError(t, err)
	require.Equal(t, b.String(), string(have), "COLUMNS.md is stale: go test ./results -run TestColumnsDoc -update")
}

// docColumns reads the column names of one file's section of COLUMNS.md.
func docColumns(t *testing.T, file string) []string {
	data, err := os.ReadFile("COLUMNS.md")
	require.NoError(t, err)
	sections := strings.Split(string(data), "\n## ")
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|")
	for _, s := range sections {
		if strings.HasPrefix(s, file+"\n") {
			var names []string
			for _, m := range row.FindAllStringSubmatch(s, -1) {
				names = append(names, m[1])
			}
			return names
		}
	}
	t.Fatalf("COLUMNS.md has no section %s", file)
	return nil
}

func tinyRun(t *testing.T) sim.NetworkResult {
	d := design.Default()
	d.DRAM = dram.Config{Model: dram.ModelIdeal}
	res, err := sim.Run(workloads.AlexNet(1), design.MustResolve(d), sim.RunOptions{})
	require.NoError(t, err)
	return res
}

// The headers the writers write are the columns COLUMNS.md documents, in
// the same order, and every row has as many fields.
func TestWritersWriteTheDocumentedColumns(t *testing.T) {
	res := tinyRun(t)
	for _, tc := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"logsim_network.csv", func(b *bytes.Buffer) error { return WriteNetworkCSV(b, res) }},
		{"logsim_layers.csv", func(b *bytes.Buffer) error { return WriteLayerCSV(b, res) }},
	} {
		var b bytes.Buffer
		require.NoError(t, tc.write(&b))
		rows, err := csv.NewReader(&b).ReadAll()
		require.NoError(t, err, tc.file)
		require.Equal(t, docColumns(t, tc.file), rows[0], tc.file)
		require.Greater(t, len(rows), 1)
	}
	reports, err := BuildSCALESimReports(res, false)
	require.NoError(t, err)
	for _, tc := range []struct {
		file, header string
		write        func(*bytes.Buffer) error
	}{
		{"COMPUTE_REPORT.csv", ComputeReportHeader, func(b *bytes.Buffer) error { return WriteComputeReport(b, res) }},
		{"BANDWIDTH_REPORT.csv", BandwidthReportHeader, func(b *bytes.Buffer) error { return WriteBandwidthReport(b, reports.Access) }},
		{"DETAILED_ACCESS_REPORT.csv", DetailedAccessReportHeader, func(b *bytes.Buffer) error { return WriteDetailedAccessReport(b, reports.Access) }},
	} {
		var b bytes.Buffer
		require.NoError(t, tc.write(&b))
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		require.Equal(t, tc.header, lines[0], "%s: SCALE-Sim's header, verbatim", tc.file)
		header := strings.Split(strings.TrimSuffix(lines[0], ","), ", ")
		require.Equal(t, docColumns(t, tc.file), header, tc.file)
		require.Len(t, lines, len(res.Layers)+1, tc.file)
		for _, l := range lines[1:] {
			require.Len(t, strings.Split(strings.TrimSuffix(l, ","), ", "), len(header), "%s: %s", tc.file, l)
		}
	}
}

// Every column name that carries a number says its unit: a column whose
// unit is set ends with a suffix naming it, unless it is a design
// parameter (named by its key) or a count named by what it counts.
func TestColumnNamesCarryTheirUnits(t *testing.T) {
	suffix := map[string][]string{
		"cycles": {"_cycles"}, "bytes": {"_bytes"}, "µJ": {"_uj"}, "pJ": {"_pj"}, "mm²": {"_mm2"}, "%": {"_pct"},
		"µs": {"_us"}, "GB/s": {"_gbps"}, "dB": {"_db"}, "pJ/MAC": {"_pj"}, "mW": {"_mw"}, "words": {"_words"},
		"elements": {"_elems", "_K"}, "GMAC/s": {"_per_s"}, "GMAC/J": {"_per_j"}, "GMAC/s/mm²": {"_per_mm2"},
		"µJ·µs": {"_uj_us"}, "pJ/bit": {"_per_bit"},
	}
	for _, s := range Schemas() {
		if strings.HasSuffix(s.File, "_REPORT.csv") {
			continue // SCALE-Sim's names
		}
		for _, c := range s.Columns {
			want, ok := suffix[c.Unit]
			if !ok || c.Model == ModelDesign {
				continue
			}
			found := false
			for _, w := range want {
				found = found || strings.HasSuffix(c.Name, w)
			}
			require.True(t, found, "%s: column %s in %s should end with %v", s.File, c.Name, c.Unit, want)
		}
	}
}
