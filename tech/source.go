package tech

import (
	"fmt"
	"math"
	"strings"
)

// Source names where the logic constants of a table come from: one
// consistent source per table (`--cost-source`). SRAM (CACTI 7) and
// the DRAM (the preset's IDD currents) are the same for every source.
type Source string

// The cost sources. DefaultSource is the one logsim uses unless told.
const (
	// Aladdin is Shao et al., ISCA 2014: TSMC 40 nm, Synopsys DesignWare,
	// the relaxed-timing (5 ns) rows of harvard-acc/ALADDIN
	// common/power_func.h@b4444c3 (TR §2.1), carried to 45 nm by TR §7's
	// ×1.15 energy, ×1.26 area. It covers every primitive logsim prices.
	Aladdin Source = "aladdin"
	// Horowitz is Horowitz, ISSCC 2014 for the integer and FP adders and
	// multipliers (energies [S], TR §1.1; areas recalled [U], TR §1.3),
	// ShiftAddNet for the shifter's mux energy (TR §2.3), Aladdin for
	// everything else (mux area, gates, registers, leakage).
	Horowitz Source = "horowitz"
	// Synth is the synthesized PEs of tech/synth_pes.csv (logsim synth:
	// yosys and OpenSTA on sky130_fd_sc_hd, 130 nm, 1.80 V): each PE's
	// logic energy, area, leakage and critical path; its registers and
	// everything else from Aladdin.
	Synth Source = "synth"
)

// DefaultSource is the source of the default table: Horowitz, because its
// PE energy ratios are the ones synthesized hardware gives. Against the
// synthesized PEs of synth_pes.csv (README "Hardware ground truth",
// `logsim synth check`), the energy per MAC of mult:a8w4, shift:a8w4,
// shift:a8w3 and logboth:a4w4 relative to mult:a8w8 is 0.75, 0.74, 0.58,
// 0.61 synthesized, 0.74, 0.68, 0.59, 0.60 with Horowitz (within
// 0.01–0.06) and 0.64, 0.48, 0.39, 0.35 with Aladdin, whose multiplier
// energy (3.1× Horowitz's) makes the log PEs 33–43 % too cheap. The
// energy ratio is the comparison logsim exists to make. Both sources
// overstate the log PEs' area ratios (synthesized 0.76, 0.57, 0.53, 0.55;
// Horowitz 0.79, 0.74, 0.67, 0.76; Aladdin 0.78, 0.70, 0.64, 0.73),
// mostly through the Aladdin register bit both use, 2.4× sky130's
// flip-flop; Aladdin slightly less. Aladdin remains the source that
// gives every primitive — energy, area and leakage — from one synthesis
// flow with each value seen in the source ([S]); Horowitz's areas are
// recalled ([U], TR §1.3). The synthesized PEs (Synth) cover only the
// five specs of the cross-check, so they cannot be the default.
const DefaultSource = Horowitz

// Sources lists the selectable sources in documentation order.
func Sources() []Source { return []Source{Aladdin, Horowitz, Synth} }

// ParseSource reads a source name (any case).
func ParseSource(s string) (Source, error) {
	for _, src := range Sources() {
		if strings.EqualFold(strings.TrimSpace(s), string(src)) {
			return src, nil
		}
	}
	return "", fmt.Errorf("unknown cost source %q (valid: aladdin, horowitz, synth)", s)
}

// The Aladdin constants (TR §2.1, 5 ns rows, 32-bit units; REG per bit),
// and the 40 → 45 nm factors of TR §7.
const (
	aladdinE45 = 1.15 // energy 40 → 45 nm [D] TR §7
	aladdinA45 = 1.26 // area 40 → 45 nm [D] TR §7

	aladdinMul32PJ    = 8.625  // MUL 5 ns [S]
	aladdinMul32UM2   = 4595   // MUL 5 ns [S]
	aladdinAdd32PJ    = 0.0856 // ADD 2–10 ns rows 0.0853–0.0859 [S], midpoint [D]
	aladdinAdd32UM2   = 179.4  // ADD [S]
	aladdinShift32PJ  = 0.4165 // SHIFTER 5 ns [S], 32 bits × 5 stages = 160 mux bits
	aladdinShift32UM2 = 249.6  // SHIFTER [S]
	aladdinBit32PJ    = 0.018  // BIT 32-bit op [S]
	aladdinBit32UM2   = 50.37  // BIT [S]
	aladdinRegPJ      = 0.009004
	aladdinRegUM2     = 5.981
	aladdinFPAddPJ    = 7.93  // FP_SP_3STAGE_ADD 5 ns [S]
	aladdinFPAddUM2   = 2064  // [S]
	aladdinFPMulPJ    = 24.35 // FP_SP_3STAGE_MUL 5 ns [S]
	aladdinFPMulUM2   = 4906  // [S]
	shifterMuxBits32  = 32 * 5
	fp16SignificandSq = (11.0 / 24) * (11.0 / 24) // Accelergy's quadratic width rule on the significand array
)

// The Horowitz constants (45 nm, 0.9 V). Energies [S] TR §1.1; areas
// recalled, not seen [U] (TR §1.3: "8b add ≈ 36, 32b add ≈ 137, 8b mult
// ≈ 282, 32b mult ≈ 3495, FP16 add ≈ 1360, FP32 add ≈ 4184, FP16 mult
// ≈ 1640, FP32 mult ≈ 7700 µm²").
const (
	horowitzMul8UM2  = 282  // [U]
	horowitzMul32UM2 = 3495 // [U]
	horowitzAdd8UM2  = 36   // [U]
	horowitzAdd32UM2 = 137  // [U]
)

// ForSource returns the 45 nm table of src at corner c: every constant at
// its source's value (nominal) or at the low or high end of its range
// (Constants). The synth source's synthesized PEs are the same at every
// corner.
func ForSource(src Source, c Corner) (Table, error) {
	var t Table
	switch src {
	case Aladdin:
		t = aladdinTable()
	case Horowitz:
		t = horowitzTable()
	case Synth:
		var err error
		if t, err = synthTable(); err != nil {
			return Table{}, err
		}
	default:
		return Table{}, fmt.Errorf("unknown cost source %q", src)
	}
	return t.AtCorner(c)
}

// common is what every source shares: node, voltage, SRAM, the one-hot
// decoder and gates from Aladdin, registers from Aladdin.
func common(src Source) Table {
	return Table{
		NodeNM: 45, Corner: Nominal, Source: src, VddV: 0.9,
		Gate: GateModel{
			EnergyPerBitPJ: aladdinBit32PJ / 32 * aladdinE45,
			AreaPerBitUM2:  aladdinBit32UM2 / 32 * aladdinA45,
		},
		Register: RegisterModel{
			EnergyPerBitWritePJ: aladdinRegPJ * aladdinE45,
			AreaPerBitUM2:       aladdinRegUM2 * aladdinA45,
			ClockFraction:       registerClockFraction,
		},
		LogicLeakageMWPerUM2: 8.735e-6,
		SRAM:                 defaultSRAM(),
	}
}

// aladdinTable is every logic primitive from Aladdin: multipliers and FP
// units quadratic in width from the 32-bit unit, adders linear, the
// shifter per mux bit (Accelergy's Aladdin plug-in rules, TR §2.2).
func aladdinTable() Table {
	t := common(Aladdin)
	mulPJ, mulUM2 := aladdinMul32PJ*aladdinE45, aladdinMul32UM2*aladdinA45
	t.Mult = MultModel{
		EnergyCoeffPJ: mulPJ / 1024, EnergyExp: 2,
		AreaCoeffUM2: mulUM2 / 1024, AreaExp: 2, AreaFitMaxBits: 32, Area32UM2: mulUM2,
	}
	t.Adder = AdderModel{EnergyPerBitPJ: aladdinAdd32PJ * aladdinE45 / 32, AreaPerBitUM2: aladdinAdd32UM2 * aladdinA45 / 32}
	mux := MuxModel{
		EnergyPerMuxBitPJ: aladdinShift32PJ * aladdinE45 / shifterMuxBits32,
		AreaPerMuxBitUM2:  aladdinShift32UM2 * aladdinA45 / shifterMuxBits32,
	}
	t.Shifter = mux
	t.FP = FPModel{
		FP32AddPJ: aladdinFPAddPJ * aladdinE45, FP32AddUM2: aladdinFPAddUM2 * aladdinA45,
		FP32MultPJ: aladdinFPMulPJ * aladdinE45, FP32MultUM2: aladdinFPMulUM2 * aladdinA45,
		FP16MultPJ: aladdinFPMulPJ * aladdinE45 * fp16SignificandSq, FP16MultUM2: aladdinFPMulUM2 * aladdinA45 * fp16SignificandSq,
		FP16AddPJ: aladdinFPAddPJ * aladdinE45 * 16 / 32,
	}
	return t
}

// horowitzTable is Horowitz's adders and multipliers, ShiftAddNet's mux
// energy and Aladdin's mux area, gates and registers.
func horowitzTable() Table {
	t := common(Horowitz)
	// Areas: power law through the recalled 8- and 32-bit points.
	aExp := math.Log(float64(horowitzMul32UM2)/horowitzMul8UM2) / math.Log(4)
	t.Mult = MultModel{
		EnergyCoeffPJ: multNominalCoeffPJ, EnergyExp: multNominalExp,
		AreaCoeffUM2: horowitzMul8UM2 / math.Pow(8, aExp), AreaExp: aExp, AreaFitMaxBits: 32, Area32UM2: horowitzMul32UM2,
	}
	perBit := (horowitzAdd32UM2 - horowitzAdd8UM2) / 24.0
	t.Adder = AdderModel{EnergyPerBitPJ: 3.4e-3, AreaPerBitUM2: perBit, AreaFixedUM2: horowitzAdd8UM2 - 8*perBit}
	t.Shifter = MuxModel{EnergyPerMuxBitPJ: muxNominalPJ, AreaPerMuxBitUM2: aladdinShift32UM2 * aladdinA45 / shifterMuxBits32}
	t.FP = FPModel{
		FP16MultPJ: 1.1, FP16AddPJ: 0.4, FP32MultPJ: 3.7, FP32AddPJ: 0.9, // [S] TR §1.1
		FP32AddUM2: 4184, FP32MultUM2: 7700, FP16MultUM2: 1640, // [U] TR §1.3
	}
	return t
}
