// Package clock converts Akita times to whole cycles of a clock and back,
// for the code that moves a run on by whole periods (sim/analytic and the
// transfer-level DMA): a time relative to a cycle, and the edge some
// cycles after an edge. +Inf stands for "never" on the way in and out.
// Edges keeps the last edge asked for, for the transfer-level models.
package clock

import (
	"math"

	"github.com/sarchlab/akita/v3/sim"
)

// Never is what Relative returns for a time that never comes.
const Never = math.MinInt64

// Cycle is the cycle of freq that t falls in.
func Cycle(freq sim.Freq, t sim.VTimeInSec) int64 { return int64(freq.Cycle(t)) }

// Relative is t in cycles of freq after cycle now, or Never for +Inf.
func Relative(freq sim.Freq, t sim.VTimeInSec, now int64) int64 {
	if math.IsInf(float64(t), 1) {
		return Never
	}
	return Cycle(freq, t) - now
}

// Later is the edge of freq cycles after the edge t (+Inf stays +Inf).
func Later(freq sim.Freq, t sim.VTimeInSec, cycles int64) sim.VTimeInSec {
	if math.IsInf(float64(t), 1) {
		return t
	}
	return sim.VTimeInSec(float64(Cycle(freq, t)+cycles) / float64(freq))
}

// Edges is freq's next edge after a time (sim.Freq.NextTick), with the last
// answer kept: a component asks for the edge after one time many times
// over (every request of a tick, every delivery of one time).
type Edges struct {
	freq      sim.Freq
	at, after sim.VTimeInSec
	known     bool
}

// NewEdges returns the edges of freq.
func NewEdges(freq sim.Freq) Edges { return Edges{freq: freq} }

// After is the first edge of the clock after t.
func (e *Edges) After(t sim.VTimeInSec) sim.VTimeInSec {
	if !e.known || t != e.at {
		e.at, e.after, e.known = t, e.freq.NextTick(t), true
	}
	return e.after
}
