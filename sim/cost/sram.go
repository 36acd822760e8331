package cost

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/tech"
)

// SRAM describes one on-chip buffer for pricing: CapacityKiB KiB split into
// Banks equal single-port macros of WordBits-bit words. A double-buffered
// buffer (active and prefetch halves) is two banks. Costs come from the
// technology table's SRAM model (tech package doc: CACTI 7 at 45 nm, or
// Horowitz at the high corner; interpolated in log size).
type SRAM struct {
	CapacityKiB float64 // total capacity (KiB)
	WordBits    int     // macro word width (bits)
	Banks       int     // macros the capacity is split into (≥ 1)
	// AccessBits is the width of a word the simulation counts (bits): an
	// access to a macro WordBits wide moves WordBits/AccessBits of them and
	// costs a macro access per that many words. 0: WordBits.
	AccessBits int
}

// perAccess is the words of AccessBits one macro access moves (≥ 1).
func (s SRAM) perAccess() float64 {
	if s.AccessBits <= 0 || s.AccessBits >= s.WordBits {
		return 1
	}
	return float64(s.WordBits / s.AccessBits)
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

// ReadPJ is the energy of reading one counted word (pJ).
func (s SRAM) ReadPJ(t tech.Table) (float64, error) {
	c, err := s.macro(t)
	return c.ReadPJ / s.perAccess(), err
}

// WritePJ is the energy of writing one counted word (pJ).
func (s SRAM) WritePJ(t tech.Table) (float64, error) {
	c, err := s.macro(t)
	return c.WritePJ / s.perAccess(), err
}

// ReadModifyWritePJ is the energy of one partial-sum update: one word read
// plus one word written (pJ).
func (s SRAM) ReadModifyWritePJ(t tech.Table) (float64, error) {
	r, err := s.ReadPJ(t)
	if err != nil {
		return 0, err
	}
	w, err := s.WritePJ(t)
	return r + w, err
}

// AccessNS is one macro's access time (ns; 0: unknown).
func (s SRAM) AccessNS(t tech.Table) (float64, error) {
	c, err := s.macro(t)
	return c.AccessNS, err
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

// EdgeWordsPerCycle is the most words per cycle the array edge moves
// through each buffer (ifmap, filter, ofmap) of wordBits-bit words, codes
// never straddling words (memory.WordsFor):
//
//	WS  ifmap R activations, filter C weights (the stationary preload, a
//	    row per cycle), ofmap C partial sums written and C read back
//	OS  ifmap R activations, filter C weights, ofmap C partial sums
//	    written and C read back (a K tile's accumulation)
//	IS  ifmap C activations (the stationary preload), filter R weights,
//	    ofmap as WS
//
// with activations a bits, weights w bits and partial sums A bits: the
// ports a buffer needs so that the array never waits on it. Reads and
// writes of one cycle need a port each (single-port macros).
func EdgeWordsPerCycle(df dataflow.Dataflow, arr dataflow.Array, bits dataflow.OperandBits, wordBits int) [3]int64 {
	words := func(n, b int) int64 { return memory.WordsFor(int64(n), b, wordBits) }
	ifmapN, filterN := arr.Rows, arr.Cols
	if df == dataflow.IS {
		ifmapN, filterN = arr.Cols, arr.Rows
	}
	return [3]int64{words(ifmapN, bits.Ifmap), words(filterN, bits.Filter), 2 * words(arr.Cols, bits.Psum)}
}

// BuffersOf prices a design point's three buffers as built: each half of
// a double buffer is a bank of single-port macros of the point's word
// width, as many as the array edge uses words per cycle
// (EdgeWordsPerCycle) with ports that never stall (sram_words_per_cycle
// 0), at least sram_banks; with ports set by the user, sram_banks macros
// per half, each sram_words_per_cycle words wide. With per-layer specs
// (layer_pe) the buffers are built once for the most words any of the
// specs moves: every layer runs on the same buffers.
func BuffersOf(p design.Point) [3]SRAM {
	need := EdgeWordsPerCycle(p.Dataflow, p.Array, p.OperandBits(), p.WordBits)
	for layer := range p.LayerPE {
		more := EdgeWordsPerCycle(p.Dataflow, p.Array, p.OperandBitsFor(layer), p.WordBits)
		for i := range need {
			need[i] = max(need[i], more[i])
		}
	}
	kib := [3]int{p.IfmapKiB, p.FilterKiB, p.OfmapKiB}
	var out [3]SRAM
	for i := range out {
		macros, width := max(int64(p.SRAMBanks), need[i]), p.WordBits
		if p.SRAMWordsPerCycle > 0 {
			macros, width = int64(p.SRAMBanks), p.WordBits*p.SRAMWordsPerCycle
		}
		out[i] = SRAM{CapacityKiB: float64(kib[i]), WordBits: width, Banks: 2 * int(macros), AccessBits: p.WordBits}
	}
	return out
}
