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
	Nominal Corner = iota // every constant at its source's value
	Low                   // every constant at the low end of its range (Constants)
	High                  // every constant at the high end of its range
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

// Values shared by the sources.
const (
	muxNominalPJ = 1.0e-3 // [D] ShiftAddNet FIX8 shift 0.024 pJ / (8·3) mux-bits (TR §2.3)

	multNominalCoeffPJ = 3.28e-3 // [D] Horowitz fit through 8 b 0.2 and 32 b 3.1 pJ (TR §8.1)
	multNominalExp     = 1.977
)

// ForCorner returns the default source's 45 nm table at corner c
// (ForSource). The DRAM's energy per bit follows the corner too, but
// lives in the DRAM preset (spec.Params.EnergyScale).
func ForCorner(c Corner) (Table, error) { return ForSource(DefaultSource, c) }
