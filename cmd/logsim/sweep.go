package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/sweep"
)

// sweepOptions are the flags of "logsim sweep".
type sweepOptions struct {
	outputs  sweepOutputs
	workers  int
	shard    string
	shards   int
	resume   bool
	quiet    bool
	verbose  bool
	fidelity string
	acc      accuracyFlags
}

// sweepOutputs are the output flags "logsim sweep" and "logsim merge" share.
type sweepOutputs struct {
	out, layers, jsonl string
}

// register adds --layers and --jsonl, and --out unless outUsage is ""
// (merge takes OUT as an argument).
func (o *sweepOutputs) register(cmd *cobra.Command, outUsage string) {
	f := cmd.Flags()
	if outUsage != "" {
		f.StringVar(&o.out, "out", "", outUsage)
	}
	f.StringVar(&o.layers, "layers", "", "also write the per-layer CSV (logsim_layers.csv's columns, joined by point_id) to FILE")
	f.StringVar(&o.jsonl, "jsonl", "", "also write the sweep CSV's rows as JSON Lines to FILE")
}

func (o *sweepOutputs) outputs() sweep.Outputs {
	return sweep.Outputs{Out: o.out, Layers: o.layers, JSONL: o.jsonl, WriteFile: results.WriteFileAtomic}
}

func newSweepCommand() *cobra.Command {
	var o sweepOptions
	cmd := &cobra.Command{
		Use:   "sweep SPEC.yaml",
		Short: "Run every combination of a sweep spec's design axes on its networks",
		Long: `Run a design-space sweep: the spec (YAML) names networks and axes over any
design parameter (keys as in a design file: rows, pe, ifmap_kib, dram, …);
axes combine as a Cartesian product, a zip group moves parameters together.
Every combination is checked before the first simulation. The README and
sim/sweep/doc.go describe the format.

--out FILE gets one CSV row per (design point, network), in the spec's
order, with logsim_network.csv's columns and an error column (set when a
point's run fails; the sweep goes on and exits with status 1). Points run
on --workers goroutines; each finished point is journaled in FILE.journal,
so an interrupted sweep (Ctrl-C, a crash, a lost node) continues with
--resume; the outputs are written at the end, byte-identical whatever the
workers, the order or the interruptions.

--shard i/n runs the points whose index mod n is i−1 (shards numbered from
1) and --out gets a shard file; "logsim merge" joins the shards into the
files one run writes. --shard auto takes i/n from a Slurm array job
(SLURM_ARRAY_TASK_ID, _COUNT, _MIN) or a Kubernetes Indexed Job
(JOB_COMPLETION_INDEX, with --shards N), and fails if neither is set.

--accuracy --data FILE scores every ONNX network of the spec ({model: F})
on FILE's held-out images, as a spec's accuracy: section does: the top1_pct
columns of each point.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.accuracySection(cmd.Flags()); err != nil {
				return err
			}
			return o.run(args[0], cmd.ErrOrStderr())
		},
	}
	o.acc.register(cmd.Flags(), true)
	o.outputs.register(cmd, "sweep CSV to write (required); for a shard, its shard file")
	f := cmd.Flags()
	f.IntVar(&o.workers, "workers", runtime.NumCPU(), "points simulated at once")
	f.StringVar(&o.shard, "shard", "", "run one shard: i/n (1 ≤ i ≤ n), or auto (Slurm array or Kubernetes Indexed Job)")
	f.IntVar(&o.shards, "shards", 0, "with --shard auto in a Kubernetes Indexed Job: the number of shards (the Job's completions)")
	f.BoolVar(&o.resume, "resume", false, "continue the journal of an interrupted sweep into the same --out, if there is one")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress and no summary on stderr")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "debug log of every point on stderr")
	f.StringVar(&o.fidelity, "fidelity", "", "the level every point runs at, overriding the spec's fidelity: (default event): "+
		"event, analytic, or auto (analytic, with a sample also run by the event simulation to report the error: columns event_check_…); "+fidelityUsage)
	return cmd
}

// accuracySection checks the accuracy flags: --accuracy scores every
// ONNX network of the spec on --data, as the spec's accuracy: section
// does; a data flag without it is an error.
func (o *sweepOptions) accuracySection(flags *pflag.FlagSet) error {
	if !o.acc.enabled {
		_, err := o.acc.evaluator(flags, nil, 1)
		return err
	}
	if o.acc.data == "" || o.acc.calibration < 1 || o.acc.limit < 0 {
		return fmt.Errorf("--accuracy needs --data FILE, a positive --calibration and a --accuracy-limit not negative")
	}
	return nil
}

func (o *sweepOptions) run(specPath string, stderr io.Writer) error {
	if o.workers < 1 {
		return fmt.Errorf("--workers must be at least 1, got %d", o.workers)
	}
	shard, err := o.shardOf(os.Getenv)
	if err != nil {
		return err
	}
	spec, err := sweep.Load(specPath)
	if err != nil {
		return err
	}
	if o.fidelity != "" {
		if err := spec.Fidelity.SetLevel(o.fidelity); err != nil {
			return fmt.Errorf("--fidelity: %w", err)
		}
	}
	if o.acc.enabled {
		if spec.Accuracy != nil {
			return fmt.Errorf("%s has an accuracy: section: give it or --accuracy, not both", specPath)
		}
		spec.SetAccuracy(o.acc.data, o.acc.calibration, o.acc.limit)
	}
	plan, err := spec.Plan()
	if err != nil {
		return err
	}
	for _, n := range plan.Notes {
		fmt.Fprintf(stderr, "logsim: note: %s\n", n)
	}
	ctx, stop := interruptible(stderr)
	defer stop()
	start := time.Now()
	progress := newProgress(stderr, o.quiet, sweepLabel(shard))
	sum, err := sweep.Run(ctx, plan, o.outputs.outputs(), sweep.Options{
		Workers: o.workers, Shard: shard, Resume: o.resume, Encoder: sweepEncoder(),
		Log: logger(o.verbose, stderr), Progress: progress.update,
	})
	progress.finish()
	if err != nil {
		return sweepError(err)
	}
	if sum.Interrupted {
		return &failure{fmt.Errorf("interrupted: %d points are in the journal %s; run the same command with --resume to finish the sweep",
			sum.Resumed+sum.Ran, sweep.JournalPath(o.outputs.out))}
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "logsim: sweep: wrote %s: %d points (%d run, %d resumed, %d failed) in %s\n",
			o.outputs.out, sum.Points, sum.Ran, sum.Resumed, sum.Failed, time.Since(start).Round(time.Millisecond))
		if sum.Checked > 0 {
			fmt.Fprintf(stderr, "logsim: sweep: the event simulation checked %d of the points run: the analytic level's total cycles are within %.2f %% of its (largest error %+.2f %%, mean |error| %.2f %%)\n",
				sum.Checked, math.Abs(sum.MaxErrPct), sum.MaxErrPct, sum.MeanAbsErrPct)
		}
	}
	return failedPoints(sum, o.outputs.out)
}

// shardOf reads --shard and --shards (environment from getenv).
func (o *sweepOptions) shardOf(getenv func(string) string) (sweep.Shard, error) {
	switch {
	case o.shard == "auto":
		return sweep.ShardFromEnv(getenv, o.shards)
	case o.shards != 0:
		return sweep.Shard{}, errors.New("--shards is read only with --shard auto")
	case o.shard == "":
		return sweep.Shard{}, nil
	}
	return sweep.ParseShard(o.shard)
}

// interruptible returns a context cancelled by the first SIGINT or
// SIGTERM; a second one ends the process, its temporary files removed (the
// journal stays consistent: each point is one line, flushed). stop
// releases the signals.
func interruptible(stderr io.Writer) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs, done := make(chan os.Signal, 1), make(chan struct{})
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-sigs:
			fmt.Fprintln(stderr, "\nlogsim: stopping: no new point starts; the points in flight finish (interrupt again to stop at once)")
			cancel()
		case <-done:
			return
		}
		select {
		case s := <-sigs:
			exitOnSignal(s)
		case <-done:
		}
	}()
	return ctx, func() { signal.Stop(sigs); close(done); cancel() }
}

// sweepError maps an error of package sweep to an exit status: bad input
// (2) or a failure (1).
func sweepError(err error) error {
	var bad *sweep.BadInput
	if errors.As(err, &bad) {
		return err
	}
	return &failure{err}
}

// failedPoints is the error of a sweep or merge with failed points (exit 1).
func failedPoints(sum sweep.Summary, out string) error {
	if sum.Failed == 0 {
		return nil
	}
	return &failure{fmt.Errorf("%d of %d points failed: see the %s column of %s", sum.Failed, sum.Points, sweep.ErrorColumn, out)}
}

// sweepEncoder encodes a run into the rows of the sweep's files: the
// network columns, and the per-layer columns as logsim_layers.csv has them.
func sweepEncoder() sweep.Encoder {
	cols := results.NetworkColumns()
	return sweep.Encoder{
		NetColumns:   results.Names(cols),
		LayerColumns: results.Names(results.LayerColumns()),
		Rows: func(r *sim.NetworkResult) ([]string, [][]string, error) {
			layers, err := layerRows(*r)
			return results.Values(cols, r), layers, err
		},
		FailedRow: func(r *sim.NetworkResult) []string {
			row := make([]string, len(cols))
			for i, c := range cols {
				switch c.Model {
				case results.ModelProvenant, results.ModelInput, results.ModelDesign, results.ModelResolved:
					row[i] = c.Value(r)
				}
			}
			return row
		},
	}
}

// layerRows are the rows results.WriteLayerCSV writes for a run, array
// layers and the layers not on the array alike.
func layerRows(res sim.NetworkResult) ([][]string, error) {
	var b bytes.Buffer
	if err := results.WriteLayerCSV(&b, res); err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("internal: the layer CSV does not read back: %w", err)
	}
	return rows[1:], nil
}
