package tech

import (
	"math"
)

// Table holds every cost constant of logsim at one technology node and
// corner. The zero value is not useful: start from Default, ForCorner or
// Scaled. Energies are pJ per operation at the table's node and 0.9 V,
// assuming the average switching activity of the source tables.
type Table struct {
	// NodeNM is the technology node the constants apply to (nm). Set by
	// Default (45) and Scaled; not overridable.
	NodeNM int `yaml:"-"`
	// Corner is the corner the constants are at: nominal (each at its
	// source's value) or every constant at the low or high end of its
	// range (Constants). Set by ForSource; not overridable.
	Corner Corner `yaml:"-"`
	// Source is the cost source of the logic constants (ForSource); not
	// overridable.
	Source Source `yaml:"-"`
	// VddV is the supply voltage of the energy constants (V): 0.9, the
	// Horowitz table's voltage (design.md §7).
	VddV float64 `yaml:"vdd_v"`
	// Overrides names the override file applied to this table, if any.
	Overrides string `yaml:"-"`

	Mult     MultModel     `yaml:"mult"`
	Adder    AdderModel    `yaml:"adder"`
	Shifter  MuxModel      `yaml:"shifter"`
	Gate     GateModel     `yaml:"gate"`
	Register RegisterModel `yaml:"register"`
	FP       FPModel       `yaml:"fp"`
	// LogicLeakageMWPerUM2 is the leakage power density of logic and
	// registers (mW per µm² of cell area). Source: see the package doc
	// ("Logic leakage"), [D] from Aladdin 40 nm.
	LogicLeakageMWPerUM2 float64   `yaml:"logic_leakage_mw_per_um2"`
	SRAM                 SRAMModel `yaml:"sram"`
	// DRAM selects how the DRAM's energy is modelled (its constants are
	// the preset's: memory/dram/spec).
	DRAM DRAMModel `yaml:"dram"`
	// SynthPEs are the synthesized PEs of the synth source (nil for the
	// others), at the table's node; not overridable.
	SynthPEs SynthPEs `yaml:"-"`
	// The DRAM's energy per bit is not in the table: each DRAM preset
	// carries its own, with its sources and corner scales
	// (memory/dram/spec), and --dram-set EnergyPJPerBit overrides it.
}

// MultModel is an integer multiplier: energy and area power laws in the
// effective width N = √(a·w) of an a-bit by w-bit multiplier.
type MultModel struct {
	// EnergyCoeffPJ and EnergyExp: E = EnergyCoeffPJ·N^EnergyExp pJ.
	// Nominal 3.28e-3, 1.977: [D] fit through Horowitz 8 b 0.2 pJ and
	// 32 b 3.1 pJ (TR §1.1, §8.1). High corner 2.0e-3, 2.54: [D] EvoApprox
	// PDK45 power at an assumed 1 GHz (TR §2.4).
	EnergyCoeffPJ float64 `yaml:"energy_coeff_pj"`
	EnergyExp     float64 `yaml:"energy_exp"`
	// AreaCoeffUM2 and AreaExp: A = AreaCoeffUM2·N^AreaExp µm² for
	// N ≤ AreaFitMaxBits. [D] EvoApprox PDK45 fit 8.28, 2.135 over N = 7–16
	// (TR §2.4).
	AreaCoeffUM2   float64 `yaml:"area_coeff_um2"`
	AreaExp        float64 `yaml:"area_exp"`
	AreaFitMaxBits float64 `yaml:"area_fit_max_bits"`
	// Area32UM2 is the area of a 32×32-bit multiplier (µm²) used above
	// AreaFitMaxBits as A = Area32UM2·(N/32)² (Accelergy's quadratic rule).
	// [D] Aladdin MUL 4595 µm² @40 nm ×1.26 ≈ 5800 (TR §8.2 note).
	Area32UM2 float64 `yaml:"area_32b_um2"`
}

// AdderModel is an N-bit integer adder (ripple or prefix, as synthesised).
type AdderModel struct {
	// EnergyPerBitPJ: E = EnergyPerBitPJ·N pJ. [D] 3.4e-3, per-bit mean of
	// Horowitz 8 b 0.03 and 32 b 0.1 pJ (TR §8.1).
	EnergyPerBitPJ float64 `yaml:"energy_per_bit_pj"`
	// AreaPerBitUM2, AreaFixedUM2: A = AreaPerBitUM2·N + AreaFixedUM2 µm².
	// [D] EvoApprox PDK45 fit 8.67, 2.9 (TR §2.4).
	AreaPerBitUM2 float64 `yaml:"area_per_bit_um2"`
	AreaFixedUM2  float64 `yaml:"area_fixed_um2"`
}

// MuxModel is a logarithmic barrel shifter (or a decoder modelled as one):
// N_out output bits times S stages of 2:1 multiplexers.
type MuxModel struct {
	// EnergyPerMuxBitPJ is the energy of one 2:1 mux bit per operation
	// (pJ). Nominal and low 1.0e-3 ([D] ShiftAddNet FIX8 shift 0.024 pJ/(8·3),
	// TR §2.3); high 3.0e-3 ([D] Aladdin 2.6 fJ @40 nm ×1.15, TR §2.3).
	EnergyPerMuxBitPJ float64 `yaml:"energy_per_mux_bit_pj"`
	// AreaPerMuxBitUM2 is the area of one mux bit (µm²). [D] Aladdin
	// 1.56 µm² @40 nm ×1.26 = 1.97 (TR §2.3, §8.1).
	AreaPerMuxBitUM2 float64 `yaml:"area_per_mux_bit_um2"`
}

// GateModel is one bitwise 2-input gate (XOR for a sign, AND, OR).
type GateModel struct {
	// EnergyPerBitPJ: [D] Aladdin BIT 0.018 pJ read as a 32-bit op, per bit,
	// ×1.15 = 0.65 fJ (TR §8.1).
	EnergyPerBitPJ float64 `yaml:"energy_per_bit_pj"`
	// AreaPerBitUM2: [D] Aladdin BIT 50.4 µm²/32 ×1.26 = 2.0 (TR §8.1).
	AreaPerBitUM2 float64 `yaml:"area_per_bit_um2"`
}

// RegisterModel is a flip-flop register.
type RegisterModel struct {
	// EnergyPerBitWritePJ is the energy of one clocked write of one bit
	// (pJ) at the source's average activity. [D] Aladdin REG 0.009 pJ
	// @40 nm ×1.15 = 0.0104 (TR §8.1).
	EnergyPerBitWritePJ float64 `yaml:"energy_per_bit_write_pj"`
	// ClockFraction is the part of EnergyPerBitWritePJ that the clock pin
	// spends every clocked cycle whatever the data; the rest is spent by a
	// bit that toggles, at the source's assumed toggle rate
	// (RegisterToggleRateSource). An assumption (no source in TR splits
	// Aladdin's REG energy): see Constants for its range.
	ClockFraction float64 `yaml:"clock_fraction"`
	// AreaPerBitUM2 is the area of one bit (µm²). [D] Aladdin 5.98 µm²
	// ×1.26 = 7.5 (TR §8.1).
	AreaPerBitUM2 float64 `yaml:"area_per_bit_um2"`
}

// FPModel holds the floating-point units of the fp16 reference PE.
type FPModel struct {
	// FP16MultPJ, FP16AddPJ, FP32MultPJ, FP32AddPJ: energy per operation
	// (pJ). [S] Horowitz 1.1, 0.4, 3.7, 0.9 (TR §1.1).
	FP16MultPJ float64 `yaml:"fp16_mult_pj"`
	FP16AddPJ  float64 `yaml:"fp16_add_pj"`
	FP32MultPJ float64 `yaml:"fp32_mult_pj"`
	FP32AddPJ  float64 `yaml:"fp32_add_pj"`
	// FP32AddUM2, FP32MultUM2: area (µm²). [D] Aladdin FP_SP_3STAGE add
	// 2064 and mult 4906 µm² @40 nm, 5 ns (TR §2.1) ×1.26 = 2601, 6182.
	FP32AddUM2  float64 `yaml:"fp32_add_um2"`
	FP32MultUM2 float64 `yaml:"fp32_mult_um2"`
	// FP16MultUM2: area (µm²). No source gives it: [D] assumption, the FP32
	// multiplier scaled by the significand-array ratio (11/24)² (Accelergy's
	// quadratic width rule): 6182·0.2101 = 1299.
	FP16MultUM2 float64 `yaml:"fp16_mult_um2"`
}

// Default returns the nominal table of the default source (DefaultSource)
// at 45 nm, 0.9 V.
func Default() Table {
	t, err := ForSource(DefaultSource, Nominal)
	if err != nil {
		panic(err) // the default source always has a table
	}
	return t
}

// clone returns a deep copy (slices are not shared).
func (t Table) clone() Table {
	c := t
	c.SRAM.Points = append([]SRAMPoint(nil), t.SRAM.Points...)
	c.SRAM.Fits = append([]SRAMFit(nil), t.SRAM.Fits...)
	c.SRAM.Horowitz = append([]HorowitzPoint(nil), t.SRAM.Horowitz...)
	return c
}

// MultEnergyPJ is the energy of one a-bit × w-bit integer multiplication
// (pJ), from the power law in N = √(a·w).
func (t Table) MultEnergyPJ(aBits, wBits int) float64 {
	n := math.Sqrt(float64(aBits) * float64(wBits))
	return t.Mult.EnergyCoeffPJ * math.Pow(n, t.Mult.EnergyExp)
}

// MultAreaUM2 is the area of an a-bit × w-bit integer multiplier (µm²).
func (t Table) MultAreaUM2(aBits, wBits int) float64 {
	n := math.Sqrt(float64(aBits) * float64(wBits))
	if n <= t.Mult.AreaFitMaxBits {
		return t.Mult.AreaCoeffUM2 * math.Pow(n, t.Mult.AreaExp)
	}
	return t.Mult.Area32UM2 * (n / 32) * (n / 32)
}

// AdderEnergyPJ is the energy of one N-bit addition (pJ).
func (t Table) AdderEnergyPJ(bits int) float64 { return t.Adder.EnergyPerBitPJ * float64(bits) }

// AdderAreaUM2 is the area of an N-bit adder (µm²).
func (t Table) AdderAreaUM2(bits int) float64 {
	return t.Adder.AreaPerBitUM2*float64(bits) + t.Adder.AreaFixedUM2
}

// ShifterEnergyPJ is the energy of one shift through a barrel shifter of
// outBits output bits and stages 2:1-mux stages (pJ).
func (t Table) ShifterEnergyPJ(outBits, stages int) float64 {
	return t.Shifter.EnergyPerMuxBitPJ * float64(outBits*stages)
}

// ShifterAreaUM2 is the area of that barrel shifter (µm²).
func (t Table) ShifterAreaUM2(outBits, stages int) float64 {
	return t.Shifter.AreaPerMuxBitUM2 * float64(outBits*stages)
}

// DecoderEnergyPJ is the energy of one decode by a one-hot decoder of
// outputs outputs from sel select bits (pJ): DecoderGates' toggling gates
// at the gate energy.
func (t Table) DecoderEnergyPJ(outputs, sel int) float64 {
	_, toggles := DecoderGates(outputs, sel)
	return t.Gate.EnergyPerBitPJ * float64(toggles)
}

// DecoderAreaUM2 is that decoder's area (µm²): DecoderGates' gates at the
// gate area.
func (t Table) DecoderAreaUM2(outputs, sel int) float64 {
	gates, _ := DecoderGates(outputs, sel)
	return t.Gate.AreaPerBitUM2 * float64(gates)
}

// DecoderGates sizes a one-hot decoder of outputs outputs from sel select
// bits built the usual way, with two predecoders (Weste & Harris, CMOS
// VLSI Design, 4th ed., §12.2.2: recalled, not checked here): the select
// bits split into hi = ⌈sel/2⌉ and lo = ⌊sel/2⌋, each predecoded into
// 2^hi and 2^lo lines by k-input ANDs (k − 1 two-input gates each, at
// least one), then one two-input AND per output, plus sel input
// inverters. gates counts two-input gates. On a new select value two
// output lines toggle (one falls, one rises), two lines of each
// predecoder toggle (through their k − 1 gates) and, at most, every select
// bit: toggles counts those gate switchings.
func DecoderGates(outputs, sel int) (gates, toggles int) {
	if outputs <= 1 || sel <= 0 {
		return 0, 0
	}
	hi, lo := (sel+1)/2, sel/2
	gates, toggles = outputs+sel, 2+sel
	for _, k := range []int{hi, lo} {
		if k == 0 {
			continue
		}
		per := max(k-1, 1)
		gates += (1 << k) * per
		toggles += 2 * per
	}
	return gates, toggles
}

// GateEnergyPJ is the energy of bits 2-input bitwise gates switching once (pJ).
func (t Table) GateEnergyPJ(bits int) float64 { return t.Gate.EnergyPerBitPJ * float64(bits) }

// GateAreaUM2 is the area of bits 2-input bitwise gates (µm²).
func (t Table) GateAreaUM2(bits int) float64 { return t.Gate.AreaPerBitUM2 * float64(bits) }

// RegisterWriteEnergyPJ is the energy of one clocked write of a bits-wide
// register at the source's average activity (pJ).
func (t Table) RegisterWriteEnergyPJ(bits int) float64 {
	return t.Register.EnergyPerBitWritePJ * float64(bits)
}

// RegisterClockPJ is the clock energy of bits flip-flops over one clocked
// cycle, whatever the data (pJ).
func (t Table) RegisterClockPJ(bits float64) float64 {
	return t.Register.EnergyPerBitWritePJ * t.Register.ClockFraction * bits
}

// RegisterTogglePJ is the data energy of bits flip-flop bits toggling once
// each (pJ): the non-clock part of the write energy, which the source
// spends at RegisterToggleRateSource, scaled to a toggle of every bit.
func (t Table) RegisterTogglePJ(bits float64) float64 {
	return t.Register.EnergyPerBitWritePJ * (1 - t.Register.ClockFraction) / RegisterToggleRateSource * bits
}

// RegisterAreaUM2 is the area of bits register bits (µm²).
func (t Table) RegisterAreaUM2(bits int) float64 { return t.Register.AreaPerBitUM2 * float64(bits) }

// LogicLeakageMW is the leakage power (mW) of logic of the given area (µm²).
func (t Table) LogicLeakageMW(areaUM2 float64) float64 { return t.LogicLeakageMWPerUM2 * areaUM2 }
