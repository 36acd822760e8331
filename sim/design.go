package sim

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/tech"
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
	// SRAMBanks and SRAMWordsPerCycle set each buffer's array-side ports:
	// banks × words per cycle per bank; 0 words per cycle means ports wide
	// enough that the array never waits on SRAM.
	SRAMBanks         int
	SRAMWordsPerCycle int
	// WholeLayers runs every layer as one tile whose operands stream
	// through the buffers whatever their capacity, with the mapping's own
	// fold schedule: SCALE-Sim's model (a CALC-mode config sets it). By
	// default layers are tiled to fit half of each buffer.
	WholeLayers bool

	PE pe.Spec // PE kind and bit widths; sets the operand code widths

	DRAM            dram.Config // DRAM model and its parameters
	DMARequestBytes int         // largest DRAM request of the DMA, bytes
	DMAOutstanding  int         // DRAM requests the DMA keeps in flight

	Corner   tech.Corner // cost corner: nominal, low or high (design.md §7)
	NodeNM   int         // technology node, nm (45 is the table's own)
	TechFile string      // YAML file overriding the technology table ("" for none)
}

// DefaultDesignPoint is the reference design point (design.md §7): a 32×32
// WS array with pipelined timing at 1 GHz, 64/64/64 KiB buffers (SCALE-Sim's
// scale.cfg) of 64-bit words with ports that never stall the array, PE
// mult:a8w8 with a 32-bit accumulator, DRAM `fast` DDR4-3200 (one 64-bit
// channel, 25.6 GB/s), DMA requests of 1 KiB with 16 outstanding.
func DefaultDesignPoint() DesignPoint {
	spec, err := pe.Parse("mult:a8w8")
	if err != nil {
		panic(err) // a constant spec
	}
	return DesignPoint{
		RunName:  "logsim",
		Array:    dataflow.Array{Rows: 32, Cols: 32},
		Dataflow: dataflow.WS,
		Timing:   dataflow.Pipelined,
		ClockMHz: 1000,
		IfmapKiB: 64, FilterKiB: 64, OfmapKiB: 64,
		WordBits:        64,
		SRAMBanks:       1,
		PE:              spec,
		DRAM:            dram.Config{Model: dram.ModelFast, Preset: "DDR4-3200"},
		DMARequestBytes: 1024, DMAOutstanding: 16,
		Corner: tech.Nominal, NodeNM: 45,
	}
}

// TechTable builds the technology table of the design point: the corner's
// table, scaled to the node, then the override file.
func (d DesignPoint) TechTable() (tech.Table, error) {
	t, err := tech.ForCorner(d.Corner)
	if err != nil {
		return tech.Table{}, err
	}
	if t, err = t.Scaled(d.NodeNM); err != nil {
		return tech.Table{}, err
	}
	if d.TechFile == "" {
		return t, nil
	}
	return tech.LoadOverrides(d.TechFile, t)
}

// OperandBits are the code widths the operands take in the buffers and in
// DRAM: activations and weights as the PE codes them, partial sums at the
// accumulator width, outputs re-encoded to the activation code.
func (d DesignPoint) OperandBits() dataflow.OperandBits {
	return dataflow.OperandBits{Ifmap: d.PE.ABits, Filter: d.PE.WBits, Psum: d.PE.Acc(), Ofmap: d.PE.ABits}
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
	if d.SRAMBanks <= 0 || d.SRAMWordsPerCycle < 0 {
		return fmt.Errorf("SRAM ports: %d banks of %d words per cycle: banks must be positive, words per cycle at least 0",
			d.SRAMBanks, d.SRAMWordsPerCycle)
	}
	if d.DMARequestBytes <= 0 || d.DMAOutstanding <= 0 {
		return fmt.Errorf("DMA: requests of %d bytes, %d outstanding: both must be positive",
			d.DMARequestBytes, d.DMAOutstanding)
	}
	if _, err := dram.ResolveParams(d.DRAM); err != nil {
		return fmt.Errorf("DRAM: %w", err)
	}
	return nil
}

// CycleNs is the length of one array cycle in nanoseconds.
func (d DesignPoint) CycleNs() float64 { return 1000 / d.ClockMHz }
