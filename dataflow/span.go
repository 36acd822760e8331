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
