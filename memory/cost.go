package memory

import (
	"fmt"

	"github.com/logsim/logsim/tech"
)

// SRAM describes one on-chip buffer for costing: CapacityKiB KiB split into
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

// DRAMEnergyPJPerBit is the DRAM energy per bit transferred (pJ/bit) of a
// memory type ("ddr4", "lpddr4", "hbm2", …) at the table's corner.
func DRAMEnergyPJPerBit(t tech.Table, memType string) (float64, error) {
	return t.DRAMEnergyPJPerBit(memType)
}

// DRAMWordBits is the word into which DRAM tensors are packed (bits).
const DRAMWordBits = 64

// WordsFor is the number of wordBits-bit words holding elements codes of
// bitsPerElement bits, packed ⌊wordBits/bitsPerElement⌋ to a word, never
// straddling words (design.md §5): ⌈elements / ⌊W/b⌋⌉. A code wider than the
// word takes ⌈b/W⌉ whole words.
func WordsFor(elements int64, bitsPerElement, wordBits int) int64 {
	if elements <= 0 || bitsPerElement <= 0 || wordBits <= 0 {
		return 0
	}
	if bitsPerElement > wordBits {
		per := int64((bitsPerElement + wordBits - 1) / wordBits)
		return elements * per
	}
	perWord := int64(wordBits / bitsPerElement)
	return (elements + perWord - 1) / perWord
}

// BytesPacked is the size in DRAM (bytes) of a tensor of elements codes of
// bitsPerElement bits. DRAM layout: the tensor is stored contiguously,
// packed into 64-bit words by the same rule as the SRAM (⌊64/b⌋ codes per
// word, none straddling), so it takes 8·WordsFor(elements, b, 64) bytes.
func BytesPacked(elements int64, bitsPerElement int) int64 {
	return WordsFor(elements, bitsPerElement, DRAMWordBits) * DRAMWordBits / 8
}
