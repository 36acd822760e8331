package energy

// SwitchingNote is the caveat reports print beside energies.
const SwitchingNote = "energy per operation assumes the average switching activity of the source tables; " +
	"data-dependent activity is not modelled"

// Component is one named part of a breakdown, in the breakdown's unit (pJ
// for Breakdown, mm² for Area). Names are lower-case snake_case, without a
// unit, ready for a report column.
type Component struct {
	Name  string
	Value float64
}

// Breakdown is the energy of a run by component (pJ).
type Breakdown struct {
	PEArithmeticPJ float64 // MACs × arithmetic energy per MAC
	PERegistersPJ  float64 // MACs × register writes per MAC + FoldPEs × FoldPJPerPE
	EdgePJ         float64 // Outputs × encoder + PsumAdds × partial-sum adder
	IfmapPJ        float64 // ifmap buffer: reads × ReadPJ + writes × WritePJ
	FilterPJ       float64 // filter buffer, as ifmap
	OfmapPJ        float64 // ofmap buffer, as ifmap (partial sums included)
	DRAMPJ         float64 // DRAM bits read and written × pJ/bit of the type
	LogicLeakagePJ float64 // (R·C PEs + C columns of edge units) leakage × time
	SRAMLeakagePJ  float64 // the three buffers' leakage × time
	TotalPJ        float64 // sum of the above
}

// Components lists the parts of b in report order (pJ); they sum to
// TotalPJ.
func (b Breakdown) Components() []Component {
	return []Component{
		{"pe_arithmetic", b.PEArithmeticPJ},
		{"pe_registers", b.PERegistersPJ},
		{"edge", b.EdgePJ},
		{"ifmap_sram", b.IfmapPJ},
		{"filter_sram", b.FilterPJ},
		{"ofmap_sram", b.OfmapPJ},
		{"dram", b.DRAMPJ},
		{"leakage_logic", b.LogicLeakagePJ},
		{"leakage_sram", b.SRAMLeakagePJ},
	}
}

// LeakagePJ is the leakage energy, logic and SRAM (pJ).
func (b Breakdown) LeakagePJ() float64 { return b.LogicLeakagePJ + b.SRAMLeakagePJ }

// PJToUJ converts pJ to µJ for reports (1 µJ = 10⁶ pJ).
func PJToUJ(pj float64) float64 { return pj * 1e-6 }

// Energy prices activity a on design d (pJ, see the package doc for every
// term). Energy per operation assumes the average switching activity behind
// the source tables (SwitchingNote). An invalid design or a negative count
// gives an error naming it.
func Energy(a Activity, d Design) (Breakdown, error) {
	p, err := d.prices()
	if err != nil {
		return Breakdown{}, err
	}
	return energyOf(a, d, p)
}

// energyOf is Energy with the unit costs already looked up.
func energyOf(a Activity, d Design, p prices) (Breakdown, error) {
	if err := a.Validate(); err != nil {
		return Breakdown{}, err
	}
	c := p.pe
	pes, cols := float64(d.Array.PEs()), float64(d.Array.Cols)
	ns := elapsedNs(a.Cycles, d.ClockMHz)
	access := func(b buffer, n BufferAccess) float64 {
		return float64(n.ReadWords)*b.readPJ + float64(n.WriteWords)*b.writePJ
	}
	logicMW := pes*c.LeakageMWPerPE + cols*c.Edge.LeakageMWPerColumn
	sramMW := p.ifmap.leakageMW + p.filter.leakageMW + p.ofmap.leakageMW
	b := Breakdown{
		PEArithmeticPJ: float64(a.MACs) * c.PerMAC.ArithmeticPJ(),
		PERegistersPJ:  float64(a.MACs)*c.PerMAC.RegisterPJ + float64(a.FoldPEs)*c.FoldPJPerPE,
		EdgePJ:         float64(a.Outputs)*c.Edge.EncoderPJ + float64(a.PsumAdds)*c.Edge.PsumAdderPJ,
		IfmapPJ:        access(p.ifmap, a.Ifmap),
		FilterPJ:       access(p.filter, a.Filter),
		OfmapPJ:        access(p.ofmap, a.Ofmap),
		DRAMPJ:         float64(a.DRAMBits()) * p.dramPJPerBit,
		LogicLeakagePJ: logicMW * ns, // mW × ns = pJ
		SRAMLeakagePJ:  sramMW * ns,
	}
	b.TotalPJ = sum(b.Components())
	return b, nil
}

// Area is the silicon area of a design by component (mm²).
type Area struct {
	PEArithmeticMM2 float64 // R·C × PE arithmetic
	PERegistersMM2  float64 // R·C × PE register bits (shadow registers included)
	EdgeMM2         float64 // C × (output encoder + partial-sum adder)
	IfmapMM2        float64 // ifmap buffer, all banks
	FilterMM2       float64 // filter buffer, all banks
	OfmapMM2        float64 // ofmap buffer, all banks
	TotalMM2        float64 // sum of the above
}

// Components lists the parts of a in report order (mm²); they sum to
// TotalMM2.
func (a Area) Components() []Component {
	return []Component{
		{"pe_arithmetic", a.PEArithmeticMM2},
		{"pe_registers", a.PERegistersMM2},
		{"edge", a.EdgeMM2},
		{"ifmap_sram", a.IfmapMM2},
		{"filter_sram", a.FilterMM2},
		{"ofmap_sram", a.OfmapMM2},
	}
}

// um2PerMM2 converts µm² to mm².
const um2PerMM2 = 1e6

// AreaOf is the area of design d (mm²): R·C PEs, one output encoder and
// one partial-sum adder per column, and the three buffers.
func AreaOf(d Design) (Area, error) {
	p, err := d.prices()
	if err != nil {
		return Area{}, err
	}
	return areaOf(d, p), nil
}

// areaOf is AreaOf with the unit costs already looked up.
func areaOf(d Design, p prices) Area {
	c := p.pe
	pes, cols := float64(d.Array.PEs()), float64(d.Array.Cols)
	a := Area{
		PEArithmeticMM2: pes * c.Area.ArithmeticUM2() / um2PerMM2,
		PERegistersMM2:  pes * c.Area.RegisterUM2 / um2PerMM2,
		EdgeMM2:         cols * (c.Edge.EncoderUM2 + c.Edge.PsumAdderUM2) / um2PerMM2,
		IfmapMM2:        p.ifmap.areaMM2,
		FilterMM2:       p.filter.areaMM2,
		OfmapMM2:        p.ofmap.areaMM2,
	}
	a.TotalMM2 = sum(a.Components())
	return a
}

// sum adds the values of cs.
func sum(cs []Component) float64 {
	t := 0.0
	for _, c := range cs {
		t += c.Value
	}
	return t
}

// Report is the full pricing of one run: energy, area and metrics.
type Report struct {
	Energy  Breakdown
	Area    Area
	Metrics Metrics
}

// Evaluate prices activity a on design d: Energy, AreaOf and MetricsOf in
// one call, looking the unit costs up once.
func Evaluate(a Activity, d Design) (Report, error) {
	p, err := d.prices()
	if err != nil {
		return Report{}, err
	}
	e, err := energyOf(a, d, p)
	if err != nil {
		return Report{}, err
	}
	ar := areaOf(d, p)
	return Report{Energy: e, Area: ar, Metrics: MetricsOf(a, e, ar, d.ClockMHz)}, nil
}
