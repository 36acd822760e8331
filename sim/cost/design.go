package cost

import (
	"fmt"
	"math"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/memory/dram/spec"
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
	// DRAMCommands, if set, prices the DRAM from its commands and IDD
	// currents (the fast model, which counts them); DRAMRanks is the ranks
	// of every channel whose background power is paid.
	DRAMCommands *spec.CommandEnergy
	DRAMRanks    int
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

	// Activity is the register activity mode (design.ActivityDefault, "" as
	// default, or design.ActivityMeasured); ClockGatingOff turns clock
	// gating of stationary registers off (ActivityFor).
	Activity       string
	ClockGatingOff bool
	// PEPipeline is design.PipelineAuto to add a pipeline register to a PE
	// whose critical path exceeds the clock period (PETiming); otherwise
	// such a PE is only reported (Prices.Notes).
	PEPipeline string
}

// DesignOf is the pricing view of a resolved design point.
func DesignOf(r design.Resolved) Design {
	p := r.Point()
	bufs := BuffersOf(p)
	return Design{
		PE: p.PE, Array: p.Array, Dataflow: p.Dataflow, Timing: p.Timing, ClockMHz: p.ClockMHz,
		Ifmap: bufs[0], Filter: bufs[1], Ofmap: bufs[2],
		DRAMPJPerBit: r.DRAMPJPerBit(),
		Tech:         r.Tech(),
		DRAMCommands: dramCommands(r.DRAM()),
		DRAMRanks:    r.DRAM().Params.Ranks * r.DRAM().Channels(),

		DRAMBytesPerCycle: r.DRAM().PeakGBps() * 1000 / p.ClockMHz,
		DRAMLatencyCycles: r.DRAM().UnloadedLatencyNS() * p.ClockMHz / 1000,
		TileObjective:     p.TileObjective,
		Prefetch:          p.Prefetch,
		VectorLanes:       p.Lanes(),
		Activity:          p.Activity,
		ClockGatingOff:    !p.ClockGating,
		PEPipeline:        p.PEPipeline,
	}
}

// DRAMPricing says how the DRAM of r is priced, for a run's summary (the
// rules of Prices.dramEnergy): by its bits at the preset's pJ/bit when its
// model counts no commands; else from its commands and IDD currents, its
// accesses per bit when the table's dram_access switch says so.
func DRAMPricing(r design.Resolved) string {
	perBit := fmt.Sprintf("%.4g pJ/bit", r.DRAMPJPerBit())
	switch {
	case dramCommands(r.DRAM()) == nil:
		return perBit
	case r.Tech().DRAM.PerBit:
		return "accesses at " + perBit + ", refresh and standby from IDD currents"
	default:
		return "energy from its commands and IDD currents"
	}
}

// dramCommands is the command energy of a DRAM whose model counts
// commands (fast) and whose preset has IDD currents, else nil.
func dramCommands(d dram.Resolved) *spec.CommandEnergy {
	if d.Model != dram.ModelFast {
		return nil
	}
	c, err := spec.CommandEnergyOf(d.Params)
	if err != nil {
		return nil
	}
	return &c
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
	AccessNS  float64 // one macro's access time (ns; 0: unknown)
}

// Prices are the unit costs of a design, looked up once: every energy and
// area of a run, and every tiling objective, is priced from them.
type Prices struct {
	Design       Design
	PE           PE        // per-PE and per-column costs
	Vector       Vector    // per vector lane and operation
	Buffers      [3]Buffer // ifmap, filter, ofmap
	DRAMPJPerBit float64   // pJ/bit
	// PETiming is the PE's gate-delay timing (nil: not modelled, fp16).
	PETiming *PETiming
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
	act, err := ActivityFor(d.Activity, d.PE, !d.ClockGatingOff)
	if err != nil {
		return Prices{}, fmt.Errorf("design: %w", err)
	}
	if p.PE, err = PEOfWith(d.PE, d.Tech, d.Dataflow, d.Timing, act); err != nil {
		return Prices{}, fmt.Errorf("design: %w", err)
	}
	if tm, err := TimingOf(d.PE, d.Tech); err == nil {
		p.PETiming = &tm
		if d.PEPipeline == design.PipelineAuto && d.ClockMHz > tm.MaxClockMHz(false) {
			p.PE.AddPipeline(d.Tech, act, tm.CutBits)
		}
	}
	for i, b := range []struct {
		name string
		s    SRAM
	}{{bufferNames[0], d.Ifmap}, {bufferNames[1], d.Filter}, {bufferNames[2], d.Ofmap}} {
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
	n, k := float64(s.Banks), s.perAccess()
	return Buffer{ReadPJ: c.ReadPJ / k, WritePJ: c.WritePJ / k, AreaMM2: c.AreaMM2 * n, LeakageMW: c.LeakageMW * n, AccessNS: c.AccessNS}, nil
}

// bufferNames name the buffers in Prices.Buffers order.
var bufferNames = [3]string{"ifmap", "filter", "ofmap"}

// Notes are what a report must say beside this design's prices: every
// buffer whose macro's access time exceeds the clock period (it does not
// meet timing at this clock).
func (p Prices) Notes() []string {
	var out []string
	period := 1000 / p.Design.ClockMHz
	for i, b := range p.Buffers {
		s := [3]SRAM{p.Design.Ifmap, p.Design.Filter, p.Design.Ofmap}[i]
		if b.AccessNS > period {
			out = append(out, fmt.Sprintf("%s SRAM: its %d macros of %.4g KiB × %d b have a CACTI access time of %.2f ns, "+
				"longer than the %.3g ns clock period: the buffer does not meet timing at %g MHz",
				bufferNames[i], s.Banks, s.CapacityKiB/float64(s.Banks), s.WordBits, b.AccessNS, period, p.Design.ClockMHz))
		}
	}
	out = append(out, p.timingNotes()...)
	if p.Design.DRAMCommands == nil {
		out = append(out, fmt.Sprintf("DRAM priced at %.4g pJ/bit (the preset's energy per bit): this DRAM model counts no commands, "+
			"so activates, refreshes and background power are not priced; use --dram fast", p.DRAMPJPerBit))
	}
	return out
}

// elapsedNs is the time of cycles at clockMHz (ns); 0 without a clock.
func elapsedNs(cycles int64, clockMHz float64) float64 {
	if clockMHz > 0 {
		return float64(cycles) * 1000 / clockMHz
	}
	return 0
}

// timingNotes say whether the PE meets the clock by the gate-delay model
// (or its synthesized critical path, PETiming.Describe):
// nothing if it does; if not, that it does not, or that a pipeline
// register was priced (and whether even that meets it).
func (p Prices) timingNotes() []string {
	tm, d := p.PETiming, p.Design
	if tm == nil || d.ClockMHz <= tm.MaxClockMHz(false) {
		return nil
	}
	path := fmt.Sprintf("PE %s: %s", d.PE, tm.Describe())
	if p.PE.PipelineBits == 0 {
		return []string{path + fmt.Sprintf(": it does not meet timing at %g MHz (--pe-pipeline auto prices a pipeline register)", d.ClockMHz)}
	}
	s := path + fmt.Sprintf("; a %d-bit pipeline register is priced in every PE (path %.3f ns, at most %.0f MHz; its extra cycle of latency is not simulated)",
		p.PE.PipelineBits, tm.PathNS(true), tm.MaxClockMHz(true))
	if d.ClockMHz > tm.MaxClockMHz(true) {
		s += fmt.Sprintf("; even pipelined it does not meet timing at %g MHz", d.ClockMHz)
	}
	return []string{s}
}
