package refmodel

import (
	"errors"
	"fmt"

	"github.com/logsim/logsim/dataflow"
)

// Matrix is a dense row-major integer matrix.
type Matrix [][]int64

// NewMatrix returns a rows×cols zero matrix.
func NewMatrix(rows, cols int) Matrix {
	m := make(Matrix, rows)
	for i := range m {
		m[i] = make([]int64, cols)
	}
	return m
}

// Problem holds the operands of every instance of a GEMM: A[i] is P×K and
// B[i] is K×N.
type Problem struct {
	A, B []Matrix
}

// FoldRecord is what the reference observed about one fold, in cycles from
// the first fold's start.
type FoldRecord struct {
	Start       int64 // first cycle any of its operands entered the array
	StreamStart int64 // cycle its first stream element entered row 0
	End         int64 // cycle its last output left the array
}

// Result is the outcome of one reference run.
type Result struct {
	Outputs []Matrix             // P×N per instance, accumulated at the array edge
	Cycles  int64                // last fold's End + 1
	Folds   []FoldRecord         // in execution order
	Traffic dataflow.EdgeTraffic // elements counted as they crossed the edges
}

// Options changes the controller, for tests that show hazards are caught.
type Options struct {
	// ForcedInterval, when positive, makes every fold start exactly this many
	// cycles after the previous one, whatever the resources allow.
	ForcedInterval int64
}

// errHazard marks a schedule the modelled hardware cannot execute.
var errHazard = errors.New("hazard")

func hazard(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errHazard}, args...)...)
}

// engine is one dataflow's register-level array.
type engine interface {
	// begin schedules fold f with its stream entering row 0 at streamStart.
	begin(f int, streamStart int64)
	// step simulates cycle c and returns the folds whose last output left
	// the array in that cycle.
	step(c int64) ([]int, error)
	result() ([]Matrix, dataflow.EdgeTraffic)
}

// Run executes every fold of m on the reference array and returns the
// outputs, the cycle count and the per-fold record.
func Run(m dataflow.Mapping, mode dataflow.Timing, p Problem, opt Options) (Result, error) {
	if err := checkProblem(m, p); err != nil {
		return Result{}, err
	}
	var eng engine
	switch m.Dataflow {
	case dataflow.OS:
		eng = newOutputStationary(m, p)
	case dataflow.WS:
		eng = newWeightStationary(m, p)
	case dataflow.IS:
		eng = newInputStationary(m, p)
	default:
		return Result{}, fmt.Errorf("unknown dataflow %v", m.Dataflow)
	}
	c := controller{m: m, mode: mode, opt: opt, lead: leadCycles(m)}
	folds, err := c.run(eng)
	if err != nil {
		return Result{}, err
	}
	out, traffic := eng.result()
	return Result{Outputs: out, Cycles: folds[len(folds)-1].End + 1, Folds: folds, Traffic: traffic}, nil
}

// leadCycles is the preload length: R for the stationary-operand dataflows,
// whose column load path delivers one value per cycle, and 0 for OS.
func leadCycles(m dataflow.Mapping) int64 {
	if m.Dataflow == dataflow.OS {
		return 0
	}
	return int64(m.Array.Rows)
}

func checkProblem(m dataflow.Mapping, p Problem) error {
	g := m.GEMM
	if len(p.A) != g.Count || len(p.B) != g.Count {
		return fmt.Errorf("problem has %d/%d instances, mapping wants %d", len(p.A), len(p.B), g.Count)
	}
	for i := range p.A {
		if !hasShape(p.A[i], g.P, g.K) || !hasShape(p.B[i], g.K, g.N) {
			return fmt.Errorf("instance %d: operands are not %d×%d and %d×%d", i, g.P, g.K, g.K, g.N)
		}
	}
	return nil
}

func hasShape(x Matrix, rows, cols int) bool {
	if len(x) != rows {
		return false
	}
	for _, r := range x {
		if len(r) != cols {
			return false
		}
	}
	return true
}

// controller starts each fold at the first cycle its resources are free.
type controller struct {
	m    dataflow.Mapping
	mode dataflow.Timing
	opt  Options
	lead int64
}

func (c controller) run(eng engine) ([]FoldRecord, error) {
	n := c.m.Folds()
	rec := make([]FoldRecord, n)
	ended := make([]bool, n)
	next, done := 0, 0
	limit := c.cycleLimit()
	for cyc := int64(0); done < n; cyc++ {
		if cyc > limit {
			return nil, fmt.Errorf("no progress after %d cycles (%d of %d folds done)", cyc, done, n)
		}
		if next < n && c.canStart(cyc, next, rec, ended) {
			rec[next] = FoldRecord{Start: cyc, StreamStart: cyc + c.lead, End: -1}
			eng.begin(next, cyc+c.lead)
			next++
		}
		finished, err := eng.step(cyc)
		if err != nil {
			return nil, fmt.Errorf("cycle %d: %w", cyc, err)
		}
		for _, f := range finished {
			rec[f].End, ended[f] = cyc, true
			done++
		}
	}
	return rec, nil
}

// cycleLimit bounds the run generously: every fold alone, back to back,
// with room to spare. Reaching it means the model deadlocked.
func (c controller) cycleLimit() int64 {
	r, cols, t := int64(c.m.Array.Rows), int64(c.m.Array.Cols), int64(c.m.T)
	perFold := t + 2*r + cols + c.opt.ForcedInterval + 8
	return int64(c.m.Folds()+1) * perFold * 2
}

// canStart applies the hardware's resource rules to fold f at cycle cyc.
func (c controller) canStart(cyc int64, f int, rec []FoldRecord, ended []bool) bool {
	if f == 0 {
		return true
	}
	prev := rec[f-1]
	if c.opt.ForcedInterval > 0 {
		return cyc == prev.Start+c.opt.ForcedInterval
	}
	if c.mode == dataflow.ScaleSim {
		return ended[f-1] && prev.End < cyc
	}
	t := int64(c.m.T)
	rowPortsFree := cyc+c.lead > prev.StreamStart+t-1
	loadPathFree := cyc > prev.Start+c.lead-1
	return rowPortsFree && loadPathFree
}

// flights tracks the folds in flight in an engine and counts the outputs
// each has delivered, so an engine knows when a fold's last output left.
type flights struct {
	inflight []scheduled
	outputs  map[int]int
	perFold  int // outputs (real and zero-padding) every fold delivers
}

// scheduled is a fold the controller has started.
type scheduled struct {
	fold        int
	streamStart int64
}

func newFlights(perFold int) flights { return flights{outputs: map[int]int{}, perFold: perFold} }

func (fl *flights) begin(f int, streamStart int64) {
	fl.inflight = append(fl.inflight, scheduled{fold: f, streamStart: streamStart})
}

// delivered records one output of fold f and returns f if it was the
// fold's last, else −1.
func (fl *flights) delivered(f int) int {
	fl.outputs[f]++
	if fl.outputs[f] == fl.perFold {
		return f
	}
	return -1
}

// retire forgets the folds that finished.
func (fl *flights) retire(finished []int) {
	for _, f := range finished {
		for k, sc := range fl.inflight {
			if sc.fold == f {
				fl.inflight = append(fl.inflight[:k], fl.inflight[k+1:]...)
				break
			}
		}
		delete(fl.outputs, f)
	}
}
