package sweep

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/sim"
)

// testEncoder encodes a few columns, enough to see every point's result.
func testEncoder() Encoder {
	rows := func(r *sim.NetworkResult) string { return strconv.Itoa(r.Design.Point().Array.Rows) }
	return Encoder{
		NetColumns:   []string{"point_id", "network", "rows", "total_cycles"},
		LayerColumns: []string{"point_id", "layer", "total_cycles"},
		Rows: func(r *sim.NetworkResult) ([]string, [][]string, error) {
			var layers [][]string
			for _, l := range r.Layers {
				layers = append(layers, []string{r.PointID, l.Layer.Name, strconv.FormatInt(l.TotalCycles, 10)})
			}
			return []string{r.PointID, r.Network.Name, rows(r), strconv.FormatInt(r.Totals().TotalCycles, 10)}, layers, nil
		},
		FailedRow: func(r *sim.NetworkResult) []string { return []string{r.PointID, r.Network.Name, rows(r), ""} },
	}
}

func writeWhole(path string, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// testSpec sweeps 12 points of two small networks; the 1-row arrays of
// the tiny network with 1 KiB buffers cannot be tiled and fail.
const testSpec = `
networks: [{file: tiny.yaml}, {file: gemm.csv, format: scalesim-gemm}]
base: {dram: ideal}
axes:
  zip: {rows: [4, 8, 16], cols: [4, 8, 16]}
  pe: [mult:a8w8, shift:a8w4]
`

// outputsIn names the three outputs in dir.
func outputsIn(dir string) Outputs {
	return Outputs{Out: filepath.Join(dir, "s.csv"), Layers: filepath.Join(dir, "l.csv"), JSONL: filepath.Join(dir, "s.jsonl"), WriteFile: writeWhole}
}

func readAll(t *testing.T, out Outputs) []string {
	t.Helper()
	var files []string
	for _, p := range []string{out.Out, out.Layers, out.JSONL} {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		files = append(files, string(b))
	}
	return files
}

func runPlan(t *testing.T, ctx context.Context, p *Plan, out Outputs, opts Options) Summary {
	t.Helper()
	opts.Encoder = testEncoder()
	if opts.Workers == 0 {
		opts.Workers = 2
	}
	sum, err := Run(ctx, p, out, opts)
	require.NoError(t, err)
	return sum
}

func TestRunWritesPointOrderForAnyWorkers(t *testing.T) {
	p := plan(t, testSpec)
	var want []string
	for _, workers := range []int{1, 3} {
		out := outputsIn(t.TempDir())
		sum := runPlan(t, context.Background(), p, out, Options{Workers: workers})
		require.Equal(t, Summary{Points: 12, Ran: 12}, sum)
		got := readAll(t, out)
		if want == nil {
			want = got
		}
		require.Equal(t, want, got, "workers %d", workers)
		require.NoFileExists(t, JournalPath(out.Out))
	}
	require.Contains(t, want[0], "point_id,network,rows,total_cycles,error\n"+p.Jobs[0].PointID+",tiny,4,")
	require.Contains(t, want[2], `{"point_id":"`+p.Jobs[1].PointID+`","network":"gemm","rows":"4","total_cycles":"`)
}

// A cancelled sweep keeps its journal; a torn last line (a crash in the
// middle of a write) is cut off on --resume, and the resumed sweep writes
// what an uninterrupted one does.
func TestRunResumesAfterAnInterruptionAndATornLine(t *testing.T) {
	p := plan(t, testSpec)
	ref := outputsIn(t.TempDir())
	runPlan(t, context.Background(), p, ref, Options{})

	out := outputsIn(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	sum := runPlan(t, ctx, p, out, Options{Workers: 1, Progress: func(done, _ int) {
		if done == 5 {
			cancel()
		}
	}})
	require.True(t, sum.Interrupted)
	require.True(t, sum.Ran >= 5 && sum.Ran < 12, "the point in flight may finish: %d", sum.Ran)
	ran := sum.Ran
	require.NoFileExists(t, out.Out)
	journal, err := os.ReadFile(JournalPath(out.Out))
	require.NoError(t, err)
	lines := bytes.SplitAfter(journal, []byte("\n"))
	torn := append(journal, lines[2][:len(lines[2])/2]...)
	require.NoError(t, os.WriteFile(JournalPath(out.Out), torn, 0o644))

	_, err = Run(context.Background(), p, out, Options{Workers: 2, Encoder: testEncoder()})
	var bad *BadInput
	require.True(t, errors.As(err, &bad), "a journal is never overwritten without --resume: %v", err)
	require.ErrorContains(t, err, "s.csv.journal exists: a sweep into the same output was interrupted; add --resume")

	sum = runPlan(t, context.Background(), p, out, Options{Resume: true})
	require.Equal(t, Summary{Points: 12, Resumed: ran, Ran: 12 - ran}, sum)
	require.Equal(t, readAll(t, ref), readAll(t, out))
	require.NoFileExists(t, JournalPath(out.Out))
}

func TestResumeRefusesAnotherSweepsJournal(t *testing.T) {
	out := outputsIn(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sum := runPlan(t, ctx, plan(t, testSpec), out, Options{})
	require.True(t, sum.Interrupted)
	_, err := Run(context.Background(), plan(t, "networks: [{file: tiny.yaml}]\nbase: {dram: ideal}"), out,
		Options{Resume: true, Workers: 1, Encoder: testEncoder()})
	require.ErrorContains(t, err, "s.csv.journal was written by another sweep (its 12 points are not this sweep's 1: another spec, network or design)")
}

// A point that is valid but fails on its workload (AlexNet's 11×11
// convolution cannot be tiled into 1 KiB buffers) is a row with its error
// and no layers; the sweep goes on.
func TestFailedPointIsARowWithItsError(t *testing.T) {
	p := plan(t, "networks: [alexnet, {file: tiny.yaml}]\nbase: {dram: ideal, ifmap_kib: 1, filter_kib: 1, ofmap_kib: 1}")
	out := outputsIn(t.TempDir())
	sum := runPlan(t, context.Background(), p, out, Options{})
	require.Equal(t, Summary{Points: 2, Ran: 2, Failed: 1}, sum)
	files := readAll(t, out)
	require.Contains(t, files[0], "\n"+p.Jobs[0].PointID+`,alexnet,32,,"layer ""conv1"": no tile fits half of the buffers`)
	require.NotContains(t, files[1], p.Jobs[0].PointID)
	require.Contains(t, files[1], p.Jobs[1].PointID)
}

// An auto sweep runs every point at the analytic level and its sample
// with the event simulation too; with ideal DRAM the two agree exactly, so
// the summary's error is zero, and the rows equal an event sweep's.
func TestAutoSweepChecksItsSample(t *testing.T) {
	spec := testSpec + "fidelity: {level: auto, sample: 3}\n"
	sum := runPlan(t, context.Background(), plan(t, spec), outputsIn(t.TempDir()), Options{})
	require.Equal(t, 3, sum.Checked)
	require.Zero(t, sum.MaxErrPct)
	require.Zero(t, sum.MeanAbsErrPct)

	auto, event := outputsIn(t.TempDir()), outputsIn(t.TempDir())
	runPlan(t, context.Background(), plan(t, spec), auto, Options{})
	runPlan(t, context.Background(), plan(t, testSpec), event, Options{})
	require.Equal(t, readAll(t, event), readAll(t, auto))
}
