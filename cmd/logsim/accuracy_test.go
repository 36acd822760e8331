package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/logsim/logsim/workloads/onnx/onnxpb"
)

const (
	mnistModel = "../../examples/mnist/mnist_cnn.onnx"
	mnistData  = "../../examples/mnist/mnist10k.bin.gz"
)

// few keeps the CLI tests quick: 300 calibration and 300 held-out digits.
var few = []string{"--calibration", "300", "--accuracy-limit", "300"}

// TestAccuracyCommand scores one spec with a per-layer override, and the
// table's CSV has a row per cell.
func TestAccuracyCommand(t *testing.T) {
	status, out, stderr := runCLI(t, append([]string{"accuracy", "--model", mnistModel, "--data", mnistData,
		"--pe", "shift:a8w4", "--layer-pe", "conv1=mult:a8w8"}, few...)...)
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, out, "| float64 reference |")
	require.Contains(t, out, "| conv1 | mult:a8w8 |")
	require.Contains(t, out, "| conv2 | shift:a8w4 |")

	status, _, stderr = runCLI(t, "accuracy", "--model", mnistModel, "--data", mnistData, "--layer-pe", "conv7=mult:a8w8")
	require.Equal(t, exitUsage, status)
	require.Contains(t, stderr, `no array layer "conv7" (did you mean "conv1"?)`)
}

// TestRunModelErrors: a malformed or unsupported ONNX file is one line on
// stderr, exit 2, naming the node and the operator.
func TestRunModelErrors(t *testing.T) {
	data, err := os.ReadFile(mnistModel)
	require.NoError(t, err)
	var mp onnxpb.ModelProto
	require.NoError(t, proto.Unmarshal(data, &mp))
	mp.Graph.Node[1].OpType = proto.String("Softmax")
	bad, err := proto.Marshal(&mp)
	require.NoError(t, err)
	dir := t.TempDir()
	unsupported, junk := filepath.Join(dir, "unsupported.onnx"), filepath.Join(dir, "junk.onnx")
	require.NoError(t, os.WriteFile(unsupported, bad, 0o644))
	require.NoError(t, os.WriteFile(junk, []byte("garbage"), 0o644))
	for file, want := range map[string]string{
		unsupported: `node "/relu/Relu" (Softmax): unsupported operator Softmax`,
		junk:        "not a valid ONNX model",
	} {
		status, _, stderr := runCLI(t, "run", "--model", file, "--quiet")
		require.Equal(t, exitUsage, status)
		require.Contains(t, stderr, want)
		require.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
	}
	status, _, stderr := runCLI(t, "run", "--model", mnistModel, "--accuracy")
	require.Equal(t, exitUsage, status)
	require.Contains(t, stderr, "--accuracy needs --data")
}

// TestRunModelAccuracyAndRealNumerics: run --model with --accuracy prints
// the top-1 line and writes it to logsim_network.csv; --numerics-data
// measures SQNR on operands captured from the network.
func TestRunModelAccuracyAndRealNumerics(t *testing.T) {
	out := t.TempDir()
	status, stdout, stderr := runCLI(t, append([]string{"run", "--model", mnistModel, "--pe", "shift:a8w4", "--quiet",
		"--accuracy", "--data", mnistData, "--numerics", "--numerics-data", mnistData, "--numerics-images", "2",
		"--out", out, "--run-name", "m"}, few...)...)
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, stdout, "Numerics: lowest per-layer SQNR")
	require.Contains(t, stdout, "(real data)")
	require.Contains(t, stdout, "Accuracy: top-1")
	rows := readCSVFields(t, filepath.Join(out, "m", "logsim_network.csv"))
	col := map[string]string{}
	for i, name := range rows[0] {
		col[name] = rows[1][i]
	}
	require.NotEmpty(t, col["top1_pct"])
	require.Equal(t, "real", col["numerics_data"])
}

// TestCompareIsoTop1: --iso-top1-drop gives each design a width and says
// so; the top-1 row is in the table.
func TestCompareIsoTop1(t *testing.T) {
	status, out, stderr := runCLI(t, append([]string{"compare", "--model", mnistModel, "--data", mnistData,
		"--pe", "mult:a8w8", "--pe", "shift:a8w4", "--iso-top1-drop", "2.5"}, few...)...)
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, out, "iso-top1: ")
	require.Contains(t, out, "top-1 % [95 % interval]")
}

// TestSweepModelAccuracy: a sweep spec's {model: F} network and
// --accuracy give every row its top-1, the same for any worker count; the
// spec's accuracy: section does the same (sim/sweep's tests).
func TestSweepModelAccuracy(t *testing.T) {
	model, err := filepath.Abs(mnistModel)
	require.NoError(t, err)
	data, err := filepath.Abs(mnistData)
	require.NoError(t, err)
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	require.NoError(t, os.WriteFile(spec, []byte(`networks:
  - {model: `+model+`}
axes:
  pe: [mult:a8w8, shift:a8w4]
`), 0o644))
	var outs []string
	for _, w := range []string{"1", "2"} {
		out := filepath.Join(dir, "sweep"+w+".csv")
		status, _, stderr := runCLI(t, "sweep", spec, "--out", out, "--workers", w, "--quiet",
			"--accuracy", "--data", data, "--calibration", "200", "--accuracy-limit", "200")
		require.Equal(t, exitOK, status, stderr)
		rows := readCSVFields(t, out)
		require.Len(t, rows, 3)
		top1 := -1
		for i, name := range rows[0] {
			if name == "top1_pct" {
				top1 = i
			}
		}
		require.NotEqual(t, -1, top1)
		require.NotEmpty(t, rows[1][top1])
		require.NotEmpty(t, rows[2][top1])
		outs = append(outs, fileText(t, out))
	}
	require.Equal(t, outs[0], outs[1])
}

// TestAccuracyTable: --table writes a row per cell, with the paired test
// against linear on the log rows only.
func TestAccuracyTable(t *testing.T) {
	out := filepath.Join(t.TempDir(), "table.csv")
	status, stdout, stderr := runCLI(t, "accuracy", "--model", mnistModel, "--data", mnistData, "--table", "--csv", out,
		"--calibration", "50", "--accuracy-limit", "50")
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, stdout, "| bits | W linear | W log2 | W log√2 | W+A linear | W+A log2 | W+A log√2 |")
	rows := readCSVFields(t, out)
	require.Len(t, rows, 43)
	for _, r := range rows[1:] {
		require.Equal(t, r[1] == "linear", r[10] == "", "%v", r)
	}
}
