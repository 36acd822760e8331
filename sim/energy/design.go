package energy

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/tech"
)

// Design is what the energy and area model needs to know about the
// accelerator.
type Design struct {
	PE       pe.Spec           // PE kind and operand widths
	Array    dataflow.Array    // R×C PEs
	Dataflow dataflow.Dataflow // OS, WS or IS
	Timing   dataflow.Timing   // pipelined adds shadow registers
	ClockMHz float64           // array clock (MHz)

	// Ifmap, Filter and Ofmap are the three SRAM buffers; a double-buffered
	// buffer is two banks (DoubleBuffered).
	Ifmap, Filter, Ofmap memory.SRAM
	// DRAMType names the memory type whose pJ/bit the table holds:
	// tech.Table.DRAMTypes ("ddr3", "ddr4", "lpddr4", "gddr5", "hbm2",
	// "hmc" by default), any case; a DRAM preset's MemoryType ("DDR4").
	DRAMType string
	// Tech is the technology table (node and corner): tech.Default,
	// tech.ForCorner, Table.Scaled or tech.LoadOverrides.
	Tech tech.Table
}

// DoubleBuffered is a buffer of capacityKiB KiB in total, split into its
// active and prefetch halves: two banks of capacityKiB/2 KiB of
// wordBits-bit words (design.md §5).
func DoubleBuffered(capacityKiB float64, wordBits int) memory.SRAM {
	return memory.SRAM{CapacityKiB: capacityKiB, WordBits: wordBits, Banks: 2}
}

// buffer is the unit costs of one SRAM buffer.
type buffer struct {
	readPJ    float64 // per word read (pJ)
	writePJ   float64 // per word written (pJ)
	areaMM2   float64 // all banks (mm²)
	leakageMW float64 // all banks (mW)
}

// prices are the unit costs of a design, looked up once from pe, memory
// and tech.
type prices struct {
	pe           pe.Cost
	ifmap        buffer
	filter       buffer
	ofmap        buffer
	dramPJPerBit float64
}

// elapsedNs is the time of cycles at clockMHz (ns); 0 without a clock.
func elapsedNs(cycles int64, clockMHz float64) float64 {
	if clockMHz > 0 {
		return float64(cycles) * 1000 / clockMHz
	}
	return 0
}

// prices validates d and looks up its unit costs; errors name the part.
func (d Design) prices() (prices, error) {
	if d.Tech.NodeNM == 0 {
		return prices{}, fmt.Errorf("design: technology table not set (start from tech.Default)")
	}
	if err := d.Array.Validate(); err != nil {
		return prices{}, fmt.Errorf("design: %w", err)
	}
	if !(d.ClockMHz > 0) {
		return prices{}, fmt.Errorf("design: clock %g MHz: must be positive", d.ClockMHz)
	}
	var p prices
	var err error
	if p.pe, err = pe.CostOf(d.PE, d.Tech, d.Dataflow, d.Timing); err != nil {
		return prices{}, fmt.Errorf("design: %w", err)
	}
	if p.ifmap, err = bufferOf("ifmap", d.Ifmap, d.Tech); err != nil {
		return prices{}, err
	}
	if p.filter, err = bufferOf("filter", d.Filter, d.Tech); err != nil {
		return prices{}, err
	}
	if p.ofmap, err = bufferOf("ofmap", d.Ofmap, d.Tech); err != nil {
		return prices{}, err
	}
	if p.dramPJPerBit, err = memory.DRAMEnergyPJPerBit(d.Tech, d.DRAMType); err != nil {
		return prices{}, fmt.Errorf("design: DRAM: %w", err)
	}
	return p, nil
}

// bufferOf looks up the costs of one SRAM buffer.
func bufferOf(name string, s memory.SRAM, t tech.Table) (buffer, error) {
	var b buffer
	var err error
	wrap := func(err error) error { return fmt.Errorf("design: %s buffer: %w", name, err) }
	if b.readPJ, err = s.ReadPJ(t); err != nil {
		return buffer{}, wrap(err)
	}
	if b.writePJ, err = s.WritePJ(t); err != nil {
		return buffer{}, wrap(err)
	}
	if b.areaMM2, err = s.AreaMM2(t); err != nil {
		return buffer{}, wrap(err)
	}
	if b.leakageMW, err = s.LeakageMW(t); err != nil {
		return buffer{}, wrap(err)
	}
	return b, nil
}
