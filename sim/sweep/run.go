package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/analytic"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// Encoder turns a finished run into its rows. Package sweep does not know
// the columns: cmd/logsim passes results' column lists in (package results
// sits above sim).
type Encoder struct {
	NetColumns   []string
	LayerColumns []string
	// Rows returns the network row and the layer rows of a run.
	Rows func(res *sim.NetworkResult) (net []string, layers [][]string, err error)
	// FailedRow returns the network row of a point whose run failed: res
	// holds its PointID, Network, Design and NotOnArray, nothing that the
	// run computes, and the row leaves those columns empty.
	FailedRow func(res *sim.NetworkResult) []string
}

// Outputs are the files a sweep or a merge writes, each whole or not at
// all through WriteFile.
type Outputs struct {
	// Out is the sweep CSV (the network columns, then ErrorColumn); for a
	// shard, the shard file that logsim merge reads.
	Out string
	// Layers and JSONL are the per-layer CSV and the sweep CSV as JSON
	// Lines ("": not written; a shard writes neither, merge does).
	Layers, JSONL string
	WriteFile     WriteFile
}

// check rejects outputs that collide or that a shard cannot write.
func (o Outputs) check(shard Shard) error {
	switch {
	case o.Out == "":
		return errors.New("--out FILE is required")
	case shard.Sharded() && (o.Layers != "" || o.JSONL != ""):
		return errors.New("a shard writes one file (--out); give --layers and --jsonl to logsim merge")
	case o.Layers != "" && (o.Layers == o.Out || o.Layers == o.JSONL), o.JSONL != "" && o.JSONL == o.Out:
		return errors.New("--out, --layers and --jsonl must be different files")
	}
	return nil
}

// JournalPath is where a sweep into out keeps its journal.
func JournalPath(out string) string { return out + ".journal" }

// Options are how a sweep runs.
type Options struct {
	Workers int   // points simulated at once (at least 1)
	Shard   Shard // the part of the sweep to run; zero: all of it
	Resume  bool  // continue the journal if there is one
	Encoder Encoder
	Log     zerolog.Logger // debug messages; the zero logger is quiet
	// Progress, if set, is called with the points finished and the points
	// to run in this invocation: first with 0, then after each point.
	Progress func(done, total int)

	calibrations *analytic.Calibrations   // shared by the workers
	candidates   *dataflow.CandidateCache // shared by the workers
	simulations  *sim.Simulations         // shared by the workers
}

// simulationsKept bounds the simulated results a sweep keeps to reuse for
// points that differ only in cost parameters or PE kinds of the same widths
// (sim.Simulations; a ResNet-50 result is about 100 KiB): enough to reach
// back over a few axes of prices.
const simulationsKept = 64

// candidateSizes bounds the tiler's candidates a sweep keeps (about 300
// bytes each): enough for the layer shapes of two ResNet-50 design points
// in flight.
const candidateSizes = 1 << 17

// Summary is what a sweep or a merge did.
type Summary struct {
	Points      int  // points of the sweep (of the shard, for a shard)
	Resumed     int  // points found in the journal, not run again
	Ran         int  // points simulated by this invocation
	Failed      int  // points whose run failed (the error column is set)
	Interrupted bool // the context was cancelled before every point ran: the journal is kept
	// Checked is, for an auto sweep, the points this invocation also ran
	// with the event simulation, and MaxErrPct and MeanAbsErrPct the
	// analytic level's largest (signed, by magnitude) and mean absolute
	// total-cycle error on them, %.
	Checked                  int
	MaxErrPct, MeanAbsErrPct float64
}

// addCheck adds a checked point's error to the summary.
func (s *Summary) addCheck(errPct float64) {
	if math.Abs(errPct) > math.Abs(s.MaxErrPct) || s.Checked == 0 {
		s.MaxErrPct = errPct
	}
	s.MeanAbsErrPct = (s.MeanAbsErrPct*float64(s.Checked) + math.Abs(errPct)) / float64(s.Checked+1)
	s.Checked++
}

// Run runs the plan's points (those of opts.Shard) on opts.Workers
// goroutines. Each finished point is appended to the journal next to
// out.Out and flushed to disk; when every point is there, the outputs are
// written from the journal in point order — byte-identical whatever the
// worker count, the completion order or the interruptions — and the
// journal is removed. When ctx is cancelled, no new point starts, the
// points in flight finish and are journaled, and Run returns with
// Interrupted set, keeping the journal for a resume. A point whose run
// fails is recorded with its error and the sweep goes on.
func Run(ctx context.Context, plan *Plan, out Outputs, opts Options) (Summary, error) {
	if err := out.check(opts.Shard); err != nil {
		return Summary{}, &BadInput{err}
	}
	h := newHeader(plan, opts.Shard, opts.Encoder)
	opts.calibrations = &analytic.Calibrations{}
	opts.candidates = dataflow.NewCandidateCache(candidateSizes)
	opts.simulations = sim.NewSimulations(simulationsKept)
	jpath := JournalPath(out.Out)
	j, done, err := openJournal(jpath, h, opts.Resume, out.WriteFile)
	if err != nil {
		return Summary{}, err
	}
	todo := pending(plan.Jobs, opts.Shard, done)
	sum := Summary{Resumed: len(done)}
	sum.Ran, err = execute(ctx, plan, todo, j, opts, &sum)
	if cerr := j.close(); err == nil {
		err = cerr
	}
	if err != nil || sum.Ran < len(todo) {
		sum.Interrupted = err == nil
		return sum, err
	}
	return finish(jpath, h, out, opts.Shard, sum)
}

// pending lists the shard's jobs that are not done.
func pending(jobs []Job, shard Shard, done []int) []Job {
	isDone := map[int]bool{}
	for _, i := range done {
		isDone[i] = true
	}
	var todo []Job
	for _, j := range jobs {
		if shard.Has(j.Index) && !isDone[j.Index] {
			todo = append(todo, j)
		}
	}
	return todo
}

// outcome is what a worker hands the journal: a finished point, or an
// error that stops the sweep.
type outcome struct {
	rec record
	err error
}

// execute runs todo on the workers and journals each point as it
// finishes; it returns how many were journaled.
func execute(ctx context.Context, plan *Plan, todo []Job, j *journal, opts Options, sum *Summary) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs, outcomes := make(chan Job), make(chan outcome)
	go feed(ctx, todo, jobs)
	var wg sync.WaitGroup
	for w := 0; w < max(1, opts.Workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				rec, err := runJob(plan, job, opts)
				outcomes <- outcome{rec, err}
			}
		}()
	}
	go func() { wg.Wait(); close(outcomes) }()
	progress := opts.Progress
	if progress == nil {
		progress = func(int, int) {}
	}
	progress(0, len(todo))
	ran := 0
	var err error
	for o := range outcomes {
		if err != nil {
			continue // stopping: drain the points in flight
		}
		if err = o.err; err == nil {
			err = j.append(o.rec)
		}
		if err != nil {
			cancel()
			continue
		}
		ran++
		if o.rec.errPct != nil {
			sum.addCheck(*o.rec.errPct)
		}
		progress(ran, len(todo))
	}
	return ran, err
}

// feed hands the jobs out in order until ctx is cancelled.
func feed(ctx context.Context, todo []Job, jobs chan<- Job) {
	defer close(jobs)
	for _, job := range todo {
		if ctx.Err() != nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case jobs <- job:
		}
	}
}

// runJob simulates one point and encodes its rows. A run that fails gives
// a record with its error; an error returned stops the sweep.
func runJob(plan *Plan, job Job, opts Options) (record, error) {
	start := time.Now()
	net := plan.Networks[job.Network]
	d, err := plan.Resolve(job)
	if err != nil {
		return record{}, fmt.Errorf("point %s no longer resolves (did a file it reads change?): %w", job.PointID, err)
	}
	rec := record{Index: job.Index, ID: job.PointID}
	f := plan.Spec.Fidelity
	run := sim.RunOptions{Log: opts.Log, Numerics: plan.Numerics, Fidelity: f.RunLevel(), Calibrations: opts.calibrations,
		Candidates: opts.candidates, Simulations: opts.simulations}
	if plan.Accuracy != nil {
		run.Accuracy = plan.Accuracy[job.Network]
	}
	res, err := runPoint(net, d, run)
	if err == nil && f.Checked(job.Index, len(plan.Jobs)) {
		err = checkWithEvent(&res, net, d, run)
	}
	if err == nil && res.PointID != job.PointID {
		err = fmt.Errorf("internal: the run's point ID %s is not the planned %s", res.PointID, job.PointID)
	}
	if err == nil {
		rec.Net, rec.Layers, err = opts.Encoder.Rows(&res)
		if c := res.EventCheck; c != nil {
			e := c.CyclesErrorPct(res.Totals().TotalCycles)
			rec.errPct = &e
		}
	}
	if err != nil {
		rec.Error, rec.Layers = err.Error(), nil
		rec.Net = opts.Encoder.FailedRow(&sim.NetworkResult{PointID: job.PointID, Network: net, Design: d, NotOnArray: offArray(net)})
	}
	opts.Log.Debug().Int("index", job.Index).Str("point_id", job.PointID).Str("network", net.Name).
		Dur("took", time.Since(start)).Str("error", rec.Error).Msg("point done")
	return rec, nil
}

// runPoint runs one point; a panic (a bug in logsim) becomes the point's
// error, so that the other points go on.
func runPoint(net workloads.Network, d design.Resolved, opts sim.RunOptions) (res sim.NetworkResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v (please report it)", r)
		}
	}()
	return sim.Run(net, d, opts)
}

// checkWithEvent runs the point again with the event simulation (without
// numerics, which do not depend on timing) and records what it gave.
func checkWithEvent(res *sim.NetworkResult, net workloads.Network, d design.Resolved, opts sim.RunOptions) error {
	opts.Fidelity, opts.Numerics, opts.Accuracy = sim.FidelityEvent, nil, nil
	ev, err := runPoint(net, d, opts)
	if err != nil {
		return fmt.Errorf("the event simulation checking the analytic level: %w", err)
	}
	res.EventCheck = &sim.EventCheck{TotalCycles: ev.Totals().TotalCycles, EnergyPJ: ev.Cost.Energy.Total(),
		DRAMBytes: ev.Totals().DRAMBytes.Total()}
	return nil
}

func offArray(net workloads.Network) []workloads.Layer {
	var out []workloads.Layer
	for _, l := range net.Layers {
		if !l.Kind.OnArray() {
			out = append(out, l)
		}
	}
	return out
}

// finish writes the outputs from the journal and removes it.
func finish(jpath string, h header, out Outputs, shard Shard, sum Summary) (Summary, error) {
	var set recordSet
	defer set.close()
	dups, err := set.addFile(jpath, func(sc scanned) error {
		if why := h.mismatch(sc.header, true); why != "" || sc.torn {
			return fmt.Errorf("internal: journal %s changed under the sweep (%s)", jpath, why)
		}
		return nil
	})
	if err == nil && (len(dups) > 0 || len(set.missing(shard)) > 0) {
		err = fmt.Errorf("internal: journal %s: %d points twice, %d missing", jpath, len(dups), len(set.missing(shard)))
	}
	if err != nil {
		return sum, err
	}
	sum.Points, sum.Failed = sum.Resumed+sum.Ran, set.failed
	if err := set.write(out, shard); err != nil {
		return sum, err
	}
	set.close()
	if err := os.Remove(jpath); err != nil {
		return sum, fmt.Errorf("remove the journal: %w", err)
	}
	return sum, nil
}

// write writes the outputs: a shard file for a shard, else the sweep CSV
// and the optional per-layer CSV and JSON Lines.
func (s *recordSet) write(out Outputs, shard Shard) error {
	if shard.Sharded() {
		return out.WriteFile(out.Out, func(w io.Writer) error { return s.writeShard(w, shard) })
	}
	for _, f := range []struct {
		path  string
		write func(io.Writer) error
	}{{out.Out, s.writeCSV}, {out.Layers, s.writeLayers}, {out.JSONL, s.writeJSONL}} {
		if f.path == "" {
			continue
		}
		if err := out.WriteFile(f.path, f.write); err != nil {
			return err
		}
	}
	return nil
}
