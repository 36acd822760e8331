package refmodel

import (
	"errors"
	"fmt"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/workloads"
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
	// Observed operand windows: first and last cycle an element of the
	// P×K operand (ifmap) and of the K×N operand (filter) entered the array,
	// zero padding included, and first and last cycle an output left it.
	Ifmap, Filter, Out window
}

// window is a first and last cycle; first is −1 until something happens.
type window struct{ First, Last int64 }

func (w *window) see(c int64) {
	if w.First < 0 {
		w.First = c
	}
	w.Last = c
}

// Result is the outcome of one reference run.
type Result struct {
	Outputs []Matrix             // P×N per instance, accumulated at the array edge
	Cycles  int64                // last fold's End + 1
	Folds   []FoldRecord         // in execution order
	Traffic dataflow.EdgeTraffic // elements counted as they crossed the edges
}

// Options changes the controller, for tests that show hazards are caught,
// the PEs' arithmetic, and lets a caller watch the array's edges.
type Options struct {
	// ForcedInterval, when positive, makes every fold start exactly this many
	// cycles after the previous one, whatever the resources allow.
	ForcedInterval int64
	// Arithmetic is the PEs' multiply-accumulate; nil means exact integer
	// arithmetic (acc + act·wt). With a pe datapath (DatapathMAC) the
	// operands are codes and the sums accumulator integers. The edge still
	// adds the partial sums of different folds exactly.
	Arithmetic Arithmetic
	// OnFeed, if set, sees every value the edges feed into the array.
	OnFeed func(Feed)
	// OnOutput, if set, sees every value that leaves the array.
	OnOutput func(Output)
}

// Arithmetic is a PE's multiply-accumulate: acc + act·wt in its own
// number system.
type Arithmetic interface {
	MAC(acc, act, wt int64) int64
}

// integerMAC is exact integer arithmetic.
type integerMAC struct{}

func (integerMAC) MAC(acc, act, wt int64) int64 { return acc + act*wt }

// Edge names an edge port of the array.
type Edge int

// The edge ports: the stream enters each row from the left (OS: the P×K
// operand; WS: A; IS: Bᵀ); from the top enter OS's K×N operand and the
// WS/IS preload (column load path).
const (
	Left Edge = iota
	Top
)

// Feed is one value an edge puts into the array: in cycle Cycle, into
// lane Lane (a row for Left, a column for Top) of the PE at the edge.
// Index is the stream element (k for OS, t for WS/IS) or, for a preload,
// the row the value is bound for; Length is the fold's stream length T.
type Feed struct {
	Cycle  int64
	Edge   Edge
	Lane   int
	Index  int
	Length int
	Value  int64
}

// Output is one value leaving the array in cycle Cycle from PE(Row, Col):
// an OS accumulator, or a WS/IS partial sum leaving the bottom row.
type Output struct {
	Cycle    int64
	Row, Col int
	Value    int64
}

// errHazard marks a schedule the modelled hardware cannot execute.
var errHazard = errors.New("hazard")

func hazard(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errHazard}, args...)...)
}

// engine is one dataflow's register-level array.
type engine interface {
	// record gives the engine the fold records to note operand windows in.
	record(rec []FoldRecord)
	// begin schedules fold f with its stream entering row 0 at streamStart.
	begin(f int, streamStart int64)
	// step simulates cycle c and returns the folds whose last output left
	// the array in that cycle.
	step(c int64) ([]int, error)
	result() ([]Matrix, dataflow.EdgeTraffic)
}

// Run executes every fold of the schedule on the reference array and
// returns the outputs, the cycle count and the per-fold record.
func Run(s dataflow.Schedule, mode dataflow.Timing, p Problem, opt Options) (Result, error) {
	if err := checkProblem(s, p); err != nil {
		return Result{}, err
	}
	if len(s.Folds) == 0 {
		return Result{}, errors.New("empty schedule")
	}
	if opt.Arithmetic == nil {
		opt.Arithmetic = integerMAC{}
	}
	var eng engine
	switch s.Dataflow {
	case dataflow.OS:
		eng = newOutputStationary(s, p, opt)
	case dataflow.WS:
		eng = newWeightStationary(s, p, opt)
	case dataflow.IS:
		eng = newInputStationary(s, p, opt)
	default:
		return Result{}, fmt.Errorf("unknown dataflow %v", s.Dataflow)
	}
	c := controller{s: s, mode: mode, opt: opt, lead: leadCycles(s)}
	folds, err := c.run(eng)
	if err != nil {
		return Result{}, err
	}
	out, traffic := eng.result()
	return Result{Outputs: out, Cycles: folds[len(folds)-1].End + 1, Folds: folds, Traffic: traffic}, nil
}

// leadCycles is the preload length: R for the stationary-operand dataflows,
// whose column load path delivers one value per cycle, and 0 for OS.
func leadCycles(s dataflow.Schedule) int64 {
	if s.Dataflow == dataflow.OS {
		return 0
	}
	return int64(s.Array.Rows)
}

func checkProblem(s dataflow.Schedule, p Problem) error {
	g := s.GEMM
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
	s    dataflow.Schedule
	mode dataflow.Timing
	opt  Options
	lead int64
}

func (c controller) run(eng engine) ([]FoldRecord, error) {
	n := len(c.s.Folds)
	rec := make([]FoldRecord, n)
	ended := make([]bool, n)
	next, done := 0, 0
	limit := c.cycleLimit()
	for cyc := int64(0); done < n; cyc++ {
		if cyc > limit {
			return nil, fmt.Errorf("no progress after %d cycles (%d of %d folds done)", cyc, done, n)
		}
		if next < n && c.canStart(cyc, next, rec, ended) {
			rec[next] = FoldRecord{Start: cyc, StreamStart: cyc + c.lead, End: -1,
				Ifmap: window{-1, -1}, Filter: window{-1, -1}, Out: window{-1, -1}}
			eng.record(rec)
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
	r, cols := int64(c.s.Array.Rows), int64(c.s.Array.Cols)
	var limit int64
	for _, f := range c.s.Folds {
		limit += int64(f.T) + 2*r + cols + c.opt.ForcedInterval + 8
	}
	return 2 * limit
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
	t := int64(c.s.Folds[f-1].T)
	rowPortsFree := cyc+c.lead > prev.StreamStart+t-1
	loadPathFree := cyc > prev.Start+c.lead-1
	return rowPortsFree && loadPathFree
}

// flights tracks the folds in flight in an engine and counts the outputs
// each has delivered, so an engine knows when a fold's last output left.
type flights struct {
	inflight []scheduled
	outputs  map[int]int
	rec      []FoldRecord
}

func (fl *flights) record(rec []FoldRecord) { fl.rec = rec }

// scheduled is a fold the controller has started.
type scheduled struct {
	fold        int
	streamStart int64
}

func newFlights() flights { return flights{outputs: map[int]int{}} }

func (fl *flights) begin(f int, streamStart int64) {
	fl.inflight = append(fl.inflight, scheduled{fold: f, streamStart: streamStart})
}

// delivered records one output of fold f, which delivers perFold outputs
// (real and zero padding), and returns f if it was the fold's last, else −1.
func (fl *flights) delivered(f, perFold int) int {
	fl.outputs[f]++
	if fl.outputs[f] == perFold {
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

// edgeAccumulator adds the partial sums that leave the array into the
// output matrices and counts the ofmap traffic: a sum that lands on an
// output already holding part of its reduction is a partial-sum read, and
// one that completes the reduction (all K terms in) is a final write. The
// counts come from the data, not from the schedule.
type edgeAccumulator struct {
	k       int
	out     []Matrix
	kDone   [][][]int // reduction terms accumulated per output element
	traffic *dataflow.EdgeTraffic
}

func newEdgeAccumulator(g workloads.GEMM, rows, cols int, traffic *dataflow.EdgeTraffic) edgeAccumulator {
	e := edgeAccumulator{k: g.K, traffic: traffic}
	for i := 0; i < g.Count; i++ {
		e.out = append(e.out, NewMatrix(rows, cols))
		done := make([][]int, rows)
		for r := range done {
			done[r] = make([]int, cols)
		}
		e.kDone = append(e.kDone, done)
	}
	return e
}

// add accumulates val, which carries terms reduction terms, into element
// (r, c) of instance inst.
func (e edgeAccumulator) add(inst, r, c, terms int, val int64) {
	if e.kDone[inst][r][c] > 0 {
		e.traffic.PsumReads++
	}
	e.out[inst][r][c] += val
	e.kDone[inst][r][c] += terms
	e.traffic.OfmapWrites++
	if e.kDone[inst][r][c] == e.k {
		e.traffic.FinalWrites++
	}
}
