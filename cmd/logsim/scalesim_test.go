package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// reportRows reads a SCALE-Sim report as a map per row, column name to
// text (the header's names; every line ends with a comma).
func reportRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(fileText(t, path), "\n"), "\n")
	header := strings.Split(strings.TrimSuffix(lines[0], ","), ", ")
	var rows []map[string]string
	for _, line := range lines[1:] {
		fields := strings.Split(strings.TrimSuffix(line, ","), ", ")
		require.Len(t, fields, len(header), line)
		row := map[string]string{}
		for i, h := range header {
			row[h] = fields[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// scaleSimDir holds SCALE-Sim v2's inputs and the three reports it wrote
// for them (scale-sim-v2 commit 22f88b17, CALC mode; copied from
// ../shared/scalesim): the SCALE-Sim run <run> of a config scale_<array>_<df>.cfg.
var scaleSimDir = filepath.Join("testdata", "scalesim")

// scaleSimRun is one of the nine runs SCALE-Sim's reports are kept for.
type scaleSimRun struct {
	name     string // prefix of SCALE-Sim's report files
	cfg      string
	topology string
	gemm     bool
	df       string
	array    int     // R = C
	layers   []shape // the topology's GEMMs, worked out by hand
}

// shape is a layer's GEMM: P output pixels, K reduction, N filters.
type shape struct{ p, k, n int64 }

func scaleSimRuns() []scaleSimRun {
	tiny := []shape{{4, 4, 4}, {5, 7, 3}}      // M, N, K = 4, 4, 4 and 5, 3, 7
	mnk := []shape{{128, 256, 64}}             // M, N, K = 128, 64, 256
	conv := []shape{{5 * 5, 3 * 3 * 192, 384}} // 7×7×192 input, 3×3 filters, 384 of them
	var runs []scaleSimRun
	for _, df := range []string{"os", "ws", "is"} {
		runs = append(runs,
			scaleSimRun{"tiny_4x4_" + df, "scale_4x4_" + df + ".cfg", "tiny_mnk.csv", true, df, 4, tiny},
			scaleSimRun{"mnktest_8x8_" + df, "scale_8x8_" + df + ".cfg", "GEMM_mnk__test_mnk_input.csv", true, df, 8, mnk},
			scaleSimRun{"test_8x8_" + df, "scale_8x8_" + df + ".cfg", "conv_nets__test.csv", false, df, 8, conv})
	}
	return runs
}

// scaleSimReports are the three files SCALE-Sim writes.
var scaleSimReports = []string{"COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv"}

// runSCALESim runs a config on a topology (files in scaleSimDir unless
// absolute) through "logsim run" with extra flags and returns the folder
// its files went to.
func runSCALESim(t *testing.T, r scaleSimRun, extra ...string) string {
	t.Helper()
	out := t.TempDir()
	args := []string{"run", "--config", inSCALESimDir(r.cfg), "--topology", inSCALESimDir(r.topology),
		"--out", out, "--run-name", "run", "--quiet"}
	if r.gemm {
		args = append(args, "--gemm")
	}
	status, _, stderr := runCLI(t, append(args, extra...)...)
	require.Equal(t, exitOK, status, stderr)
	return filepath.Join(out, "run")
}

func inSCALESimDir(path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(scaleSimDir, path)
}

// With --scalesim-compat, logsim's three reports are SCALE-Sim's own, byte
// for byte, on all nine runs: the three conv_nets__test.csv runs refetch
// filters that do not fit the 64 KiB buffer and drain the output buffer
// dozens of times.
func TestSCALESimCompatReportsEqualSCALESims(t *testing.T) {
	for _, r := range scaleSimRuns() {
		t.Run(r.name, func(t *testing.T) {
			dir := runSCALESim(t, r, "--scalesim-compat")
			for _, f := range scaleSimReports {
				want := fileText(t, filepath.Join(scaleSimDir, r.name+"_"+f))
				require.Equal(t, want, fileText(t, filepath.Join(dir, f)), f)
			}
		})
	}
}

// Without --scalesim-compat, every column of the three reports equals
// SCALE-Sim's, to the character, except those where SCALE-Sim's counting bugs are corrected
// (README, "Differences from SCALE-Sim"), and those hold the values worked
// out here from the layer's shape:
//
//   - Compute Util % (WS, IS): SCALE-Sim's × (2R+2C+T−3)/(2R+C+T−2), the
//     fold's real length in place of SCALE-Sim's;
//   - SRAM OFMAP Writes (OS): SCALE-Sim's − folds·(R+C), i.e. P·N;
//   - DRAM OFMAP Writes: the outputs really written, P·N (OS) or
//     ⌈K/R⌉·P·N (WS, IS: every row fold's partial sums);
//   - the bandwidths these counts divide into;
//   - DRAM OFMAP Stop Cycle, only where the output buffer drained during
//     the run (more outputs than its 32 KiB drain half): at least one cycle
//     per line of R words after the first drain.
func TestSCALESimReportsCorrectSCALESimsBugs(t *testing.T) {
	for _, r := range scaleSimRuns() {
		t.Run(r.name, func(t *testing.T) {
			dir := runSCALESim(t, r)
			want := reportsRows(t, func(f string) string { return filepath.Join(scaleSimDir, r.name+"_"+f) })
			got := reportsRows(t, func(f string) string { return filepath.Join(dir, f) })
			require.Len(t, got, len(r.layers))
			for i, l := range r.layers {
				expected := r.corrected(t, l, want[i], got[i])
				for col, w := range want[i] {
					if e, ok := expected[col]; ok {
						requireSameNumber(t, e, got[i][col], "layer %d %s", i, col)
						continue
					}
					require.Equal(t, w, got[i][col], "layer %d %s: SCALE-Sim's text", i, col)
				}
			}
		})
	}
}

// reportsRows reads the three reports of a run (path names each file) into
// one map per layer: their column names do not repeat, but for LayerID.
func reportsRows(t *testing.T, path func(string) string) []map[string]string {
	var rows []map[string]string
	for _, f := range scaleSimReports {
		for i, row := range reportRows(t, path(f)) {
			if i == len(rows) {
				rows = append(rows, map[string]string{})
			}
			for k, v := range row {
				rows[i][k] = v
			}
		}
	}
	return rows
}

// corrected gives, for one layer, the columns logsim corrects and the
// values they must hold; SCALE-Sim's row is want, logsim's got (for the
// DRAM stop cycle, which is bounded rather than worked out).
func (r scaleSimRun) corrected(t *testing.T, l shape, want, got map[string]string) map[string]string {
	a := int64(r.array)
	folds, streamed, rowFolds := ceil(l.p, a)*ceil(l.n, a), l.k, ceil(l.k, a)
	trueWrites := rowFolds * l.p * l.n
	switch r.df {
	case "os":
		rowFolds, trueWrites = 1, l.p*l.n
	case "ws":
		streamed = l.p
	case "is":
		folds, streamed = rowFolds*ceil(l.p, a), l.n
	}
	out := map[string]string{}
	total := parseFloat(t, want["Total Cycles"])
	if r.df != "os" {
		su := parseFloat(t, want["Compute Util %"])
		out["Compute Util %"] = ftoa(su * float64(4*a+streamed-3) / float64(3*a+streamed-2))
	} else {
		writes := parseInt(t, want["SRAM OFMAP Writes"]) - folds*2*a
		require.Equal(t, l.p*l.n, writes)
		out["SRAM OFMAP Writes"] = itoa(writes)
		out["Avg OFMAP SRAM BW"] = ftoa(float64(writes) / total)
	}
	out["DRAM OFMAP Writes"] = itoa(trueWrites)
	start, stop := parseFloat(t, got["DRAM OFMAP Start Cycle"]), parseFloat(t, got["DRAM OFMAP Stop Cycle"])
	if trueWrites > 32*1024 {
		require.GreaterOrEqual(t, stop-start+1, float64(ceil(trueWrites, a)), "one line of R words per cycle at most")
		out["DRAM OFMAP Stop Cycle"] = got["DRAM OFMAP Stop Cycle"]
	}
	out["Avg OFMAP DRAM BW"] = ftoa(float64(trueWrites) / (stop - start + 1))
	return out
}

func ceil(a, b int64) int64 { return (a + b - 1) / b }

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func parseInt(t *testing.T, s string) int64 {
	t.Helper()
	v, err := strconv.ParseInt(s, 10, 64)
	require.NoError(t, err, s)
	return v
}

// requireSameNumber compares two report fields as numbers, to 1e-12
// relative (the expected values above are computed in another order than
// the reports'), and exactly when both are integers.
func requireSameNumber(t *testing.T, want, got string, msg string, args ...any) {
	t.Helper()
	if want == got {
		return
	}
	w, g := parseFloat(t, want), parseFloat(t, got)
	require.InEpsilon(t, w, g, 1e-12, append([]any{msg + ": want %s, got %s"}, append(args, want, got)...)...)
}

// In USER mode the bandwidth and access reports come from logsim's
// simulation. With the traffic objective, one GEMM (M, N, K) = (64, 32, 32) on a 32×32 WS array fits
// the buffers whole: one tile, one fold of T = P = 64 streamed rows. Its
// figures, worked out from the fold's closed form (dataflow.Timer.Window)
// with cycle 0 at the fold's start: the filter tile is preloaded in cycles
// 0 … R+C−2 = 62, the ifmap streams from R = 32 to R+T+R−2 = 126, outputs
// leave from 2R−1 = 63 to the fold's last cycle 2R+C+T−3 = 157 (Total
// Cycles); the array reads P·K = 2048 ifmap and K·N = 1024 filter bytes
// and writes P·N = 2048 outputs. DRAM moves each tensor once (2048, 1024
// and 2048 bytes): the loads end by the cycle each operand is first needed
// and the store starts after the last output, never faster than the
// config's Bandwidth of 10 bytes per cycle.
func TestSimulatedAccessReports(t *testing.T) {
	topo := filepath.Join(t.TempDir(), "one.csv")
	require.NoError(t, os.WriteFile(topo, []byte("Layer,M,N,K,\nfc,64,32,32,\n"), 0o644))
	// The traffic objective keeps the layer whole (one tile); the default
	// EDP objective may cut it to overlap its loads with the folds, which
	// these hand-worked windows do not describe.
	dir := runSCALESim(t, scaleSimRun{cfg: "user_bw10_32x32_ws.cfg", topology: topo, gemm: true}, "--tile-objective", "traffic")
	rows := reportsRows(t, func(f string) string { return filepath.Join(dir, f) })
	require.Len(t, rows, 1)
	row := rows[0]
	want := map[string]string{
		"Total Cycles":            "157",
		"SRAM Filter Start Cycle": "0.0", "SRAM Filter Stop Cycle": "62.0", "SRAM Filter Reads": "1024",
		"SRAM IFMAP Start Cycle": "32.0", "SRAM IFMAP Stop Cycle": "126.0", "SRAM IFMAP Reads": "2048",
		"SRAM OFMAP Start Cycle": "63.0", "SRAM OFMAP Stop Cycle": "157.0", "SRAM OFMAP Writes": "2048",
		"DRAM IFMAP Reads": "2048", "DRAM Filter Reads": "1024", "DRAM OFMAP Writes": "2048",
		"Avg IFMAP SRAM BW": ftoa(2048.0 / 157), "Avg FILTER SRAM BW": ftoa(1024.0 / 157),
	}
	for col, w := range want {
		require.Equal(t, w, row[col], col)
	}
	require.LessOrEqual(t, parseFloat(t, row["DRAM IFMAP Stop Cycle"]), 32.0, "the ifmap is in before the stream")
	require.LessOrEqual(t, parseFloat(t, row["DRAM Filter Stop Cycle"]), 0.0, "the filter is in before the preload")
	require.Greater(t, parseFloat(t, row["DRAM OFMAP Start Cycle"]), 157.0, "stored after the last output")
	for _, op := range []string{"IFMAP", "FILTER", "OFMAP"} {
		require.LessOrEqual(t, parseFloat(t, row["Avg "+op+" DRAM BW"]), 10.0, op)
		require.Positive(t, parseFloat(t, row["Avg "+op+" DRAM BW"]), op)
	}
}

// A SCALE-Sim v3 config with v3's features off runs as the v2 config with
// the same settings (examples/scalesim/scale.cfg: 32×32 OS, 64 KiB
// buffers, CALC): the same three reports.
func TestV3ConfigRunsAsItsV2Twin(t *testing.T) {
	topo := "tiny_mnk.csv"
	v2, err := filepath.Abs(filepath.Join("..", "..", "examples", "scalesim", "scale.cfg"))
	require.NoError(t, err)
	v3dir := runSCALESim(t, scaleSimRun{cfg: "v3_scale_32x32_os.cfg", topology: topo, gemm: true})
	v2dir := runSCALESim(t, scaleSimRun{cfg: v2, topology: topo, gemm: true})
	for _, f := range scaleSimReports {
		require.Equal(t, fileText(t, filepath.Join(v2dir, f)), fileText(t, filepath.Join(v3dir, f)), f)
	}
}
