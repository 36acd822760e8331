package dataflow

// FoldTiming is the cycle structure every fold of a mapping shares. All
// three numbers are whole cycles of the array clock.
//
// When a fold starts and ends. A fold starts in the first cycle in which any
// of its operands enters the array: for WS and IS that is the first cycle of
// the stationary preload into column 0; for OS it is the cycle the first
// streamed operands enter PE(0,0). It ends in the cycle in which its last
// output leaves the array. Its length, Latency, counts both ends.
//
// The array (shared by both timing modes, and by the PE-level reference
// model in dataflow/refmodel, which moves real values through it):
//
//   - Streaming is skewed: stream element t of a fold enters array row i at
//     cycle S+t+i and moves one PE to the right per cycle, so PE(i,j) sees it
//     at S+t+i+j, where S is the fold's stream start.
//   - WS/IS: partial sums move one PE down per cycle; the sum for stream
//     element t leaves the bottom of column j in the cycle PE(R−1,j) adds
//     to it, S+t+(R−1)+j. The stationary operand is preloaded through a
//     per-column load path, one value per column per cycle, the value for
//     the bottom row first, so that all R values of column j land in their
//     PEs together; column j's load takes cycles S−R+j … S−1+j (the
//     "Lead" of R cycles before the stream) and each PE switches to the new
//     value when the fold's first stream element reaches it.
//   - OS: both operands stream (rows from the left, columns from the top)
//     and PE(i,j) accumulates output (i,j); its finished sum leaves the
//     array in the cycle of its last MAC, S+(T−1)+i+j — the convention
//     behind SCALE-Sim's count (one result port per PE).
//
// Timing modes:
//
//   - scalesim: folds never overlap; fold f+1 starts the cycle after fold f
//     ends, so Interval = Latency. This is SCALE-Sim v2's count.
//   - pipelined: the stationary operand is double-buffered (a shadow
//     register per PE; OS: the finished sum moves to an output register
//     while the accumulator restarts). Fold f+1 may start as soon as (a) the
//     row inputs are free, S' ≥ S+T, and (b) for WS/IS the column load path
//     is free, S' ≥ S+R (fold f+1's load of R cycles follows fold f's).
type FoldTiming struct {
	// Lead is the number of cycles from the fold's start to its stream start
	// S: R for WS and IS (the preload), 0 for OS.
	Lead int
	// Interval is the number of cycles from one fold's start to the next
	// fold's earliest start.
	Interval int
	// Latency is the number of cycles from the fold's start to the cycle its
	// last output leaves, both counted.
	Latency int
}

// FoldTiming returns the closed-form timing of the mapping's folds. Every
// fold uses the full R×C geometry, so a partially filled edge fold takes as
// long as a full one.
//
// Closed forms (R rows, C columns, T streamed elements per fold):
//
//	        Lead   Latency         Interval: scalesim   pipelined
//	OS      0      T+R+C−2         T+R+C−2              T
//	WS, IS  R      T+2R+C−2        T+2R+C−2             max(T, R)
//
// Derivation. OS: the last MAC of a fold is at PE(R−1,C−1) on stream element
// T−1, cycle S+(T−1)+(R−1)+(C−1), so Latency = T+R+C−2. WS/IS: the preload
// begins R cycles before S, and the last partial sum leaves column C−1 at
// S+(T−1)+(R−1)+(C−1), so Latency = R+T+R+C−2.
//
// Worked example (WS, R = C = 4, P = 5, K = 7, N = 3, as in
// testdata/scalesim/tiny_mnk.csv): T = P = 5, two row folds (K = 7 over 4
// rows), one column fold. scalesim: each fold lasts 5+8+4−2 = 15 cycles,
// 30 in all (SCALE-Sim reports 29: it prints the zero-based last cycle).
// pipelined: the folds start at cycles 0 and max(5, 4) = 5, and the second
// ends at 5+15−1 = 19, so the layer takes 20 cycles.
func (m Mapping) FoldTiming(mode Timing) FoldTiming {
	tm := Timer{Array: m.Array, Dataflow: m.Dataflow, Mode: mode}
	return FoldTiming{Lead: tm.Lead(), Interval: tm.Interval(m.T), Latency: tm.Latency(m.T)}
}

// Cycles is the stall-free cycle count of the whole mapping (all folds of
// all instances): (folds−1)·Interval + Latency. logsim's reports count
// cycles this way (a layer busy for n cycles reports n); SCALE-Sim's
// COMPUTE_REPORT prints one less.
func (m Mapping) Cycles(mode Timing) int64 {
	ft := m.FoldTiming(mode)
	return int64(m.Folds()-1)*int64(ft.Interval) + int64(ft.Latency)
}

// ComputeUtil is the mean over folds of the fraction of the fold's own
// cycles (its Latency) that its used PEs spend on MACs:
// mean(used PEs · T / (R·C·Latency)). For OS this equals SCALE-Sim's
// "Compute Util %" column; for WS and IS SCALE-Sim divides by a fold length
// C−1 cycles too long (2R+2C+T−3 instead of 2R+C+T−2, scalesim.md §6), and
// logsim reports this corrected value instead.
func (m Mapping) ComputeUtil(mode Timing) float64 {
	return m.MappingEfficiency() * float64(m.T) / float64(m.FoldTiming(mode).Latency)
}

// Utilisation is MACs / (cycles · R·C), as a fraction.
func Utilisation(macs, cycles int64, a Array) float64 {
	if cycles <= 0 {
		return 0
	}
	return float64(macs) / (float64(cycles) * float64(a.PEs()))
}
