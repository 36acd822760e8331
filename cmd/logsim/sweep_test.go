package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/sim/sweep"
	"github.com/logsim/logsim/workloads"
)

var (
	sweepSpec = filepath.Join("testdata", "sweep", "spec.yaml")
	failSpec  = filepath.Join("testdata", "sweep", "fail.yaml")
	slowSpec  = filepath.Join("testdata", "sweep", "slow.yaml")
)

// sweepFiles names a sweep's three outputs in dir.
type sweepFiles struct{ csv, layers, jsonl string }

func filesIn(dir string) sweepFiles {
	return sweepFiles{filepath.Join(dir, "sweep.csv"), filepath.Join(dir, "layers.csv"), filepath.Join(dir, "sweep.jsonl")}
}

func (f sweepFiles) flags() []string {
	return []string{"--out", f.csv, "--layers", f.layers, "--jsonl", f.jsonl}
}

// read returns the three files' contents.
func (f sweepFiles) read(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, p := range []string{f.csv, f.layers, f.jsonl} {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		out = append(out, string(b))
	}
	return out
}

// sweepInto runs "logsim sweep spec" into dir with extra flags and
// requires the status.
func sweepInto(t *testing.T, spec, dir string, status int, extra ...string) sweepFiles {
	t.Helper()
	f := filesIn(dir)
	got, _, stderr := runCLI(t, append(append([]string{"sweep", spec, "--quiet"}, f.flags()...), extra...)...)
	require.Equal(t, status, got, stderr)
	return f
}

// The outputs are byte-identical for any number of workers.
func TestSweepFilesAreTheSameForAnyWorkers(t *testing.T) {
	var want []string
	for _, workers := range []string{"1", "2", "4"} {
		got := sweepInto(t, sweepSpec, t.TempDir(), exitOK, "--workers", workers).read(t)
		if want == nil {
			want = got
		}
		requireSameFiles(t, want, got, "--workers "+workers)
	}
	require.Equal(t, 25, strings.Count(want[0], "\n"), "header and 24 points")
	require.Equal(t, 24, strings.Count(want[2], "\n"))
}

// A sweep's row and layer rows are what "logsim run" writes for the same
// point (with an empty error), its headers the columns results.Schemas
// documents.
func TestSweepRowsAreRunsRows(t *testing.T) {
	f := sweepInto(t, sweepSpec, t.TempDir(), exitOK)
	require.Equal(t, schemaColumns(t, "SWEEP.csv"), readCSV(t, f.csv)[0])
	require.Equal(t, schemaColumns(t, "SWEEP_layers.csv"), readCSV(t, f.layers)[0])
	require.Equal(t, schemaColumns(t, "SWEEP.jsonl"), readCSV(t, f.csv)[0])

	d := design.Default() // the spec's first point: tiny net, mult:a8w8, 8×8, 16 KiB
	d.Array.Rows, d.Array.Cols, d.IfmapKiB = 8, 8, 16
	d.DRAM.Model, d.DRAM.BandwidthGBps = "bandwidth", 6.4
	net, err := workloads.LoadFile(filepath.Join("testdata", "sweep", "tiny-net.yaml"), workloads.FormatAuto)
	require.NoError(t, err)
	res, err := sim.Run(net, design.MustResolve(d), sim.RunOptions{})
	require.NoError(t, err)
	var netCSV, layerCSV bytes.Buffer
	require.NoError(t, results.WriteNetworkCSV(&netCSV, res))
	require.NoError(t, results.WriteLayerCSV(&layerCSV, res))
	runRow := strings.SplitN(netCSV.String(), "\n", 3)[1]
	require.Equal(t, runRow+",", strings.SplitN(fileText(t, f.csv), "\n", 3)[1])
	require.Contains(t, fileText(t, f.layers), "\n"+strings.SplitN(layerCSV.String(), "\n", 2)[1])
}

func fileText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

// schemaColumns are the columns results.Schemas documents for file.
func schemaColumns(t *testing.T, file string) []string {
	t.Helper()
	for _, s := range results.Schemas() {
		if strings.HasPrefix(s.File, file+" ") || s.File == file {
			var names []string
			for _, c := range s.Columns {
				names = append(names, c.Name)
			}
			return names
		}
	}
	t.Fatalf("results.Schemas has no %s", file)
	return nil
}

// Bad input is one line on stderr and status 2, before anything runs.
func TestSweepBadInputIsOneLineAndStatus2(t *testing.T) {
	dir := t.TempDir()
	spec := func(name, text string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		return path
	}
	out := filepath.Join(dir, "out.csv")
	unknownKey := spec("unknown.yaml", "networks: [alexnet]\naxes:\n  pe: [mult:a8w8]\n  dataflw: [ws]\n")
	badValue := spec("value.yaml", "networks: [alexnet]\naxes:\n  rows: [16, -4]\n")
	unequalZip := spec("zip.yaml", "networks: [alexnet]\naxes:\n  zip:\n    rows: [16, 32]\n    cols: [16]\n")
	noNetwork := spec("network.yaml", "networks:\n  - alexnet\n  - {file: nets/missing.csv}\n")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{unknownKey, "--out", out}, unknownKey + `:4: unknown key "dataflw" in axes (did you mean "dataflow"?)`},
		{[]string{badValue, "--out", out}, badValue + ":3: axis rows = -4: design point: rows, cols: array must be at least 1×1"},
		{[]string{unequalZip, "--out", out}, unequalZip + ":5: zip axis cols: 1 values, but rows has 2"},
		{[]string{noNetwork, "--out", out}, noNetwork + ":3: network " + filepath.Join(dir, "nets", "missing.csv") + ": reading network file"},
		{[]string{filepath.Join(dir, "nope.yaml"), "--out", out}, "sweep spec: open"},
		{[]string{sweepSpec}, "--out FILE is required"},
		{[]string{sweepSpec, "--out", out, "--workers", "0"}, "--workers must be at least 1"},
		{[]string{sweepSpec, "--out", out, "--shard", "3/2"}, `shard "3/2": want i/n with 1 ≤ i ≤ n`},
		{[]string{sweepSpec, "--out", out, "--shard", "auto"}, "--shard auto: neither SLURM_ARRAY_TASK_ID"},
		{[]string{sweepSpec, "--out", out, "--shards", "4"}, "--shards is read only with --shard auto"},
		{[]string{sweepSpec, "--out", out, "--shard", "1/2", "--layers", out + ".l"}, "a shard writes one file (--out)"},
		{[]string{sweepSpec, "--out", out, "--layers", out}, "must be different files"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			status, stdout, stderr := runCLI(t, append([]string{"sweep"}, tc.args...)...)
			require.Equal(t, exitUsage, status, stderr)
			require.Empty(t, stdout)
			require.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %s", stderr)
			require.Contains(t, stderr, tc.want)
			require.NoFileExists(t, out)
			require.NoFileExists(t, sweep.JournalPath(out))
		})
	}
}

// A point that fails on its workload is a row with the error and the
// identifying columns only; the others run; the status is 1.
func TestSweepFailedPointIsRecordedAndStatus1(t *testing.T) {
	dir := t.TempDir()
	f := filesIn(dir)
	status, _, stderr := runCLI(t, append([]string{"sweep", failSpec, "--quiet"}, f.flags()...)...)
	require.Equal(t, exitFailure, status)
	require.Equal(t, "logsim: 1 of 2 points failed: see the error column of "+f.csv+"\n", stderr)
	rows := readCSV(t, f.csv)
	header, failed, ran := rows[0], rows[1], rows[2]
	require.Equal(t, "alexnet", failed[slices.Index(header, "network")])
	require.Contains(t, failed[len(failed)-1], `layer "conv1": no tile fits half of the buffers`)
	require.Empty(t, ran[len(ran)-1])
	for i, name := range header {
		switch name {
		case "logsim_version", "point_id", "network", "network_source", "batch", "rows", "ifmap_kib", "dram", "dram_peak_gbps", "off_array_layers":
			require.NotEmpty(t, failed[i], name)
		case "total_cycles", "energy_total_uj", "macs", "array_layers":
			require.Empty(t, failed[i], name)
		}
	}
	require.NotContains(t, fileText(t, f.layers), failed[1])
}

// Shards run apart and merged are the files one run writes; a missing or
// repeated shard is an error naming the points.
func TestSweepShardsMergeIntoOneRunsFiles(t *testing.T) {
	want := sweepInto(t, sweepSpec, t.TempDir(), exitOK).read(t)
	dir := t.TempDir()
	var shards []string
	for i := 1; i <= 3; i++ {
		shards = append(shards, filepath.Join(dir, fmt.Sprintf("shard%d.jsonl", i)))
		status, _, stderr := runCLI(t, "sweep", sweepSpec, "--quiet", "--shard", fmt.Sprintf("%d/3", i), "--out", shards[i-1])
		require.Equal(t, exitOK, status, stderr)
	}
	merged := filesIn(t.TempDir())
	status, _, stderr := runCLI(t, append([]string{"merge", merged.csv, shards[2], shards[1], shards[0], "--quiet"}, merged.flags()[2:]...)...)
	require.Equal(t, exitOK, status, stderr)
	requireSameFiles(t, want, merged.read(t), "merged")

	status, _, stderr = runCLI(t, "merge", filepath.Join(dir, "m.csv"), shards[0], shards[1])
	require.Equal(t, exitUsage, status)
	require.Regexp(t, `^logsim: points in no input: [0-9a-f]{16} \(shard 3/3\), .* \(8 in all\): run those shards and merge again\n$`, stderr)
	status, _, stderr = runCLI(t, "merge", filepath.Join(dir, "m.csv"), shards[0], shards[1], shards[2], shards[1])
	require.Equal(t, exitUsage, status)
	require.Contains(t, stderr, "points in more than one input: ")
	require.NoFileExists(t, filepath.Join(dir, "m.csv"))
}

// An existing journal is never overwritten or ignored: without --resume
// it is an error.
func TestSweepRefusesAJournalWithoutResume(t *testing.T) {
	dir := t.TempDir()
	f := filesIn(dir)
	require.NoError(t, os.WriteFile(sweep.JournalPath(f.csv), []byte("{}\n"), 0o644))
	status, _, stderr := runCLI(t, "sweep", sweepSpec, "--out", f.csv)
	require.Equal(t, exitUsage, status)
	require.Contains(t, stderr, "sweep.csv.journal exists: a sweep into the same output was interrupted; add --resume")
	status, _, stderr = runCLI(t, "sweep", sweepSpec, "--out", f.csv, "--resume")
	require.Equal(t, exitUsage, status)
	require.Contains(t, stderr, "sweep.csv.journal:1: not a logsim sweep journal or shard file")
}

// A sweep killed with SIGKILL at random points (the journal holding k
// points, or after a random delay), then resumed, writes the files of an
// uninterrupted sweep; an interrupt (SIGINT) stops it cleanly with status
// 1 and a message saying how to resume.
func TestSweepResumesAfterSIGKILL(t *testing.T) {
	bin := logsimBinary(t)
	want := sweepInto(t, slowSpec, t.TempDir(), exitOK).read(t)
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	f := filesIn(t.TempDir())
	journal := sweep.JournalPath(f.csv)
	for round, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL, syscall.SIGKILL, syscall.SIGKILL} {
		cmd := exec.Command(bin, append([]string{"sweep", slowSpec, "--resume", "--workers", "2"}, f.flags()...)...)
		cmd.Env = cleanEnv()
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		if round%2 == 0 {
			k := journalLines(journal) + 1 + rng.IntN(2)
			waitFor(t, exited, func() bool { return journalLines(journal) >= k })
		} else {
			time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
		}
		require.NoError(t, cmd.Process.Signal(sig))
		err := <-exited
		t.Logf("round %d: %v after %d journal lines: %v", round, sig, journalLines(journal), err)
		if sig == syscall.SIGINT && err != nil {
			require.Contains(t, stderr.String(), "run the same command with --resume to finish the sweep", stderr.String())
			require.Equal(t, exitFailure, cmd.ProcessState.ExitCode())
		}
	}
	status, _, stderr := runCLI(t, append([]string{"sweep", slowSpec, "--quiet", "--resume"}, f.flags()...)...)
	require.Equal(t, exitOK, status, stderr)
	requireSameFiles(t, want, f.read(t), "resumed")
	require.NoFileExists(t, journal)
}

// requireSameFiles requires files with the same contents, naming the
// first line that differs rather than printing them whole.
func requireSameFiles(t *testing.T, want, got []string, what string) {
	t.Helper()
	require.Len(t, got, len(want), what)
	for i := range want {
		if want[i] == got[i] {
			continue
		}
		w, g := strings.Split(want[i], "\n"), strings.Split(got[i], "\n")
		for l := 0; l < min(len(w), len(g)); l++ {
			require.Equal(t, w[l], g[l], "%s: file %d, line %d", what, i, l+1)
		}
		require.Len(t, g, len(w), "%s: file %d: lines", what, i)
	}
}

// journalLines counts the journal's whole lines (0 when there is none).
func journalLines(path string) int {
	b, _ := os.ReadFile(path)
	return bytes.Count(b, []byte("\n"))
}

// waitFor polls cond until it holds or the child exits.
func waitFor(t *testing.T, exited chan error, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		select {
		case err := <-exited:
			exited <- err // the sweep finished first: the kill finds it done
			return
		default:
		}
		require.True(t, time.Now().Before(deadline), "the sweep made no progress in 30 s")
		time.Sleep(2 * time.Millisecond)
	}
}

// On a stderr that is not a terminal, progress is plain lines: the points
// to run, then (every 10 s and) at the end the count, rate and ETA.
func TestSweepProgressIsPlainLinesOffATerminal(t *testing.T) {
	f := filesIn(t.TempDir())
	status, _, stderr := runCLI(t, "sweep", sweepSpec, "--out", f.csv, "--workers", "2")
	require.Equal(t, exitOK, status, stderr)
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	require.Len(t, lines, 3, stderr)
	require.Equal(t, "logsim: sweep: 24 points to run", lines[0])
	require.Regexp(t, `^logsim: sweep: 24/24 points \(100 %\), [0-9.e+]+ points/s, ETA 0s$`, lines[1])
	require.Regexp(t, `^logsim: sweep: wrote .*sweep.csv: 24 points \(24 run, 0 resumed, 0 failed\) in `, lines[2])
}

// A numerics: section measures every point's SQNR, with logsim run
// --numerics's defaults for what it leaves out.
func TestSweepMeasuresNumerics(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "n.yaml")
	net, err := filepath.Abs(filepath.Join("testdata", "sweep", "tiny-net.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(spec, []byte("networks: [{file: "+net+"}]\nbase: {dram: ideal}\n"+
		"axes:\n  pe: [mult:a8w8, logboth:a4w4]\nnumerics: {samples: 64, weights: laplacian}\n"), 0o644))
	f := sweepInto(t, spec, dir, exitOK)
	rows := readCSV(t, f.csv)
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, r := range rows[1:] {
		require.Equal(t, "synthetic", r[col["numerics_data"]])
		require.NotEmpty(t, r[col["sqnr_min_db"]])
	}
	require.NotEqual(t, rows[1][col["sqnr_min_db"]], rows[2][col["sqnr_min_db"]])
}

// Every DRAM model (the Akita one included) gives byte-identical sweep
// files at 1 and 8 workers: nothing a point computes depends on which
// goroutine runs it or on what runs beside it.
func TestEveryDRAMModelIsDeterministicAcrossWorkers(t *testing.T) {
	spec := filepath.Join("testdata", "sweep", "dram_models.yaml")
	one := sweepInto(t, spec, t.TempDir(), exitOK, "--workers", "1").read(t)
	eight := sweepInto(t, spec, t.TempDir(), exitOK, "--workers", "8").read(t)
	requireSameFiles(t, one, eight, "--workers 8")
	require.Equal(t, 1+4*2, strings.Count(one[0], "\n"), "header and 4 DRAM models × 2 PEs")
	for _, model := range []string{",ideal,", ",bandwidth,", ",fast,", ",akita,"} {
		require.Contains(t, one[0], model)
	}
}
