package tech

import (
	"fmt"
	"math"
	"slices"
)

// End is one end of a constant's range.
type End int

// The ends of a range.
const (
	LowEnd  End = iota // the lowest value any source gives
	HighEnd            // the highest
)

// String returns "low" or "high".
func (e End) String() string { return map[End]string{LowEnd: "low", HighEnd: "high"}[e] }

// Estimate is one source's value of a constant at the constant's
// reference operation, at 45 nm and 0.9 V.
type Estimate struct {
	Source string  // who gives it
	Value  float64 // in the constant's unit
	Cite   string  // where it comes from, with its label ([S], [D], [U], assumption)
}

// Constant is one uncertain constant of the technology table: every
// source's estimate of it at a reference operation, and how to move the
// table's value to either end of their range. A constant with one
// estimate has no range (its ends equal the nominal value). The range of a
// scaled constant is the table's own value times [min, max] of the
// estimates over the table's value at the reference, so it applies to any
// source or override file.
type Constant struct {
	Name      string // e.g. "mult_energy"
	Unit      string // of the estimates, e.g. "pJ"
	Reference string // what the estimates price, e.g. "8×8-bit multiply"
	Estimates []Estimate
	// Exactly one of value/scale or set is used.
	value func(Table) float64    // the table's value at the reference
	scale func(*Table, float64)  // multiply every value of the constant
	set   func(*Table, End) bool // switch a modelling choice; false: the end is the nominal choice
}

// Factors are the multipliers that move t's value to the low and high
// ends of the range (1 and 1 for a switch or a single estimate).
func (c Constant) Factors(t Table) (low, high float64) {
	if c.value == nil {
		return 1, 1
	}
	v := c.value(t)
	lo, hi := v, v
	for _, e := range c.Estimates {
		lo, hi = math.Min(lo, e.Value), math.Max(hi, e.Value)
	}
	if v == 0 {
		return 1, 1
	}
	return lo / v, hi / v
}

// At returns t with this constant at one end of its range.
func (c Constant) At(t Table, end End) Table {
	s := t.clone()
	if c.set != nil {
		c.set(&s, end)
		return s
	}
	lo, hi := c.Factors(t)
	f := map[End]float64{LowEnd: lo, HighEnd: hi}[end]
	c.scale(&s, f)
	return s
}

// Moves reports whether the constant's range is not a point on t.
func (c Constant) Moves(t Table) bool {
	if c.set != nil {
		a, b := t.clone(), t.clone()
		return c.set(&a, LowEnd) || c.set(&b, HighEnd)
	}
	lo, hi := c.Factors(t)
	return lo != 1 || hi != 1
}

// AtCorner returns t with every constant at the corner: unchanged for
// Nominal, every constant at its range's low (high) end for Low (High).
func (t Table) AtCorner(c Corner) (Table, error) {
	out := t.clone()
	out.Corner = c
	var end End
	switch c {
	case Nominal:
		return out, nil
	case Low:
		end = LowEnd
	case High:
		end = HighEnd
	default:
		return Table{}, fmt.Errorf("unknown corner %d", int(c))
	}
	for _, k := range Constants() {
		out = k.At(out, end)
	}
	return out, nil
}

// ConstantByName returns the constant called name.
func ConstantByName(name string) (Constant, bool) {
	i := slices.IndexFunc(Constants(), func(c Constant) bool { return c.Name == name })
	if i < 0 {
		return Constant{}, false
	}
	return Constants()[i], true
}

// registerClockFraction is the nominal share of a register bit's write
// energy spent by its clock pin (Register.ClockFraction): an assumption,
// range 0.25–0.6 (Constants).
const registerClockFraction = 0.4

// RegisterToggleRateSource is the toggle rate assumed behind a source's
// per-bit register write energy: random data, half the bits toggle (an
// assumption; the sources do not state it).
const RegisterToggleRateSource = 0.5

// Values at the reference operations, 45 nm (the 40 nm Aladdin values
// ×1.15 energy, ×1.26 area, TR §7). Every estimate names its source.
var (
	multEnergy8 = []Estimate{
		{"aladdin 5 ns", aladdinMul32PJ * aladdinE45 / 16, "[D] Aladdin MUL 8.625 pJ (32 b) ×(8/32)² ×1.15, TR §2.1"},
		{"aladdin 1 ns", 12.683 * aladdinE45 / 16, "[D] Aladdin MUL 12.683 pJ (32 b, 1 ns) ×(8/32)² ×1.15, TR §2.1"},
		{"horowitz", 0.2, "[S] Horowitz 8-bit multiply 0.2 pJ, TR §1.1"},
		{"evoapprox", 0.391, "[D] EvoApprox mul8u_1JFF 0.391 mW read at 1 GHz, TR §2.4"},
	}
	multArea8 = []Estimate{
		{"aladdin 5 ns", aladdinMul32UM2 * aladdinA45 / 16, "[D] Aladdin MUL 4595 µm² ×(8/32)² ×1.26, TR §2.1"},
		{"aladdin 1 ns", 6351 * aladdinA45 / 16, "[D] Aladdin MUL 6351 µm² (1 ns) ×(8/32)² ×1.26, TR §2.1"},
		{"horowitz", horowitzMul8UM2, "[U] recalled Horowitz 8-bit multiplier 282 µm², TR §1.3"},
		{"evoapprox", 709.6, "[S] EvoApprox mul8u_1JFF 709.6 µm², TR §2.4"},
	}
	adderEnergy32 = []Estimate{
		{"aladdin 5 ns", aladdinAdd32PJ * aladdinE45, "[D] Aladdin ADD 0.0856 pJ ×1.15, TR §2.1"},
		{"aladdin 1 ns", 0.2104 * aladdinE45, "[D] Aladdin ADD 0.2104 pJ (1 ns) ×1.15, TR §2.1"},
		{"horowitz", 0.1, "[S] Horowitz 32-bit add 0.1 pJ, TR §1.1"},
		{"evoapprox", 2 * 0.072, "[D] EvoApprox add16u_1E2 0.072 mW at 1 GHz, ×2 for 32 bits, TR §2.4"},
	}
	adderArea32 = []Estimate{
		{"aladdin 5 ns", aladdinAdd32UM2 * aladdinA45, "[D] Aladdin ADD 179.4 µm² ×1.26, TR §2.1"},
		{"aladdin 1 ns", 278 * aladdinA45, "[D] Aladdin ADD 278 µm² (1 ns) ×1.26, TR §2.1"},
		{"horowitz", horowitzAdd32UM2, "[U] recalled Horowitz 32-bit adder 137 µm², TR §1.3"},
		{"evoapprox", 8.67*32 + 2.9, "[D] EvoApprox adder fit 8.67·N + 2.9 µm² at N = 32, TR §2.4"},
	}
	muxEnergy = []Estimate{
		{"aladdin", aladdinShift32PJ * aladdinE45 / shifterMuxBits32, "[D] Aladdin SHIFTER 0.4165 pJ / 160 mux bits ×1.15, TR §2.3"},
		{"aladdin (older model)", 0.8055 * aladdinE45 / shifterMuxBits32, "[D] Aladdin@07a4a38 SHIFTER 0.797–0.814 pJ (midpoint) / 160 ×1.15, TR §2.1"},
		{"shiftaddnet 8 b", muxNominalPJ, "[D] ShiftAddNet FIX8 shift 0.024 pJ / (8·3), TR §2.3"},
		{"shiftaddnet 32 b", 0.13 / shifterMuxBits32, "[D] ShiftAddNet 32-bit shift 0.13 pJ / (32·5), TR §2.3"},
	}
	muxArea = []Estimate{
		{"aladdin", aladdinShift32UM2 * aladdinA45 / shifterMuxBits32, "[D] Aladdin SHIFTER 249.6 µm² / 160 ×1.26, TR §2.3"},
		{"aladdin (older model)", 519.8 * aladdinA45 / shifterMuxBits32, "[D] Aladdin@07a4a38 SHIFTER 519.8 µm² / 160 ×1.26, TR §2.1"},
	}
	fpEnergy = []Estimate{
		{"aladdin", aladdinFPAddPJ * aladdinE45, "[D] Aladdin FP_SP_3STAGE_ADD 7.93 pJ ×1.15, TR §2.1"},
		{"horowitz", 0.9, "[S] Horowitz 32-bit FP add 0.9 pJ, TR §1.1"},
	}
	fpArea = []Estimate{
		{"aladdin", aladdinFPAddUM2 * aladdinA45, "[D] Aladdin FP_SP_3STAGE_ADD 2064 µm² ×1.26, TR §2.1"},
		{"horowitz", 4184, "[U] recalled Horowitz 32-bit FP adder 4184 µm², TR §1.3"},
	}
	// Logic leakage density per Aladdin unit (5 ns rows, mW/µm² at 40 nm,
	// carried to 45 nm as leakage per cell unchanged, area ×1.26).
	leakage = []Estimate{
		{"aladdin mean", 8.735e-6, "[D] mean of REG, ADD, MUL, SHIFTER, BIT densities /1.26, tech package doc"},
		{"aladdin SHIFTER", 1.69e-3 / 249.6 / aladdinA45, "[D] Aladdin SHIFTER 1.69e-3 mW / 249.6 µm² /1.26, TR §2.1"},
		{"aladdin ADD", 2.38e-3 / 179.4 / aladdinA45, "[D] Aladdin ADD 2.38e-3 mW / 179.4 µm² /1.26, TR §2.1"},
	}
	clockFraction = []Estimate{
		{"assumption", registerClockFraction, "assumption: 40 % of a register bit's write energy is its clock"},
		{"assumption low", 0.25, "assumption: low end"},
		{"assumption high", 0.6, "assumption: high end"},
	}
)

// Constants lists every uncertain constant in report order (the tornado
// table's rows).
func Constants() []Constant {
	return []Constant{
		{Name: "mult_energy", Unit: "pJ", Reference: "8×8-bit multiply", Estimates: multEnergy8,
			value: func(t Table) float64 { return t.MultEnergyPJ(8, 8) },
			scale: func(t *Table, f float64) { t.Mult.EnergyCoeffPJ *= f }},
		{Name: "mult_area", Unit: "µm²", Reference: "8×8-bit multiplier", Estimates: multArea8,
			value: func(t Table) float64 { return t.MultAreaUM2(8, 8) },
			scale: func(t *Table, f float64) { t.Mult.AreaCoeffUM2 *= f; t.Mult.Area32UM2 *= f }},
		{Name: "adder_energy", Unit: "pJ", Reference: "32-bit add", Estimates: adderEnergy32,
			value: func(t Table) float64 { return t.AdderEnergyPJ(32) },
			scale: func(t *Table, f float64) { t.Adder.EnergyPerBitPJ *= f }},
		{Name: "adder_area", Unit: "µm²", Reference: "32-bit adder", Estimates: adderArea32,
			value: func(t Table) float64 { return t.AdderAreaUM2(32) },
			scale: func(t *Table, f float64) { t.Adder.AreaPerBitUM2 *= f; t.Adder.AreaFixedUM2 *= f }},
		{Name: "mux_energy", Unit: "pJ", Reference: "one 2:1 mux bit of a barrel shifter", Estimates: muxEnergy,
			value: func(t Table) float64 { return t.Shifter.EnergyPerMuxBitPJ },
			scale: func(t *Table, f float64) { t.Shifter.EnergyPerMuxBitPJ *= f }},
		{Name: "mux_area", Unit: "µm²", Reference: "one 2:1 mux bit", Estimates: muxArea,
			value: func(t Table) float64 { return t.Shifter.AreaPerMuxBitUM2 },
			scale: func(t *Table, f float64) { t.Shifter.AreaPerMuxBitUM2 *= f }},
		{Name: "fp_energy", Unit: "pJ", Reference: "32-bit FP add (all FP units scale together)", Estimates: fpEnergy,
			value: func(t Table) float64 { return t.FP.FP32AddPJ },
			scale: func(t *Table, f float64) {
				t.FP.FP16MultPJ *= f
				t.FP.FP16AddPJ *= f
				t.FP.FP32MultPJ *= f
				t.FP.FP32AddPJ *= f
			}},
		{Name: "fp_area", Unit: "µm²", Reference: "32-bit FP adder (all FP units scale together)", Estimates: fpArea,
			value: func(t Table) float64 { return t.FP.FP32AddUM2 },
			scale: func(t *Table, f float64) { t.FP.FP16MultUM2 *= f; t.FP.FP32AddUM2 *= f; t.FP.FP32MultUM2 *= f }},
		{Name: "register_clock_fraction", Unit: "fraction", Reference: "clock share of a register bit's write energy", Estimates: clockFraction,
			value: func(t Table) float64 { return t.Register.ClockFraction },
			scale: func(t *Table, f float64) { t.Register.ClockFraction *= f }},
		{Name: "logic_leakage", Unit: "mW/µm²", Reference: "logic leakage density", Estimates: leakage,
			value: func(t Table) float64 { return t.LogicLeakageMWPerUM2 },
			scale: func(t *Table, f float64) { t.LogicLeakageMWPerUM2 *= f }},
		{Name: "sram_energy", Unit: "switch", Reference: "SRAM access energy: CACTI 7 (low) or Horowitz's cache points (high), TR §1.1, §3.1",
			set: func(t *Table, e End) bool { t.SRAM.UseHorowitz = e == HighEnd; return true }},
		{Name: "dram_access", Unit: "switch", Reference: "DRAM accesses: IDD commands (low) or the preset's pJ/bit, I/O included (high)",
			set: func(t *Table, e End) bool { t.DRAM.PerBit = e == HighEnd; return true }},
		{Name: "dram_background", Unit: "switch", Reference: "DRAM background: idle ranks powered down, IDD2P (low), or standby, IDD3N/IDD2N (high)",
			set: func(t *Table, e End) bool { t.DRAM.BackgroundPowerDown = e == LowEnd; return true }},
	}
}

// DRAMModel selects how the DRAM's energy is modelled; its constants (IDD
// currents, voltages, timings, pJ/bit) are the preset's (memory/dram/spec).
type DRAMModel struct {
	// PerBit prices every DRAM access at the preset's energy per bit
	// (EnergyPJPerBit, interface included) instead of from its activate,
	// read and write commands and IDD currents.
	PerBit bool `yaml:"per_bit"`
	// BackgroundPowerDown prices the DRAM's background at the precharge
	// power-down current IDD2P (a controller that powers idle ranks down)
	// instead of the standby current (IDD3N with open pages, IDD2N closed).
	BackgroundPowerDown bool `yaml:"background_power_down"`
}
