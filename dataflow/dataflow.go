package dataflow

import (
	"fmt"
	"strings"
)

// Dataflow says which GEMM operand stays in the PEs for a whole fold.
type Dataflow int

// The three dataflows, with SCALE-Sim's mapping (design.md §4):
//
//	dataflow  rows (R) take  columns (C) take  streamed (T)  stationary
//	OS        P              N                 K             outputs
//	WS        K              N                 P             weights
//	IS        K              P                 N             inputs
const (
	OS Dataflow = iota // output stationary
	WS                 // weight stationary
	IS                 // input stationary
)

// String returns the lower-case name used on the command line and in
// SCALE-Sim configs ("os", "ws", "is").
func (d Dataflow) String() string {
	switch d {
	case OS:
		return "os"
	case WS:
		return "ws"
	case IS:
		return "is"
	}
	return fmt.Sprintf("dataflow(%d)", int(d))
}

// ParseDataflow reads "os", "ws" or "is" (any case).
func ParseDataflow(s string) (Dataflow, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "os":
		return OS, nil
	case "ws":
		return WS, nil
	case "is":
		return IS, nil
	}
	return 0, fmt.Errorf("unknown dataflow %q (want os, ws or is)", s)
}

// Timing selects how consecutive folds of a layer share the array.
type Timing int

const (
	// Pipelined double-buffers the stationary operand (or the output
	// accumulators, OS) so folds overlap as the wavefront allows.
	Pipelined Timing = iota
	// ScaleSim runs folds back to back, each paying its full fill, skew and
	// drain, exactly as SCALE-Sim v2 counts them.
	ScaleSim
)

// String returns "pipelined" or "scalesim".
func (t Timing) String() string {
	switch t {
	case Pipelined:
		return "pipelined"
	case ScaleSim:
		return "scalesim"
	}
	return fmt.Sprintf("timing(%d)", int(t))
}

// ParseTiming reads "pipelined" or "scalesim" (any case).
func ParseTiming(s string) (Timing, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "pipelined":
		return Pipelined, nil
	case "scalesim":
		return ScaleSim, nil
	}
	return 0, fmt.Errorf("unknown timing mode %q (want pipelined or scalesim)", s)
}
