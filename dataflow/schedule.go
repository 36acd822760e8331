package dataflow

import (
	"github.com/logsim/logsim/workloads"
)

// FoldSpec is one fold of a schedule: a block of one GEMM instance placed
// on the array. Ranges are in the mapping's coordinates (Sr over the rows,
// Sc over the columns, T streamed), so the same fold means different GEMM
// dimensions per dataflow (Mapping's table).
type FoldSpec struct {
	Instance int // which of the GEMM's Count instances
	Tile     int // index of the tile the fold belongs to (0 when untiled)
	R0, Rows int // first Sr index and the number of rows used
	C0, Cols int // first Sc index and the number of columns used
	T0, T    int // first streamed index and the number of stream elements
}

// Schedule is the ordered fold sequence of one layer.
type Schedule struct {
	Dataflow Dataflow
	Array    Array
	GEMM     workloads.GEMM
	Sr, Sc   int // extents spread over rows and columns (Mapping.Sr, Mapping.Sc)
	St       int // extent streamed in time (Mapping.T)
	Folds    []FoldSpec
}

// Schedule returns the untiled fold sequence of the mapping, in Fold order.
func (m Mapping) Schedule() Schedule {
	s := m.header()
	s.Folds = make([]FoldSpec, m.Folds())
	for i := range s.Folds {
		s.Folds[i] = m.spec(m.Fold(i))
	}
	return s
}

// header is the mapping's schedule without folds.
func (m Mapping) header() Schedule {
	return Schedule{Dataflow: m.Dataflow, Array: m.Array, GEMM: m.GEMM, Sr: m.Sr, Sc: m.Sc, St: m.T}
}

// spec places fold f of the mapping in schedule coordinates.
func (m Mapping) spec(f Fold) FoldSpec {
	return FoldSpec{
		Instance: f.Instance,
		R0:       f.RowFold * m.Array.Rows, Rows: f.UsedRows,
		C0: f.ColFold * m.Array.Cols, Cols: f.UsedCols,
		T0: 0, T: m.T,
	}
}

// Timer gives the closed-form timing of single folds (FoldTiming's table)
// for an array, dataflow and timing mode, for folds of any stream length.
type Timer struct {
	Array    Array
	Dataflow Dataflow
	Mode     Timing
}

// Lead is the preload length before the stream starts: R for WS and IS, 0
// for OS.
func (t Timer) Lead() int {
	if t.Dataflow == OS {
		return 0
	}
	return t.Array.Rows
}

// Latency is the length of a fold streaming T elements, from its start to
// the cycle its last output leaves, both counted: T+R+C−2 (OS) or
// T+2R+C−2 (WS, IS).
func (t Timer) Latency(T int) int {
	return t.Lead() + T + t.Array.Rows + t.Array.Cols - 2
}

// Interval is the earliest distance from the start of a fold streaming T
// elements to the start of the next fold, whatever that fold's length:
// in pipelined timing T for OS (the row inputs must be free) and
// max(T, R) for WS and IS (also the column load path); in scalesim timing
// the fold's whole Latency.
func (t Timer) Interval(T int) int {
	if t.Mode == ScaleSim {
		return t.Latency(T)
	}
	return max(T, t.Lead())
}

// Timer returns the timer of the schedule's array and dataflow in mode.
func (s Schedule) Timer(mode Timing) Timer {
	return Timer{Array: s.Array, Dataflow: s.Dataflow, Mode: mode}
}

// Cycles is the schedule's stall-free length: every fold starts as early
// as the previous one allows, and the layer ends when the last fold's last
// output leaves. Fold ends are monotone (a fold's stream enters after the
// previous one's and moves at the same speed), so the last fold ends last:
// Σ_{f<last} Interval(T_f) + Latency(T_last).
func (s Schedule) Cycles(mode Timing) int64 {
	tm := s.Timer(mode)
	var start int64
	for _, f := range s.Folds[:len(s.Folds)-1] {
		start += int64(tm.Interval(f.T))
	}
	return start + int64(tm.Latency(s.Folds[len(s.Folds)-1].T))
}

// kRange returns where the fold sits on the reduction dimension K: the
// rows for WS and IS, the stream for OS.
func (s Schedule) kRange(f FoldSpec) (k0, k int) {
	if s.Dataflow == OS {
		return f.T0, f.T
	}
	return f.R0, f.Rows
}

// FoldTraffic counts the edge traffic of one fold (Mapping.FoldTraffic's
// rules). A fold that does not start at K = 0 reads back the partial sums
// of the outputs it adds to; one that ends at K = GEMM.K writes them for
// the last time.
func (s Schedule) FoldTraffic(f FoldSpec) EdgeTraffic {
	rows, cols, t := int64(f.Rows), int64(f.Cols), int64(f.T)
	var e EdgeTraffic
	switch s.Dataflow {
	case OS:
		e = EdgeTraffic{IfmapReads: rows * t, FilterReads: cols * t, OfmapWrites: rows * cols}
	case WS:
		e = EdgeTraffic{IfmapReads: rows * t, FilterReads: rows * cols, OfmapWrites: t * cols}
	case IS:
		e = EdgeTraffic{IfmapReads: rows * cols, FilterReads: rows * t, OfmapWrites: t * cols}
	}
	k0, k := s.kRange(f)
	if k0 > 0 {
		e.PsumReads = e.OfmapWrites
	}
	if k0+k == s.GEMM.K {
		e.FinalWrites = e.OfmapWrites
	}
	return e
}

// Traffic sums FoldTraffic over the schedule.
func (s Schedule) Traffic() EdgeTraffic {
	var e EdgeTraffic
	for _, f := range s.Folds {
		e = e.Add(s.FoldTraffic(f))
	}
	return e
}

// OperandWindow says, in cycles from a fold's start, when the fold first
// needs each operand in the buffers and when it reads or writes it for the
// last time (the same array as FoldTiming; Lead is R for WS/IS, 0 for OS):
//
//	              stationary / ifmap first, last      stream / filter first, last    outputs first, last written
//	WS (filter)   filter 0, Lead+C−2                  ifmap Lead, Lead+T+R−2         Lead+R−1, Latency−1
//	IS (ifmap)    ifmap 0, Lead+C−2                   filter Lead, Lead+T+R−2        Lead+R−1, Latency−1
//	OS            ifmap 0, T+R−2                      filter 0, T+C−2                T−1, Latency−1
//
// The stationary preload of column C−1 ends C−1 cycles after column 0's;
// the stream's last element enters row R−1 R−1 cycles after it entered
// row 0; WS/IS outputs leave the bottom row from Lead+R−1 on; an OS PE
// finishes its sum T−1 cycles after its first operands arrive.
type OperandWindow struct {
	IfmapFirst, IfmapLast   int
	FilterFirst, FilterLast int
	OutFirst, OutLast       int
}

// Window returns the operand window of a fold streaming T elements.
func (t Timer) Window(T int) OperandWindow {
	r, c, lead := t.Array.Rows, t.Array.Cols, t.Lead()
	lat := t.Latency(T)
	switch t.Dataflow {
	case WS:
		return OperandWindow{FilterFirst: 0, FilterLast: lead + c - 2, IfmapFirst: lead, IfmapLast: lead + T + r - 2,
			OutFirst: lead + r - 1, OutLast: lat - 1}
	case IS:
		return OperandWindow{IfmapFirst: 0, IfmapLast: lead + c - 2, FilterFirst: lead, FilterLast: lead + T + r - 2,
			OutFirst: lead + r - 1, OutLast: lat - 1}
	}
	return OperandWindow{IfmapFirst: 0, IfmapLast: T + r - 2, FilterFirst: 0, FilterLast: T + c - 2,
		OutFirst: T - 1, OutLast: lat - 1}
}
