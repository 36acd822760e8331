package design

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/tech"
)

// Point is one accelerator configuration as the user gives it: every
// parameter `logsim run` takes, each named by one entry of Params (its
// YAML key, flag and report column). Default returns the reference design
// point of design.md §7. A Point is resolved once (Resolve) before it is
// simulated or priced.
type Point struct {
	Array    dataflow.Array    // R×C PEs
	Dataflow dataflow.Dataflow // OS, WS or IS
	Timing   dataflow.Timing   // pipelined or scalesim
	ClockMHz float64           // array clock, MHz

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
	// TileObjective is what the tiler minimises per layer: TileCycles,
	// TileEnergy, TileEDP (the default) or TileTraffic.
	TileObjective string
	// Prefetch loads the next layer's first filter tile while the current
	// layer finishes (on by default).
	Prefetch bool
	// VectorUnit runs the layers off the array (pooling, adds, softmax,
	// normalisation) on a vector unit of VectorLanes lanes (0: one per
	// array column); off, they are listed and not simulated.
	VectorUnit  bool
	VectorLanes int

	PE pe.Spec // PE kind and bit widths; sets the operand code widths
	// LayerPE gives named array layers their own PE spec (per-layer
	// precision, e.g. the first and last layers at 8 bits); the others use
	// PE. A layer's operand widths, energy and accuracy follow its spec.
	LayerPE map[string]pe.Spec

	// DRAM is the DRAM model, its preset and overrides, and the latency and
	// bandwidth of the fixed-latency models. Its ClockMHz is not a design
	// parameter: Resolve sets it to the array clock.
	DRAM            dram.Config
	DMARequestBytes int // largest DRAM request of the DMA, bytes
	DMAOutstanding  int // DRAM requests the DMA keeps in flight

	CostSource tech.Source // where the logic constants come from (tech.Sources)
	// Activity is how PE register toggle rates are chosen: ActivityDefault
	// or ActivityMeasured.
	Activity string
	// ClockGating gates the clock of PE registers holding a stationary
	// operand (on by default).
	ClockGating bool
	// PEPipeline is PipelineAuto to price a pipeline register in a PE whose
	// critical path (cost.TimingOf) exceeds the clock period, PipelineOff
	// to only report it.
	PEPipeline string
	Corner     tech.Corner // cost corner: nominal, or every constant low or high (tech.Constants)
	NodeNM     int         // technology node, nm (45 is the table's own)
	TechFile   string      // YAML file overriding the technology table ("" for none)
}

// Default is the reference design point (design.md §7): a 32×32 WS array
// with pipelined timing at 1 GHz, 64/64/64 KiB buffers (SCALE-Sim's
// scale.cfg) of 64-bit words with ports that never stall the array, PE
// mult:a8w8 with a 32-bit accumulator, DRAM `fast` DDR4-3200 (one 64-bit
// channel, 25.6 GB/s), DMA requests of 1 KiB with 16 outstanding, 45 nm at
// the nominal corner.
func Default() Point {
	return Point{
		Array:    dataflow.Array{Rows: 32, Cols: 32},
		Dataflow: dataflow.WS,
		Timing:   dataflow.Pipelined,
		ClockMHz: 1000,
		IfmapKiB: 64, FilterKiB: 64, OfmapKiB: 64,
		WordBits:        64,
		SRAMBanks:       1,
		TileObjective:   TileEDP,
		Prefetch:        true,
		VectorUnit:      true,
		PE:              pe.Spec{Kind: pe.Mult, ABits: 8, WBits: 8},
		DRAM:            dram.Config{Model: dram.ModelFast, Preset: "DDR4-3200"},
		DMARequestBytes: 1024, DMAOutstanding: 16,
		CostSource: tech.DefaultSource, Corner: tech.Nominal, NodeNM: 45,
		Activity: ActivityDefault, ClockGating: true, PEPipeline: PipelineOff,
	}
}

// The register activity modes (Point.Activity).
const (
	ActivityDefault  = "default"  // every register bit toggles at the stated default rate (cost.DefaultToggleRate)
	ActivityMeasured = "measured" // rates measured on the numerics module's default synthetic operands
)

// The pipeline register options (Point.PEPipeline).
const (
	PipelineOff  = "off"  // a PE slower than the clock is reported as not meeting timing
	PipelineAuto = "auto" // such a PE is priced with a pipeline register
)

// The tiling objectives (Point.TileObjective).
const (
	TileCycles  = "cycles"  // estimated cycles: the fold schedule or the DRAM traffic at peak bandwidth, plus the first load
	TileEnergy  = "energy"  // estimated energy of the layer, priced by sim/cost
	TileEDP     = "edp"     // estimated energy × estimated cycles
	TileTraffic = "traffic" // DRAM traffic (bits)
)

// TileObjectives lists the objectives in documentation order.
func TileObjectives() []string { return []string{TileEDP, TileCycles, TileEnergy, TileTraffic} }

// OperandBits are the code widths the operands take in the buffers and in
// DRAM: activations and weights as the PE codes them, partial sums at the
// accumulator width, outputs re-encoded to the activation code.
func (p Point) OperandBits() dataflow.OperandBits {
	return dataflow.OperandBits{Ifmap: p.PE.ABits, Filter: p.PE.WBits, Psum: p.PE.Acc(), Ofmap: p.PE.ABits}
}

// Lanes is the vector unit's width: VectorLanes, or the array's columns
// when that is 0; 0 without a vector unit.
func (p Point) Lanes() int {
	switch {
	case !p.VectorUnit:
		return 0
	case p.VectorLanes > 0:
		return p.VectorLanes
	}
	return p.Array.Cols
}

// CycleNs is the length of one array cycle in nanoseconds.
func (p Point) CycleNs() float64 { return 1000 / p.ClockMHz }

// Validate rejects a point that cannot be simulated; the error names the
// parameter by its key (Params).
func (p Point) Validate() error {
	if err := p.Array.Validate(); err != nil {
		return fmt.Errorf("rows, cols: %w", err)
	}
	if err := p.checkRanges(); err != nil {
		return err
	}
	if err := p.PE.Validate(); err != nil {
		return fmt.Errorf("pe: %w", err)
	}
	if _, err := tech.ParseSource(string(p.CostSource)); err != nil {
		return fmt.Errorf("cost_source: %w", err)
	}
	for _, name := range sortedKeys(p.LayerPE) {
		if err := p.LayerPE[name].Validate(); err != nil {
			return fmt.Errorf("layer_pe: layer %s: %w", name, err)
		}
	}
	if _, err := tech.FactorsFor(p.NodeNM); err != nil {
		return fmt.Errorf("node_nm: %w", err)
	}
	return nil
}
