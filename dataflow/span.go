package dataflow

// CycleSpan is a run of cycles, both ends included; the zero value is
// empty (Set false).
type CycleSpan struct {
	First, Last int64
	Set         bool
}

// Add returns s widened to hold first … last.
func (s CycleSpan) Add(first, last int64) CycleSpan {
	if !s.Set {
		return CycleSpan{First: first, Last: last, Set: true}
	}
	return CycleSpan{First: min(s.First, first), Last: max(s.Last, last), Set: true}
}

// Shift returns s moved by d cycles (an empty span stays empty).
func (s CycleSpan) Shift(d int64) CycleSpan {
	if !s.Set {
		return s
	}
	return CycleSpan{First: s.First + d, Last: s.Last + d, Set: true}
}

// Repeat returns s after periods more periods of cycles cycles, each
// widening it as the one from prev to s did: if anything was added to it
// (added), its last cycle moved on by cycles × periods, else s. It
// reports false where that does not follow: the span's start moved, or,
// with something added, its end moved by other than cycles; without,
// it changed.
func (s CycleSpan) Repeat(prev CycleSpan, added bool, periods, cycles int64) (CycleSpan, bool) {
	switch {
	case !added:
		return s, s == prev
	case !s.Set || !prev.Set || s.First != prev.First || s.Last-prev.Last != cycles:
		return s, false
	}
	s.Last += periods * cycles
	return s, true
}
