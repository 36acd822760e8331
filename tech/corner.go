package tech

import (
	"fmt"
	"strings"
)

// Corner selects, for every uncertain constant, the value of a named source
// (design.md §7).
type Corner int

// The corners. Nominal is the default.
const (
	Nominal Corner = iota // ShiftAddNet shifter, Horowitz multiplier, CACTI SRAM, DDR4 20 pJ/bit
	Low                   // as Nominal; DRAM presets at their low scale (DDR4 16 pJ/bit, Micron IDD, page hit)
	High                  // Aladdin shifter, EvoApprox multiplier, Horowitz SRAM; DDR4 72 pJ/bit
)

// Corners lists every corner in report order.
func Corners() []Corner { return []Corner{Nominal, Low, High} }

// String returns "nominal", "low" or "high".
func (c Corner) String() string {
	switch c {
	case Nominal:
		return "nominal"
	case Low:
		return "low"
	case High:
		return "high"
	}
	return fmt.Sprintf("corner(%d)", int(c))
}

// ParseCorner reads "nominal", "low" or "high" (any case).
func ParseCorner(s string) (Corner, error) {
	for _, c := range Corners() {
		if strings.EqualFold(strings.TrimSpace(s), c.String()) {
			return c, nil
		}
	}
	return 0, fmt.Errorf("unknown corner %q (want nominal, low or high)", s)
}

// Per-corner values of the uncertain constants (design.md §7).
const (
	muxNominalPJ = 1.0e-3 // [D] ShiftAddNet FIX8 shift 0.024 pJ / (8·3) mux-bits (TR §2.3)
	muxHighPJ    = 3.0e-3 // [D] Aladdin 32-b shifter 0.4165 pJ/160 = 2.6 fJ @40 nm ×1.15 (TR §2.3)

	multNominalCoeffPJ = 3.28e-3 // [D] Horowitz fit (TR §8.1)
	multNominalExp     = 1.977
	multHighCoeffPJ    = 2.0e-3 // [D] EvoApprox power fit at an assumed 1 GHz (TR §2.4)
	multHighExp        = 2.54
)

// ForCorner returns the 45 nm table at corner c. The DRAM's energy per bit
// follows the corner too, but lives in the DRAM preset
// (spec.Params.EnergyScale).
func ForCorner(c Corner) (Table, error) {
	t := Default()
	t.Corner = c
	switch c {
	case Nominal:
		return t, nil
	case Low:
		return t, nil
	case High:
		t.Shifter.EnergyPerMuxBitPJ = muxHighPJ
		t.Decoder.EnergyPerMuxBitPJ = muxHighPJ
		t.Mult.EnergyCoeffPJ, t.Mult.EnergyExp = multHighCoeffPJ, multHighExp
		t.SRAM.UseHorowitz = true
		return t, nil
	}
	return Table{}, fmt.Errorf("unknown corner %d", int(c))
}
