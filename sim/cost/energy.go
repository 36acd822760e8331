package cost

// SwitchingNote is the caveat reports print beside energies.
const SwitchingNote = "energy per operation assumes the average switching activity of the source tables; " +
	"data-dependent activity is not modelled"

// EnergyPart names one component of an energy breakdown. The list of parts
// and their names is the one every report takes its energy columns from.
type EnergyPart int

// The energy parts, in report order.
const (
	EnergyPEArithmetic   EnergyPart = iota // MACs × arithmetic energy per MAC
	EnergyPERegisters                      // MACs × register writes per MAC + FoldPEs × FoldPJPerPE
	EnergyEdgeUnits                        // Outputs × encoder + PsumAdds × partial-sum adder
	EnergyVectorUnit                       // VectorOps × energy per vector operation
	EnergyIfmapSRAM                        // ifmap buffer: reads × ReadPJ + writes × WritePJ
	EnergyFilterSRAM                       // filter buffer, as ifmap
	EnergyOfmapSRAM                        // ofmap buffer, as ifmap (partial sums included)
	EnergyDRAM                             // DRAM accesses: activates, read and write bursts (or bits × pJ/bit)
	EnergyDRAMRefresh                      // DRAM refreshes
	EnergyDRAMBackground                   // DRAM background (standby) power × time
	EnergyLogicLeakage                     // (R·C PEs + C columns of edge units) leakage × time
	EnergySRAMLeakage                      // the three buffers' leakage × time
	NumEnergyParts
)

var energyPartNames = [NumEnergyParts]string{
	"pe_arithmetic", "pe_registers", "edge_units", "vector_unit", "ifmap_sram", "filter_sram", "ofmap_sram",
	"dram", "dram_refresh", "dram_background", "logic_leakage", "sram_leakage",
}

var energyPartDocs = [NumEnergyParts]string{
	"PE arithmetic: MACs × arithmetic energy per MAC (multiplier, shifter or exponent adder and decoder, sign, accumulator)",
	"PE registers: bits written per MAC and per fold (stationary loads, shadow copies) × energy per bit write",
	"edge units: output encoders or requantizers per final output, partial-sum adders per partial-sum addition",
	"vector unit: operations of the layers off the array (pooling, adds, softmax, normalisation) × energy per operation",
	"ifmap SRAM: words read and written × energy per access of one bank's macro",
	"filter SRAM: words read and written × energy per access",
	"ofmap SRAM: words read and written (partial sums included) × energy per access",
	"DRAM accesses: activates (with precharge), read and write bursts × their energy from the preset's IDD currents (fast model); bits × the preset's pJ/bit otherwise",
	"DRAM refreshes: all-bank refreshes the fast model issued × their energy from IDD5",
	"DRAM background: standby power of every rank (IDD3N, open pages) × elapsed time; 0 with the per-bit fallback",
	"logic leakage: leakage power of the PEs, edge units and vector lanes × elapsed time",
	"SRAM leakage: leakage power of the three buffers × elapsed time",
}

// String is the part's report name, e.g. "pe_arithmetic".
func (p EnergyPart) String() string { return energyPartNames[p] }

// Doc is one line saying what the part counts.
func (p EnergyPart) Doc() string { return energyPartDocs[p] }

// EnergyParts lists every part in report order.
func EnergyParts() []EnergyPart { return partsUpTo(NumEnergyParts) }

// partsUpTo lists the parts 0 … n−1 of an enumeration.
func partsUpTo[P ~int](n P) []P {
	parts := make([]P, n)
	for i := range parts {
		parts[i] = P(i)
	}
	return parts
}

// sum adds up a breakdown's parts.
func sum(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}

// Energy is the energy of a run by part (pJ).
type Energy [NumEnergyParts]float64

// Total is the sum of the parts (pJ).
func (e Energy) Total() float64 { return sum(e[:]) }

// Leakage is the leakage energy, logic and SRAM (pJ).
func (e Energy) Leakage() float64 { return e[EnergyLogicLeakage] + e[EnergySRAMLeakage] }

// PJToUJ converts pJ to µJ for reports (1 µJ = 10⁶ pJ).
func PJToUJ(pj float64) float64 { return pj * 1e-6 }

// Energy prices activity a (pJ, see the package doc for every term).
// Energy per operation assumes the average switching activity behind the
// source tables (SwitchingNote). A negative count is an error naming it.
func (p *Prices) Energy(a Activity) (Energy, error) {
	if err := a.Validate(); err != nil {
		return Energy{}, err
	}
	d, c := p.Design, p.PE
	ns := elapsedNs(a.Cycles, d.ClockMHz)
	access := func(b Buffer, n BufferAccess) float64 {
		return float64(n.ReadWords)*b.ReadPJ + float64(n.WriteWords)*b.WritePJ
	}
	logicMW, sramMW := p.leakageMW()
	var e Energy
	e[EnergyPEArithmetic] = float64(a.MACs) * c.PerMAC.ArithmeticPJ()
	e[EnergyPERegisters] = float64(a.MACs)*c.PerMAC.RegisterPJ + float64(a.FoldPEs)*c.FoldPJPerPE
	e[EnergyEdgeUnits] = float64(a.Outputs)*c.Edge.EncoderPJ + float64(a.PsumAdds)*c.Edge.PsumAdderPJ
	e[EnergyVectorUnit] = float64(a.VectorOps) * p.Vector.OpPJ
	e[EnergyIfmapSRAM] = access(p.Buffers[0], a.Ifmap)
	e[EnergyFilterSRAM] = access(p.Buffers[1], a.Filter)
	e[EnergyOfmapSRAM] = access(p.Buffers[2], a.Ofmap)
	e[EnergyDRAM], e[EnergyDRAMRefresh], e[EnergyDRAMBackground] = p.dramEnergy(&a, ns)
	e[EnergyLogicLeakage] = logicMW * ns // mW × ns = pJ
	e[EnergySRAMLeakage] = sramMW * ns
	return e, nil
}

// leakageMW is the leakage power of the logic (PEs, edge units, vector
// lanes) and of the three buffers (mW).
func (p *Prices) leakageMW() (logic, sram float64) {
	d, c := p.Design, p.PE
	pes, cols, lanes := float64(d.Array.PEs()), float64(d.Array.Cols), float64(d.VectorLanes)
	logic = pes*c.LeakageMWPerPE + cols*c.Edge.LeakageMWPerColumn + lanes*p.Vector.LeakageMW
	return logic, p.Buffers[0].LeakageMW + p.Buffers[1].LeakageMW + p.Buffers[2].LeakageMW
}

// AreaPart names one component of an area breakdown.
type AreaPart int

// The area parts, in report order.
const (
	AreaPEArithmetic AreaPart = iota // R·C × PE arithmetic
	AreaPERegisters                  // R·C × PE register bits (shadow registers included)
	AreaEdgeUnits                    // C × (output encoder + partial-sum adder)
	AreaVectorUnit                   // vector lanes
	AreaIfmapSRAM                    // ifmap buffer, all banks
	AreaFilterSRAM                   // filter buffer, all banks
	AreaOfmapSRAM                    // ofmap buffer, all banks
	NumAreaParts
)

var areaPartNames = [NumAreaParts]string{
	"pe_arithmetic", "pe_registers", "edge_units", "vector_unit", "ifmap_sram", "filter_sram", "ofmap_sram",
}

var areaPartDocs = [NumAreaParts]string{
	"PE arithmetic: R·C × the arithmetic of one PE",
	"PE registers: R·C × the register bits of one PE (shadow registers included)",
	"edge units: C × (output encoder or requantizer + partial-sum adder)",
	"vector unit: lanes × (32-bit adder + 16×16-bit multiplier + 32-bit register); 0 with --vector-unit off",
	"ifmap SRAM: all banks' macros",
	"filter SRAM: all banks' macros",
	"ofmap SRAM: all banks' macros",
}

// String is the part's report name, e.g. "pe_arithmetic".
func (p AreaPart) String() string { return areaPartNames[p] }

// Doc is one line saying what the part counts.
func (p AreaPart) Doc() string { return areaPartDocs[p] }

// AreaParts lists every part in report order.
func AreaParts() []AreaPart { return partsUpTo(NumAreaParts) }

// Area is the silicon area of a design by part (mm²).
type Area [NumAreaParts]float64

// Total is the sum of the parts (mm²).
func (a Area) Total() float64 { return sum(a[:]) }

// um2PerMM2 converts µm² to mm².
const um2PerMM2 = 1e6

// Area is the area of the design (mm²): R·C PEs, one output encoder and
// one partial-sum adder per column, and the three buffers.
func (p Prices) Area() Area {
	c := p.PE
	pes, cols := float64(p.Design.Array.PEs()), float64(p.Design.Array.Cols)
	var a Area
	a[AreaPEArithmetic] = pes * c.Area.ArithmeticUM2() / um2PerMM2
	a[AreaPERegisters] = pes * c.Area.RegisterUM2 / um2PerMM2
	a[AreaEdgeUnits] = cols * (c.Edge.EncoderUM2 + c.Edge.PsumAdderUM2) / um2PerMM2
	a[AreaVectorUnit] = float64(p.Design.VectorLanes) * p.Vector.AreaUM2 / um2PerMM2
	a[AreaIfmapSRAM] = p.Buffers[0].AreaMM2
	a[AreaFilterSRAM] = p.Buffers[1].AreaMM2
	a[AreaOfmapSRAM] = p.Buffers[2].AreaMM2
	return a
}

// Report is the full pricing of one run: energy, area and metrics.
type Report struct {
	Energy  Energy
	Area    Area
	Metrics Metrics
}

// Report prices activity a: Energy, Area and MetricsOf in one call.
func (p Prices) Report(a Activity) (Report, error) {
	e, err := p.Energy(a)
	if err != nil {
		return Report{}, err
	}
	ar := p.Area()
	return Report{Energy: e, Area: ar, Metrics: MetricsOf(a, e, ar, p.Design.ClockMHz)}, nil
}

// dramEnergy is the DRAM's access, refresh and background energy (pJ) of
// activity a over ns: from its commands and IDD currents when the design
// has them (Design.DRAMCommands), else its bits at the preset's pJ/bit;
// the table's DRAM switches may price accesses per bit anyway or the
// background at power-down.
func (p *Prices) dramEnergy(a *Activity, ns float64) (access, refresh, background float64) {
	c := p.Design.DRAMCommands
	if c == nil {
		return float64(a.DRAMBits()) * p.DRAMPJPerBit, 0, 0
	}
	access = float64(a.DRAMActivates)*c.ActivatePJ + float64(a.DRAMReadBursts)*c.ReadPJ + float64(a.DRAMWriteBursts)*c.WritePJ
	if p.Design.Tech.DRAM.PerBit {
		access = float64(a.DRAMBits()) * p.DRAMPJPerBit
	}
	bg := c.StandbyMW
	if p.Design.Tech.DRAM.BackgroundPowerDown {
		bg = c.PowerDownMW
	}
	return access, float64(a.DRAMRefreshes) * c.RefreshPJ, bg * float64(p.Design.DRAMRanks) * ns
}
