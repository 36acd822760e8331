package refmodel

import (
	"github.com/logsim/logsim/dataflow"
)

// outputStationary is the register-level OS array: PE(i,j) accumulates
// output (p0+i, n0+j). A[p][k] enters row i from the left at S+k+i and
// moves right; B[k][n] enters column j from the top at S+k+j and moves
// down; both meet in PE(i,j) at S+k+i+j. The finished sum leaves the array
// in the cycle of the PE's last MAC (a result port per PE), and the
// accumulator restarts for the next fold (in pipelined timing the finished
// value moves to an output register, so the next fold may arrive in the
// following cycle).
type outputStationary struct {
	s          dataflow.Schedule
	p          Problem
	out        edgeAccumulator
	rows, cols int
	a, b       []token // operand registers; token.t holds k
	acc        []accumulator
	flights
	traffic dataflow.EdgeTraffic
	now     int64 // the cycle being simulated
	opt     Options
}

type accumulator struct {
	busy  bool
	fold  int
	count int
	val   int64
}

func newOutputStationary(s dataflow.Schedule, p Problem, opt Options) engine {
	r, c := s.Array.Rows, s.Array.Cols
	o := &outputStationary{
		s: s, p: p, rows: r, cols: c,
		a: make([]token, r*c), b: make([]token, r*c), acc: make([]accumulator, r*c),
		flights: newFlights(), opt: opt,
	}
	o.out = newEdgeAccumulator(s.GEMM, s.GEMM.P, s.GEMM.N, &o.traffic)
	return o
}

func (o *outputStationary) result() ([]Matrix, dataflow.EdgeTraffic) { return o.out.out, o.traffic }

func (o *outputStationary) at(i, j int) int { return i*o.cols + j }

func (o *outputStationary) step(c int64) ([]int, error) {
	o.now = c
	o.shift()
	if err := o.feed(c); err != nil {
		return nil, err
	}
	var finished []int
	for i := 0; i < o.rows; i++ {
		for j := 0; j < o.cols; j++ {
			done, err := o.pe(i, j)
			if err != nil {
				return nil, err
			}
			if done >= 0 {
				finished = append(finished, done)
			}
		}
	}
	o.retire(finished)
	return finished, nil
}

func (o *outputStationary) shift() {
	for i := 0; i < o.rows; i++ {
		for j := o.cols - 1; j > 0; j-- {
			o.a[o.at(i, j)] = o.a[o.at(i, j-1)]
		}
		o.a[o.at(i, 0)] = token{}
	}
	for j := 0; j < o.cols; j++ {
		for i := o.rows - 1; i > 0; i-- {
			o.b[o.at(i, j)] = o.b[o.at(i-1, j)]
		}
		o.b[o.at(0, j)] = token{}
	}
}

func (o *outputStationary) feed(c int64) error {
	for _, sc := range o.inflight {
		f := o.s.Folds[sc.fold]
		for i := 0; i < o.rows; i++ {
			if err := o.feedOne(c, sc, f.T, Left, i, o.at(i, 0), o.ifmapValue(f, i), o.a, &o.rec[sc.fold].Ifmap); err != nil {
				return err
			}
		}
		for j := 0; j < o.cols; j++ {
			if err := o.feedOne(c, sc, f.T, Top, j, o.at(0, j), o.filterValue(f, j), o.b, &o.rec[sc.fold].Filter); err != nil {
				return err
			}
		}
	}
	return nil
}

// ifmapValue reads element k of row i of the fold (zero on an unused row,
// which is not read from the buffer).
func (o *outputStationary) ifmapValue(f dataflow.FoldSpec, i int) func(k int) int64 {
	return func(k int) int64 {
		if i >= f.Rows {
			return 0
		}
		o.traffic.IfmapReads++
		return o.p.A[f.Instance][f.R0+i][f.T0+k]
	}
}

// filterValue reads element k of column j of the fold.
func (o *outputStationary) filterValue(f dataflow.FoldSpec, j int) func(k int) int64 {
	return func(k int) int64 {
		if j >= f.Cols {
			return 0
		}
		o.traffic.FilterReads++
		return o.p.B[f.Instance][f.T0+k][f.C0+j]
	}
}

// feedOne puts element k = c−S−lane of the fold into the edge register idx
// of regs when the fold is streaming into that lane in cycle c.
func (o *outputStationary) feedOne(c int64, sc scheduled, t int, edge Edge, lane, idx int, value func(k int) int64,
	regs []token, w *window) error {
	k := c - sc.streamStart - int64(lane)
	if k < 0 || k >= int64(t) {
		return nil
	}
	if regs[idx].valid {
		return hazard("two folds feed lane %d", lane)
	}
	regs[idx] = token{valid: true, fold: sc.fold, t: int(k), val: value(int(k))}
	w.see(c)
	if o.opt.OnFeed != nil {
		o.opt.OnFeed(Feed{Cycle: c, Edge: edge, Lane: lane, Index: int(k), Length: t, Value: regs[idx].val})
	}
	return nil
}

func (o *outputStationary) pe(i, j int) (int, error) {
	idx := o.at(i, j)
	a, b := o.a[idx], o.b[idx]
	if !a.valid && !b.valid {
		return -1, nil
	}
	if a.valid != b.valid || a.fold != b.fold || a.t != b.t {
		return -1, hazard("PE(%d,%d): operands %+v and %+v do not match", i, j, a, b)
	}
	acc := &o.acc[idx]
	if acc.busy && acc.fold != a.fold {
		return -1, hazard("PE(%d,%d): fold %d arrives while fold %d accumulates", i, j, a.fold, acc.fold)
	}
	if !acc.busy {
		*acc = accumulator{busy: true, fold: a.fold}
	}
	acc.val = o.opt.Arithmetic.MAC(acc.val, a.val, b.val)
	acc.count++
	if acc.count < o.s.Folds[a.fold].T {
		return -1, nil
	}
	acc.busy = false
	o.rec[acc.fold].Out.see(o.now)
	if o.opt.OnOutput != nil {
		o.opt.OnOutput(Output{Cycle: o.now, Row: i, Col: j, Value: acc.val})
	}
	return o.emit(i, j, acc.fold, acc.val), nil
}

func (o *outputStationary) emit(i, j, fold int, val int64) int {
	f := o.s.Folds[fold]
	if i < f.Rows && j < f.Cols {
		o.out.add(f.Instance, f.R0+i, f.C0+j, f.T, val)
	}
	return o.delivered(fold, o.rows*o.cols)
}
