package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// runCLI runs the command line in-process and returns status, stdout, stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	status := run(args, &out, &errb)
	return status, out.String(), errb.String()
}

func readCSVFields(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var rows [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		fields := strings.Split(line, ",")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		rows = append(rows, fields)
	}
	return rows
}

func TestDefaultRunPrintsAReadableTable(t *testing.T) {
	status, out, stderr := runCLI(t, "run")
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, out, "resnet50 (batch 1) on a 32×32 WS array, pipelined timing")
	require.Contains(t, out, "DRAM fast DDR4-3200 (1 channel(s), peak 25.6 GB/s, energy from its commands and IDD currents)")
	require.Contains(t, out, "layer4.2.conv3")
	require.Contains(t, out, "Total: 54 array layers, 4.089 GMACs")
	// A DRAM model that counts no commands is priced by its bits, and says so.
	status, out, stderr = runCLI(t, "run", "--network", "alexnet", "--dram", "bandwidth", "--quiet")
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, out, "DRAM bandwidth DDR4-3200 (1 channel(s), peak 25.6 GB/s, 20 pJ/bit)")
	// At the high corner the dram_access switch prices accesses at the
	// preset's all-in 40 pJ/bit (README: DDR4 20 nominal, 40 high).
	status, out, stderr = runCLI(t, "run", "--network", "alexnet", "--corner", "high", "--quiet")
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, out, "(1 channel(s), peak 25.6 GB/s, accesses at 40 pJ/bit, refresh and standby from IDD currents)")
}

func TestBadInputIsOneLineAndStatus2(t *testing.T) {
	badCSV := filepath.Join(t.TempDir(), "bad.csv")
	require.NoError(t, os.WriteFile(badCSV, []byte("Layer,M,N,K,\ng,1,x,3,\n"), 0o644))
	v3On := filepath.Join(t.TempDir(), "v3.cfg")
	v3 := strings.Replace(fileText(t, "testdata/scalesim/v3_scale_32x32_os.cfg"), "UseRamulatorTrace: False", "UseRamulatorTrace: True", 1)
	require.NoError(t, os.WriteFile(v3On, []byte(v3), 0o644))
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--network", "resnet5"}, `did you mean "resnet50"`},
		{[]string{"run", "--rows", "0"}, "array must be at least 1×1"},
		{[]string{"run", "--cols", "-3"}, "array must be at least 1×1"},
		{[]string{"run", "--dataflow", "rs"}, `unknown dataflow "rs"`},
		{[]string{"run", "--timing", "fast"}, `unknown timing mode "fast"`},
		{[]string{"run", "--batch", "0"}, "--batch must be positive"},
		{[]string{"run", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"run", "--topology", badCSV, "--gemm"}, `bad.csv:2:5 (N): "x" is not an integer`},
		{[]string{"run", "--pe", "mult:a8q8"}, "--pe"},
		{[]string{"run", "--topology", badCSV, "--batch", "4"}, "--batch and --network apply to built-in networks"},
		{[]string{"run", "--corner", "worst"}, "--corner"},
		{[]string{"run", "--dram", "sram"}, `unknown DRAM model "sram"`},
		{[]string{"run", "--dram-set", "tRCD"}, "want name=value"},
		{[]string{"nosuchcommand"}, "unknown command"},
		{[]string{"run", "--dram", "fast", "--dram-latency-ns", "50"}, "latency is read only by the ideal and bandwidth models"},
		{[]string{"run", "--dram", "ideal", "--dram-set", "tRCD=30"}, "tRCD is not read by the ideal model"},
		{[]string{"run", "--numerics-seed", "3"}, "--numerics-seed needs --numerics"},
		{[]string{"run", "--clock-mhz", "NaN"}, "not a finite number"},
		{[]string{"run", "--design", "a.yaml", "--config", "b.cfg"}, "not both"},
		{[]string{"run", "--out", "x", "--run-name", "../y"}, "must be one folder name"},
		{[]string{"run", "--config", "testdata/scalesim/scale_4x4_os.cfg", "--scalesim-compat"}, "--scalesim-compat changes only the files --out writes"},
		{[]string{"run", "--out", "x", "--scalesim-compat"}, "--scalesim-compat reproduces SCALE-Sim's CALC mode"},
		{[]string{"run", "--config", "testdata/scalesim/scale_4x4_os.cfg", "--timing", "pipelined", "--out", "x", "--scalesim-compat"}, "needs a CALC-mode config"},
		{[]string{"run", "--config", v3On, "--network", "alexnet"}, "v3.cfg:38: [run_presets] UseRamulatorTrace is on"},
	}
	for _, tc := range cases {
		status, out, stderr := runCLI(t, tc.args...)
		require.Equal(t, exitUsage, status, "%v", tc.args)
		require.Empty(t, out, "%v", tc.args)
		require.Contains(t, stderr, tc.want, "%v", tc.args)
		require.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
	}
}

func TestOutputFilesAreWrittenWhole(t *testing.T) {
	out := t.TempDir()
	status, _, stderr := runCLI(t, "run", "--network", "alexnet", "--out", out, "--run-name", "a", "--quiet")
	require.Equal(t, exitOK, status, stderr)
	entries, err := os.ReadDir(filepath.Join(out, "a"))
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	require.ElementsMatch(t, runOutputs, names, "no temporary files left")
	rows := readCSVFields(t, filepath.Join(out, "a", "logsim_layers.csv"))
	require.Contains(t, rows[0], "total_cycles")
	require.Contains(t, rows[0], "utilisation_pct")
}

func TestOutputsAreDeterministic(t *testing.T) {
	read := func() string {
		out := t.TempDir()
		status, _, stderr := runCLI(t, "run", "--network", "mobilenetv2", "--out", out, "--run-name", "m", "--quiet")
		require.Equal(t, exitOK, status, stderr)
		var all strings.Builder
		for _, f := range runOutputs {
			all.WriteString(fileText(t, filepath.Join(out, "m", f)))
		}
		return all.String()
	}
	require.Equal(t, read(), read())
}

func parseFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return v
}

func TestPEFromYAMLFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "pe.yaml")
	require.NoError(t, os.WriteFile(good, []byte("pe:\n  kind: shift\n  operands: a8w4\n  acc_bits: 24\n"), 0o644))
	status, out, stderr := runCLI(t, "run", "--network", "alexnet", "--pe-file", good, "--dram", "ideal")
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, out, "PE shift:a8w4,acc=24")

	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("pe:\n  kind: shift\n  operandz: a8w4\n"), 0o644))
	status, _, stderr = runCLI(t, "run", "--network", "alexnet", "--pe-file", bad)
	require.Equal(t, exitUsage, status)
	require.Contains(t, stderr, "bad.yaml")
	require.Contains(t, stderr, "line 3")
}

// --dump-design writes a design file that --design reads back to the same
// run.
func TestDumpDesignRoundTrips(t *testing.T) {
	args := []string{"--rows", "16", "--cols", "8", "--pe", "shift:a8w4", "--dram", "bandwidth", "--dram-bw-gbps", "6.4", "--ifmap-kib", "32"}
	status, dump, stderr := runCLI(t, append([]string{"run", "--dump-design"}, args...)...)
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, dump, "rows: 16")
	path := filepath.Join(t.TempDir(), "d.yaml")
	require.NoError(t, os.WriteFile(path, []byte(dump), 0o644))
	status, again, stderr := runCLI(t, "run", "--dump-design", "--design", path)
	require.Equal(t, exitOK, status, stderr)
	require.Equal(t, dump, again)

	_, viaFlags, _ := runCLI(t, append([]string{"run", "--network", "alexnet", "--quiet"}, args...)...)
	_, viaFile, _ := runCLI(t, "run", "--network", "alexnet", "--quiet", "--design", path)
	require.Equal(t, viaFlags, viaFile)
}

// A run folder is not overwritten without --force; the default run name
// comes from the network and the design point.
func TestRunRefusesToOverwrite(t *testing.T) {
	out := t.TempDir()
	args := []string{"run", "--network", "alexnet", "--dram", "ideal", "--out", out, "--quiet"}
	status, _, stderr := runCLI(t, args...)
	require.Equal(t, exitOK, status, stderr)
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	require.Regexp(t, `^alexnet-mult_a8w8-32x32-ws-[0-9a-f]{8}$`, entries[0].Name())
	status, _, stderr = runCLI(t, args...)
	require.Equal(t, exitUsage, status)
	require.Contains(t, stderr, "already exists; give another --run-name or --force to replace it")
	status, _, stderr = runCLI(t, append(args, "--force")...)
	require.Equal(t, exitOK, status, stderr)
	status, _, stderr = runCLI(t, append(args, "--rows", "16")...)
	require.Equal(t, exitOK, status, stderr, "another design point is another folder")
}

// --quiet leaves out the per-layer table, not the totals.
func TestQuietKeepsTheTotals(t *testing.T) {
	status, out, stderr := runCLI(t, "run", "--network", "alexnet", "--dram", "ideal", "--quiet")
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, out, "Total: 8 array layers")
	require.NotContains(t, out, "MMACs")
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		status, out, _ := runCLI(t, args...)
		require.Equal(t, exitOK, status)
		require.Regexp(t, `^logsim \d+\.\d+\.\d+\n$`, out)
	}
}
