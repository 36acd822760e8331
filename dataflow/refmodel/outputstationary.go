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
	m          dataflow.Mapping
	p          Problem
	out        []Matrix
	rows, cols int
	a, b       []token // operand registers; token.t holds k
	acc        []accumulator
	flights
	traffic dataflow.EdgeTraffic
}

type accumulator struct {
	busy  bool
	fold  int
	count int
	val   int64
}

func newOutputStationary(m dataflow.Mapping, p Problem) engine {
	r, c := m.Array.Rows, m.Array.Cols
	out := make([]Matrix, len(p.A))
	for i := range out {
		out[i] = NewMatrix(m.GEMM.P, m.GEMM.N)
	}
	return &outputStationary{
		m: m, p: p, out: out, rows: r, cols: c,
		a: make([]token, r*c), b: make([]token, r*c), acc: make([]accumulator, r*c),
		flights: newFlights(r * c),
	}
}

func (o *outputStationary) result() ([]Matrix, dataflow.EdgeTraffic) { return o.out, o.traffic }

func (o *outputStationary) at(i, j int) int { return i*o.cols + j }

func (o *outputStationary) step(c int64) ([]int, error) {
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
		f := o.m.Fold(sc.fold)
		p0, n0 := f.RowFold*o.rows, f.ColFold*o.cols
		for i := 0; i < o.rows; i++ {
			if err := o.feedOne(c, sc, i, o.at(i, 0), func(k int) int64 {
				if i >= f.UsedRows {
					return 0
				}
				o.traffic.IfmapReads++
				return o.p.A[f.Instance][p0+i][k]
			}, o.a); err != nil {
				return err
			}
		}
		for j := 0; j < o.cols; j++ {
			if err := o.feedOne(c, sc, j, o.at(0, j), func(k int) int64 {
				if j >= f.UsedCols {
					return 0
				}
				o.traffic.FilterReads++
				return o.p.B[f.Instance][k][n0+j]
			}, o.b); err != nil {
				return err
			}
		}
	}
	return nil
}

// feedOne puts element k = c−S−lane of the fold into the edge register idx
// of regs when the fold is streaming into that lane in cycle c.
func (o *outputStationary) feedOne(c int64, sc scheduled, lane, idx int, value func(k int) int64, regs []token) error {
	k := c - sc.streamStart - int64(lane)
	if k < 0 || k >= int64(o.m.T) {
		return nil
	}
	if regs[idx].valid {
		return hazard("two folds feed lane %d", lane)
	}
	regs[idx] = token{valid: true, fold: sc.fold, t: int(k), val: value(int(k))}
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
	acc.val += a.val * b.val
	acc.count++
	if acc.count < o.m.T {
		return -1, nil
	}
	acc.busy = false
	return o.emit(i, j, acc.fold, acc.val), nil
}

func (o *outputStationary) emit(i, j, fold int, val int64) int {
	f := o.m.Fold(fold)
	if i < f.UsedRows && j < f.UsedCols {
		o.out[f.Instance][f.RowFold*o.rows+i][f.ColFold*o.cols+j] = val
		o.traffic.OfmapWrites++
		o.traffic.FinalWrites++
	}
	return o.delivered(fold)
}
