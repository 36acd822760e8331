package cost

import (
	"fmt"
	"math"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/tech"
)

// Design is what the energy and area model needs to know about the
// accelerator: DesignOf takes it from a resolved design point; tests may
// build one directly.
type Design struct {
	PE       pe.Spec           // PE kind and operand widths
	Array    dataflow.Array    // R×C PEs
	Dataflow dataflow.Dataflow // OS, WS or IS
	Timing   dataflow.Timing   // pipelined adds shadow registers
	ClockMHz float64           // array clock (MHz)

	// Ifmap, Filter and Ofmap are the three SRAM buffers; a double-buffered
	// buffer is two banks (DoubleBuffered).
	Ifmap, Filter, Ofmap SRAM
	// DRAMPJPerBit is the DRAM energy per bit transferred (pJ/bit): the
	// DRAM preset's, at the design's corner (design.Resolved.DRAMPJPerBit).
	DRAMPJPerBit float64
	// Tech is the technology table (node and corner): tech.Default,
	// tech.ForCorner, Table.Scaled or tech.LoadOverrides.
	Tech tech.Table

	// What the tiling objectives estimate cycles with: the DRAM's peak
	// bandwidth in bytes per array cycle (+Inf for the ideal DRAM) and its
	// unloaded latency in array cycles; and which objective (one of
	// design.TileObjectives, "" for traffic).
	DRAMBytesPerCycle float64
	DRAMLatencyCycles float64
	TileObjective     string
	Prefetch          bool // the next layer's first filter tile loads during the current one

	// VectorLanes is the vector unit's width (0: no vector unit).
	VectorLanes int
}

// DesignOf is the pricing view of a resolved design point.
func DesignOf(r design.Resolved) Design {
	p := r.Point()
	return Design{
		PE: p.PE, Array: p.Array, Dataflow: p.Dataflow, Timing: p.Timing, ClockMHz: p.ClockMHz,
		Ifmap:        DoubleBuffered(float64(p.IfmapKiB), p.WordBits),
		Filter:       DoubleBuffered(float64(p.FilterKiB), p.WordBits),
		Ofmap:        DoubleBuffered(float64(p.OfmapKiB), p.WordBits),
		DRAMPJPerBit: r.DRAMPJPerBit(),
		Tech:         r.Tech(),

		DRAMBytesPerCycle: r.DRAM().PeakGBps() * 1000 / p.ClockMHz,
		DRAMLatencyCycles: r.DRAM().UnloadedLatencyNS() * p.ClockMHz / 1000,
		TileObjective:     p.TileObjective,
		Prefetch:          p.Prefetch,
		VectorLanes:       p.Lanes(),
	}
}

// DoubleBuffered is a buffer of capacityKiB KiB in total, split into its
// active and prefetch halves: two banks of capacityKiB/2 KiB of
// wordBits-bit words (design.md §5).
func DoubleBuffered(capacityKiB float64, wordBits int) SRAM {
	return SRAM{CapacityKiB: capacityKiB, WordBits: wordBits, Banks: 2}
}

// Buffer is the unit costs of one SRAM buffer.
type Buffer struct {
	ReadPJ    float64 // per word read (pJ)
	WritePJ   float64 // per word written (pJ)
	AreaMM2   float64 // all banks (mm²)
	LeakageMW float64 // all banks (mW)
}

// Prices are the unit costs of a design, looked up once: every energy and
// area of a run, and every tiling objective, is priced from them.
type Prices struct {
	Design       Design
	PE           PE        // per-PE and per-column costs
	Vector       Vector    // per vector lane and operation
	Buffers      [3]Buffer // ifmap, filter, ofmap
	DRAMPJPerBit float64   // pJ/bit
}

// PricesOf validates d and looks up its unit costs; errors name the part.
func PricesOf(d Design) (Prices, error) {
	if d.Tech.NodeNM == 0 {
		return Prices{}, fmt.Errorf("design: technology table not set (start from tech.Default)")
	}
	if err := d.Array.Validate(); err != nil {
		return Prices{}, fmt.Errorf("design: %w", err)
	}
	if !(d.ClockMHz > 0) {
		return Prices{}, fmt.Errorf("design: clock %g MHz: must be positive", d.ClockMHz)
	}
	if !(d.DRAMPJPerBit >= 0) || math.IsInf(d.DRAMPJPerBit, 0) {
		return Prices{}, fmt.Errorf("design: DRAM energy %g pJ/bit: must be finite, not negative", d.DRAMPJPerBit)
	}
	if d.VectorLanes < 0 {
		return Prices{}, fmt.Errorf("design: %d vector lanes: must not be negative", d.VectorLanes)
	}
	p := Prices{Design: d, DRAMPJPerBit: d.DRAMPJPerBit, Vector: VectorOf(d.Tech)}
	var err error
	if p.PE, err = PEOf(d.PE, d.Tech, d.Dataflow, d.Timing); err != nil {
		return Prices{}, fmt.Errorf("design: %w", err)
	}
	for i, b := range []struct {
		name string
		s    SRAM
	}{{"ifmap", d.Ifmap}, {"filter", d.Filter}, {"ofmap", d.Ofmap}} {
		if p.Buffers[i], err = bufferOf(b.s, d.Tech); err != nil {
			return Prices{}, fmt.Errorf("design: %s buffer: %w", b.name, err)
		}
	}
	return p, nil
}

// PricesFor looks up the unit costs of a resolved design point.
func PricesFor(r design.Resolved) (Prices, error) { return PricesOf(DesignOf(r)) }

// bufferOf looks up the costs of one SRAM buffer.
func bufferOf(s SRAM, t tech.Table) (Buffer, error) {
	c, err := s.macro(t)
	if err != nil {
		return Buffer{}, err
	}
	n := float64(s.Banks)
	return Buffer{ReadPJ: c.ReadPJ, WritePJ: c.WritePJ, AreaMM2: c.AreaMM2 * n, LeakageMW: c.LeakageMW * n}, nil
}

// elapsedNs is the time of cycles at clockMHz (ns); 0 without a clock.
func elapsedNs(cycles int64, clockMHz float64) float64 {
	if clockMHz > 0 {
		return float64(cycles) * 1000 / clockMHz
	}
	return 0
}
