package sim

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
)

// DesignPoint is one accelerator configuration. DefaultDesignPoint returns
// the reference design point of design.md §7.
type DesignPoint struct {
	RunName  string
	Array    dataflow.Array
	Dataflow dataflow.Dataflow
	Timing   dataflow.Timing
	ClockMHz float64 // array clock, MHz

	IfmapKiB  int // ifmap SRAM capacity, KiB (both halves of the double buffer)
	FilterKiB int // filter SRAM capacity, KiB
	OfmapKiB  int // ofmap SRAM capacity, KiB
	WordBits  int // SRAM word width, bits
}

// DefaultDesignPoint is the reference design point (design.md §7): a 32×32
// WS array with pipelined timing at 1 GHz, 64/64/64 KiB buffers (SCALE-Sim's
// scale.cfg) of 64-bit words.
func DefaultDesignPoint() DesignPoint {
	return DesignPoint{
		RunName:  "logsim",
		Array:    dataflow.Array{Rows: 32, Cols: 32},
		Dataflow: dataflow.WS,
		Timing:   dataflow.Pipelined,
		ClockMHz: 1000,
		IfmapKiB: 64, FilterKiB: 64, OfmapKiB: 64,
		WordBits: 64,
	}
}

// Validate rejects a design point that cannot be simulated; the error names
// the parameter.
func (d DesignPoint) Validate() error {
	if err := d.Array.Validate(); err != nil {
		return err
	}
	if d.ClockMHz <= 0 {
		return fmt.Errorf("clock must be positive, got %g MHz", d.ClockMHz)
	}
	for _, b := range []struct {
		name string
		kib  int
	}{{"ifmap", d.IfmapKiB}, {"filter", d.FilterKiB}, {"ofmap", d.OfmapKiB}} {
		if b.kib <= 0 {
			return fmt.Errorf("%s buffer must be positive, got %d KiB", b.name, b.kib)
		}
	}
	if d.WordBits <= 0 {
		return fmt.Errorf("SRAM word must be positive, got %d bits", d.WordBits)
	}
	return nil
}

// CycleNs is the length of one array cycle in nanoseconds.
func (d DesignPoint) CycleNs() float64 { return 1000 / d.ClockMHz }
