package refmodel

import (
	"github.com/logsim/logsim/dataflow"
)

// stationaryArray is the register-level array of the WS and IS dataflows:
// a stationary tile (Sr×Sc overall) is preloaded into the PEs, a stream
// matrix (T×Sr) flows in from the left, and partial sums flow down and leave
// the bottom edge, where they are accumulated into Y (T×Sc). WS uses it
// with stationary = B, stream = A, Y = C; IS with stationary = Aᵀ,
// stream = Bᵀ, Y = Cᵀ.
type stationaryArray struct {
	s          dataflow.Schedule
	stationary []Matrix        // per instance, Sr×Sc
	stream     []Matrix        // per instance, T×Sr
	y          edgeAccumulator // per instance, T×Sc

	rows, cols int
	act        []token // activation register per PE, moves right
	psum       []token // partial-sum register per PE, moves down
	weight     []slot  // active stationary value per PE
	shadow     []slot  // shadow (next fold's) stationary value per PE
	load       []token // column load path, moves down; token.t holds the destination row

	flights
	// streamIsIfmap says which buffer the stream comes from (WS: the
	// ifmap; IS: the filter) for the edge counters.
	streamIsIfmap bool
	traffic       dataflow.EdgeTraffic
	now           int64 // the cycle being simulated
	opt           Options
}

// token is a value in flight with the fold and stream element it belongs to.
type token struct {
	valid bool
	fold  int
	t     int
	val   int64
}

// slot is a stationary register.
type slot struct {
	full bool
	fold int
	val  int64
}

func newStationaryArray(s dataflow.Schedule, stationary, stream []Matrix, streamIsIfmap bool, opt Options) *stationaryArray {
	r, c := s.Array.Rows, s.Array.Cols
	a := &stationaryArray{
		s: s, stationary: stationary, stream: stream,
		rows: r, cols: c,
		act: make([]token, r*c), psum: make([]token, r*c), load: make([]token, r*c),
		weight: make([]slot, r*c), shadow: make([]slot, r*c),
		flights: newFlights(), streamIsIfmap: streamIsIfmap, opt: opt,
	}
	a.y = newEdgeAccumulator(s.GEMM, s.St, s.Sc, &a.traffic)
	return a
}

func newWeightStationary(s dataflow.Schedule, p Problem, opt Options) engine {
	stream := p.A // T = P rows of length Sr = K
	return newStationaryArray(s, p.B, stream, true, opt)
}

func newInputStationary(s dataflow.Schedule, p Problem, opt Options) engine {
	st := make([]Matrix, len(p.A))
	sm := make([]Matrix, len(p.B))
	for i := range p.A {
		st[i] = transpose(p.A[i]) // K×P: rows take K, columns take P
		sm[i] = transpose(p.B[i]) // N×K: stream element n carries B[·][n]
	}
	return &transposedResult{newStationaryArray(s, st, sm, false, opt)}
}

// transposedResult turns IS's Y = Cᵀ back into C.
type transposedResult struct{ *stationaryArray }

func (t *transposedResult) result() ([]Matrix, dataflow.EdgeTraffic) {
	y, tr := t.stationaryArray.result()
	out := make([]Matrix, len(y))
	for i := range y {
		out[i] = transpose(y[i])
	}
	return out, tr
}

func transpose(x Matrix) Matrix {
	if len(x) == 0 {
		return Matrix{}
	}
	out := NewMatrix(len(x[0]), len(x))
	for i, row := range x {
		for j, v := range row {
			out[j][i] = v
		}
	}
	return out
}

func (s *stationaryArray) result() ([]Matrix, dataflow.EdgeTraffic) { return s.y.out, s.traffic }

func (s *stationaryArray) at(i, j int) int { return i*s.cols + j }

// step advances every register by one cycle, then lets each PE act.
func (s *stationaryArray) step(c int64) ([]int, error) {
	s.now = c
	s.shiftActivations()
	s.shiftLoads()
	if err := s.feed(c); err != nil {
		return nil, err
	}
	newPsum := make([]token, len(s.psum))
	var finished []int
	for i := 0; i < s.rows; i++ {
		for j := 0; j < s.cols; j++ {
			done, err := s.pe(i, j, newPsum)
			if err != nil {
				return nil, err
			}
			if done >= 0 {
				finished = append(finished, done)
			}
		}
	}
	s.psum = newPsum
	s.retire(finished)
	return finished, nil
}

func (s *stationaryArray) shiftActivations() {
	for i := 0; i < s.rows; i++ {
		for j := s.cols - 1; j > 0; j-- {
			s.act[s.at(i, j)] = s.act[s.at(i, j-1)]
		}
		s.act[s.at(i, 0)] = token{}
	}
}

// shiftLoads moves the load path down one row; a value stops in the row it
// was addressed to (it was latched there in the previous cycle).
func (s *stationaryArray) shiftLoads() {
	for j := 0; j < s.cols; j++ {
		for i := s.rows - 1; i > 0; i-- {
			above := s.load[s.at(i-1, j)]
			if above.valid && above.t == i-1 {
				above = token{}
			}
			s.load[s.at(i, j)] = above
		}
		s.load[s.at(0, j)] = token{}
	}
}

// feed drives the array edges for cycle c: the stream into column 0 of
// each row (element t enters row i at S+t+i) and the preload into row 0 of
// each column (column j loads during S−R+j … S−1+j, bottom row first).
func (s *stationaryArray) feed(c int64) error {
	for _, sc := range s.inflight {
		f := s.s.Folds[sc.fold]
		if err := s.feedStream(c, sc, f); err != nil {
			return err
		}
		if err := s.feedPreload(c, sc, f); err != nil {
			return err
		}
	}
	return nil
}

func (s *stationaryArray) feedStream(c int64, sc scheduled, f dataflow.FoldSpec) error {
	for i := 0; i < s.rows; i++ {
		t := c - sc.streamStart - int64(i)
		if t < 0 || t >= int64(f.T) {
			continue
		}
		slotIdx := s.at(i, 0)
		if s.act[slotIdx].valid {
			return hazard("two folds feed row %d", i)
		}
		var v int64
		if i < f.Rows {
			v = s.stream[f.Instance][f.T0+int(t)][f.R0+i]
			s.countStreamRead()
		}
		s.act[slotIdx] = token{valid: true, fold: sc.fold, t: int(t), val: v}
		s.streamWindow(sc.fold).see(c)
		s.fed(Feed{Cycle: c, Edge: Left, Lane: i, Index: int(t), Length: f.T, Value: v})
	}
	return nil
}

func (s *stationaryArray) feedPreload(c int64, sc scheduled, f dataflow.FoldSpec) error {
	for j := 0; j < s.cols; j++ {
		k := c - (sc.streamStart - int64(s.rows) + int64(j))
		if k < 0 || k >= int64(s.rows) {
			continue
		}
		dest := s.rows - 1 - int(k)
		if s.load[s.at(0, j)].valid {
			return hazard("two folds use the load path of column %d", j)
		}
		var v int64
		if dest < f.Rows && j < f.Cols {
			v = s.stationary[f.Instance][f.R0+dest][f.C0+j]
			s.countStationaryRead()
		}
		s.load[s.at(0, j)] = token{valid: true, fold: sc.fold, t: dest, val: v}
		s.stationaryWindow(sc.fold).see(c)
		s.fed(Feed{Cycle: c, Edge: Top, Lane: j, Index: dest, Length: f.T, Value: v})
	}
	return nil
}

func (s *stationaryArray) fed(f Feed) {
	if s.opt.OnFeed != nil {
		s.opt.OnFeed(f)
	}
}

func (s *stationaryArray) streamWindow(f int) *window {
	if s.streamIsIfmap {
		return &s.rec[f].Ifmap
	}
	return &s.rec[f].Filter
}

func (s *stationaryArray) stationaryWindow(f int) *window {
	if s.streamIsIfmap {
		return &s.rec[f].Filter
	}
	return &s.rec[f].Ifmap
}

func (s *stationaryArray) countStreamRead() {
	if s.streamIsIfmap {
		s.traffic.IfmapReads++
	} else {
		s.traffic.FilterReads++
	}
}

func (s *stationaryArray) countStationaryRead() {
	if s.streamIsIfmap {
		s.traffic.FilterReads++
	} else {
		s.traffic.IfmapReads++
	}
}

// pe performs PE(i,j)'s work in the current cycle: switch to the next
// fold's stationary value when that fold's first element arrives, latch an
// arriving preload value into the shadow register, and multiply-accumulate.
// It returns the fold whose last output left the array, or −1.
func (s *stationaryArray) pe(i, j int, newPsum []token) (int, error) {
	idx := s.at(i, j)
	a := s.act[idx]
	if err := s.switchStationary(i, j, a); err != nil {
		return -1, err
	}
	if err := s.latchShadow(i, j); err != nil {
		return -1, err
	}
	var in token
	if i > 0 {
		in = s.psum[s.at(i-1, j)]
	}
	if !a.valid {
		if in.valid {
			return -1, hazard("partial sum of fold %d lost in PE(%d,%d)", in.fold, i, j)
		}
		return -1, nil
	}
	if i > 0 && (!in.valid || in.fold != a.fold || in.t != a.t) {
		return -1, hazard("PE(%d,%d): partial sum %+v meets activation %+v", i, j, in, a)
	}
	out := token{valid: true, fold: a.fold, t: a.t, val: s.mac(in.val, a.val, s.weight[idx].val)}
	newPsum[idx] = out
	if i == s.rows-1 {
		s.rec[a.fold].Out.see(s.now)
		if s.opt.OnOutput != nil {
			s.opt.OnOutput(Output{Cycle: s.now, Row: i, Col: j, Value: out.val})
		}
		return s.emit(j, out), nil
	}
	return -1, nil
}

// mac adds stream × stationary to acc: WS streams activations against
// stationary weights, IS streams weights against stationary activations.
func (s *stationaryArray) mac(acc, stream, stationary int64) int64 {
	if s.streamIsIfmap {
		return s.opt.Arithmetic.MAC(acc, stream, stationary)
	}
	return s.opt.Arithmetic.MAC(acc, stationary, stream)
}

func (s *stationaryArray) switchStationary(i, j int, a token) error {
	idx := s.at(i, j)
	if !a.valid || (s.weight[idx].full && s.weight[idx].fold == a.fold) {
		return nil
	}
	sh := s.shadow[idx]
	if !sh.full || sh.fold != a.fold {
		return hazard("PE(%d,%d): fold %d arrives but its stationary value has not (shadow %+v)", i, j, a.fold, sh)
	}
	s.weight[idx], s.shadow[idx] = sh, slot{}
	return nil
}

func (s *stationaryArray) latchShadow(i, j int) error {
	idx := s.at(i, j)
	l := s.load[idx]
	if !l.valid || l.t != i {
		return nil
	}
	if s.shadow[idx].full {
		return hazard("PE(%d,%d): shadow of fold %d overwritten by fold %d before use",
			i, j, s.shadow[idx].fold, l.fold)
	}
	s.shadow[idx] = slot{full: true, fold: l.fold, val: l.val}
	return nil
}

// emit hands an output leaving the bottom of column j to the edge
// accumulator and returns the fold if this was its last output, else −1.
func (s *stationaryArray) emit(j int, out token) int {
	f := s.s.Folds[out.fold]
	if j < f.Cols {
		s.y.add(f.Instance, f.T0+out.t, f.C0+j, f.Rows, out.val)
	}
	return s.delivered(out.fold, f.T*s.cols)
}
