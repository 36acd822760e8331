package cost

import (
	"fmt"

	"github.com/logsim/logsim/tech"
)

// SRAM describes one on-chip buffer for pricing: CapacityKiB KiB split into
// Banks equal single-port macros of WordBits-bit words. A double-buffered
// buffer (active and prefetch halves) is two banks. Costs come from the
// technology table's SRAM model (tech package doc: CACTI 7 at 45 nm, or
// Horowitz at the high corner; interpolated in log size).
type SRAM struct {
	CapacityKiB float64 // total capacity (KiB)
	WordBits    int     // word width (bits)
	Banks       int     // macros the capacity is split into (≥ 1)
}

// macro returns the cost of one bank's macro.
func (s SRAM) macro(t tech.Table) (tech.SRAMCost, error) {
	if s.Banks < 1 {
		return tech.SRAMCost{}, fmt.Errorf("SRAM of %v KiB: banks %d: want at least 1", s.CapacityKiB, s.Banks)
	}
	c, err := t.SRAMMacro(s.CapacityKiB/float64(s.Banks), s.WordBits)
	if err != nil {
		return tech.SRAMCost{}, fmt.Errorf("SRAM of %v KiB in %d banks: %w", s.CapacityKiB, s.Banks, err)
	}
	return c, nil
}

// ReadPJ is the energy of reading one word (pJ).
func (s SRAM) ReadPJ(t tech.Table) (float64, error) {
	c, err := s.macro(t)
	return c.ReadPJ, err
}

// WritePJ is the energy of writing one word (pJ).
func (s SRAM) WritePJ(t tech.Table) (float64, error) {
	c, err := s.macro(t)
	return c.WritePJ, err
}

// ReadModifyWritePJ is the energy of one partial-sum update: one word read
// plus one word written (pJ).
func (s SRAM) ReadModifyWritePJ(t tech.Table) (float64, error) {
	c, err := s.macro(t)
	return c.ReadPJ + c.WritePJ, err
}

// AreaMM2 is the area of all banks (mm²).
func (s SRAM) AreaMM2(t tech.Table) (float64, error) {
	c, err := s.macro(t)
	return c.AreaMM2 * float64(s.Banks), err
}

// LeakageMW is the standby leakage of all banks (mW).
func (s SRAM) LeakageMW(t tech.Table) (float64, error) {
	c, err := s.macro(t)
	return c.LeakageMW * float64(s.Banks), err
}
