package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const tinyTopology = "testdata/scalesim/conv_nets__test.csv"

// TestOutputPathsAreSafe: run names stay inside --out, targets that are
// not regular files are never replaced, and an unusable --out fails before
// anything is simulated.
func TestOutputPathsAreSafe(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "escape.cfg")
	text := strings.Replace(fileText(t, "testdata/scalesim/scale_4x4_os.cfg"), "[general]", "[general]\nrun_name = ../../x", 1)
	text = strings.Replace(text, "run_name = ../../x\nrun_name", "run_name = ../../x\nignored", 1)
	require.NoError(t, os.WriteFile(cfg, []byte(text), 0o644))
	notDir := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(notDir, []byte("x"), 0o644))
	cases := []struct {
		name   string
		args   []string
		status int
		want   string
	}{
		{"run name ..", []string{"--out", dir, "--run-name", ".."}, exitUsage, "must be one folder name"},
		{"run name with separator", []string{"--out", dir, "--run-name", "a/b"}, exitUsage, "must be one folder name"},
		{"absolute run name", []string{"--out", dir, "--run-name", "/tmp/x"}, exitUsage, "must be one folder name"},
		{"trace onto /dev/null", []string{"--trace", "/dev/null"}, exitUsage, "--trace: /dev/null exists and is not a regular file"},
		{"trace onto a folder", []string{"--trace", dir}, exitUsage, "is not a regular file"},
		{"--out is a file", []string{"--out", notDir}, exitFailure, "--out: "},
		{"--out under a file", []string{"--out", filepath.Join(notDir, "sub")}, exitFailure, "--out: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"run", "--quiet", "--topology", tinyTopology}, c.args...)
			status, _, stderr := runCLI(t, args...)
			require.Equal(t, c.status, status, stderr)
			require.Contains(t, stderr, c.want)
			require.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
		})
	}
	st, err := os.Stat("/dev/null")
	require.NoError(t, err)
	require.Equal(t, os.ModeCharDevice, st.Mode().Type()&os.ModeCharDevice, "/dev/null is still a device")
}

// TestConfigRunNameStaysInsideOut: a SCALE-Sim config's run_name of
// ../../x is refused like --run-name.
func TestConfigRunNameStaysInsideOut(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "escape.cfg")
	lines := strings.Split(fileText(t, "testdata/scalesim/scale_4x4_os.cfg"), "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(l)), "run_name") {
			lines[i] = "run_name = ../../x"
		}
	}
	require.NoError(t, os.WriteFile(cfg, []byte(strings.Join(lines, "\n")), 0o644))
	status, _, stderr := runCLI(t, "run", "--quiet", "--config", cfg, "--topology", tinyTopology, "--out", filepath.Join(dir, "out"))
	require.Equal(t, exitUsage, status, stderr)
	require.Contains(t, stderr, `run name "../../x": must be one folder name`)
}

// TestRunFolderIsCommittedWhole: the five files appear together with the
// umask's mode, nothing temporary is left, and --force replaces the run
// while keeping other files of its folder.
func TestRunFolderIsCommittedWhole(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	out := t.TempDir()
	run := filepath.Join(out, "r")
	args := []string{"run", "--quiet", "--topology", tinyTopology, "--out", out, "--run-name", "r"}
	status, _, stderr := runCLI(t, args...)
	require.Equal(t, exitOK, status, stderr)
	for _, f := range runOutputs {
		st, err := os.Stat(filepath.Join(run, f))
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o644), st.Mode().Perm(), f)
	}
	require.NoError(t, os.WriteFile(filepath.Join(run, "notes.txt"), []byte("mine"), 0o644))
	status, _, stderr = runCLI(t, args...)
	require.Equal(t, exitUsage, status)
	require.Contains(t, stderr, "already exists; give another --run-name or --force")
	trace := filepath.Join(run, "trace.csv")
	status, _, stderr = runCLI(t, append(args, "--force", "--trace", trace)...)
	require.Equal(t, exitOK, status, stderr)
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the run folder: no temporary folder left")
	names, err := os.ReadDir(run)
	require.NoError(t, err)
	require.Len(t, names, len(runOutputs)+2, "the five files, notes.txt and the trace")
	st, err := os.Stat(trace)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o644), st.Mode().Perm(), "the trace follows the umask too")
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestExitStatuses: 0 success, 1 a failure after starting (here stdout
// cannot be written), 2 bad input.
func TestExitStatuses(t *testing.T) {
	var errb strings.Builder
	require.Equal(t, exitOK, run([]string{"version"}, &strings.Builder{}, &errb))
	errb.Reset()
	require.Equal(t, exitFailure, run([]string{"version"}, brokenWriter{}, &errb))
	require.Equal(t, "logsim: writing to stdout: broken pipe\n", errb.String())
	errb.Reset()
	require.Equal(t, exitFailure, run([]string{"run", "--topology", tinyTopology}, brokenWriter{}, &errb))
	require.Contains(t, errb.String(), "broken pipe")
	errb.Reset()
	require.Equal(t, exitUsage, run([]string{"run", "--rows", "0"}, &strings.Builder{}, &errb))
}

// TestInternalErrorIsOneLine: a panic (here: stdout is a nil writer) is
// status 3 and one line; with -v the Go stack follows.
func TestInternalErrorIsOneLine(t *testing.T) {
	var errb strings.Builder
	require.Equal(t, exitInternal, run([]string{"version"}, nil, &errb))
	require.True(t, strings.HasPrefix(errb.String(), "logsim: internal error: "), errb.String())
	require.Equal(t, 1, strings.Count(errb.String(), "\n"), errb.String())

	errb.Reset()
	require.Equal(t, exitInternal, run([]string{"run", "-v", "--quiet", "--topology", tinyTopology}, nil, &errb))
	require.Contains(t, errb.String(), "logsim: internal error: ")
	require.Contains(t, errb.String(), "runtime/debug.Stack", "the stack follows with -v")
}

// TestInterruptRemovesTemporaryFiles: SIGINT or SIGTERM during a run that
// writes a trace ends it with 128 + the signal and leaves no temporary
// file (and no trace) behind.
func TestInterruptRemovesTemporaryFiles(t *testing.T) {
	bin := logsimBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		cmd := exec.Command(bin, "run", "--quiet", "--network", "vgg16", "--trace", filepath.Join(dir, "trace.csv"))
		cmd.Env = cleanEnv()
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())
		deadline := time.Now().Add(30 * time.Second)
		for {
			entries, _ := os.ReadDir(dir)
			if len(entries) > 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		require.NoError(t, cmd.Process.Signal(sig))
		_ = cmd.Wait()
		require.Equal(t, 128+int(sig), cmd.ProcessState.ExitCode(), stderr.String())
		require.Contains(t, stderr.String(), "temporary files removed")
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Empty(t, entries, "%v: nothing left", sig)
	}
}

// TestSCALESimConfigsRunWithOneWarning: SCALE-Sim's own v3 config, full of
// keys logsim does not use, runs, and says so in one warning line.
func TestSCALESimConfigsRunWithOneWarning(t *testing.T) {
	status, _, stderr := runCLI(t, "run", "--quiet", "--config", "testdata/scalesim/v3_scale_32x32_os.cfg", "--topology", tinyTopology)
	require.Equal(t, exitOK, status, stderr)
	require.Equal(t, 1, strings.Count(stderr, "logsim: warning: "), stderr)
	require.Contains(t, stderr, "v3_scale_32x32_os.cfg: SCALE-Sim keys logsim does not use, ignored: IfmapOffset, FilterOffset, OfmapOffset, Bandwidth, MemoryBanks, ReadRequestBuffer, WriteRequestBuffer")
	// logsim accuracy reads a design point too, and says the same.
	status, _, stderr = runCLI(t, append([]string{"accuracy", "--model", mnistModel, "--data", mnistData,
		"--config", "testdata/scalesim/v3_scale_32x32_os.cfg"}, few...)...)
	require.Equal(t, exitOK, status, stderr)
	require.Equal(t, 1, strings.Count(stderr, "logsim: warning: "), stderr)
}
