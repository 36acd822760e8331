package cost

import (
	"fmt"

	"github.com/logsim/logsim/memory/dram/spec"

	"github.com/logsim/logsim/dataflow"
)

// BufferAccess counts the word accesses of one SRAM buffer, array side and
// DMA side together. A partial-sum read-modify-write is one read plus one
// write.
type BufferAccess struct {
	ReadWords  int64 // words read (words of the buffer's width)
	WriteWords int64 // words written (words of the buffer's width)
}

// Add returns the element-wise sum of b and o.
func (b BufferAccess) Add(o BufferAccess) BufferAccess {
	return BufferAccess{ReadWords: b.ReadWords + o.ReadWords, WriteWords: b.WriteWords + o.WriteWords}
}

// Activity is what a simulated layer (or a whole network, summed with Add)
// did: the counts the energy model prices. See the package doc for what
// FoldPEs counts.
type Activity struct {
	MACs     int64 // multiply-accumulates in the PEs (count)
	FoldPEs  int64 // stationary loads: Σ over folds of PEs with work (PE·folds)
	Outputs  int64 // final outputs through the edge encoder/requantizer (elements)
	PsumAdds int64 // partial-sum additions in the edge adders (additions)
	// VectorOps are the vector unit's operations (layers off the array).
	VectorOps int64

	Ifmap  BufferAccess // ifmap buffer accesses (words)
	Filter BufferAccess // filter buffer accesses (words)
	Ofmap  BufferAccess // ofmap/partial-sum buffer accesses (words)

	DRAMReadBits  int64 // bits read from DRAM (bits)
	DRAMWriteBits int64 // bits written to DRAM (bits)
	// DRAM commands the DRAM model issued (the fast model counts them;
	// others leave them 0): activates (each with its precharge), read and
	// write bursts, all-bank refreshes of one rank.
	DRAMActivates, DRAMReadBursts, DRAMWriteBursts, DRAMRefreshes int64

	Cycles int64 // elapsed array cycles, stalls included (cycles)
}

// Add returns the sum of a and o: the activity of running both, one after
// the other (cycles add).
func (a Activity) Add(o Activity) Activity {
	return Activity{
		MACs:          a.MACs + o.MACs,
		FoldPEs:       a.FoldPEs + o.FoldPEs,
		Outputs:       a.Outputs + o.Outputs,
		PsumAdds:      a.PsumAdds + o.PsumAdds,
		VectorOps:     a.VectorOps + o.VectorOps,
		Ifmap:         a.Ifmap.Add(o.Ifmap),
		Filter:        a.Filter.Add(o.Filter),
		Ofmap:         a.Ofmap.Add(o.Ofmap),
		DRAMReadBits:  a.DRAMReadBits + o.DRAMReadBits,
		DRAMWriteBits: a.DRAMWriteBits + o.DRAMWriteBits,
		DRAMActivates: a.DRAMActivates + o.DRAMActivates, DRAMReadBursts: a.DRAMReadBursts + o.DRAMReadBursts,
		DRAMWriteBursts: a.DRAMWriteBursts + o.DRAMWriteBursts, DRAMRefreshes: a.DRAMRefreshes + o.DRAMRefreshes,
		Cycles: a.Cycles + o.Cycles,
	}
}

// DRAMBits is the DRAM traffic in both directions (bits).
func (a Activity) DRAMBits() int64 { return a.DRAMReadBits + a.DRAMWriteBits }

// Validate rejects a negative count; the error names the field.
func (a Activity) Validate() error {
	for _, f := range []struct {
		name string
		v    int64
	}{
		{"MACs", a.MACs}, {"FoldPEs", a.FoldPEs}, {"Outputs", a.Outputs}, {"PsumAdds", a.PsumAdds}, {"VectorOps", a.VectorOps},
		{"Ifmap.ReadWords", a.Ifmap.ReadWords}, {"Ifmap.WriteWords", a.Ifmap.WriteWords},
		{"Filter.ReadWords", a.Filter.ReadWords}, {"Filter.WriteWords", a.Filter.WriteWords},
		{"Ofmap.ReadWords", a.Ofmap.ReadWords}, {"Ofmap.WriteWords", a.Ofmap.WriteWords},
		{"DRAMReadBits", a.DRAMReadBits}, {"DRAMWriteBits", a.DRAMWriteBits},
		{"DRAMActivates", a.DRAMActivates}, {"DRAMReadBursts", a.DRAMReadBursts}, {"DRAMWriteBursts", a.DRAMWriteBursts},
		{"DRAMRefreshes", a.DRAMRefreshes}, {"Cycles", a.Cycles},
	} {
		if f.v < 0 {
			return fmt.Errorf("activity: %s = %d: must not be negative", f.name, f.v)
		}
	}
	return nil
}

// ArrayActivity returns the array-side counts of a mapping: MACs, FoldPEs
// (Count·Sr·Sc: every fold's used rows × used columns, summed), Outputs
// (final writes after the encoder) and PsumAdds (partial sums read back
// and added at the edge, WS and IS with more than one row fold). Buffer
// words, DRAM bits and cycles depend on the memory system and are left
// zero for the simulation to fill.
func ArrayActivity(m dataflow.Mapping) Activity {
	tr := m.Traffic()
	return Activity{
		MACs:     m.GEMM.MACs(),
		FoldPEs:  int64(m.GEMM.Count) * int64(m.Sr) * int64(m.Sc),
		Outputs:  tr.FinalWrites,
		PsumAdds: tr.PsumReads,
	}
}

// WithDRAMCommands is a with the DRAM commands of stats (a fast model's
// counters over the same span).
func (a Activity) WithDRAMCommands(s spec.Stats) Activity {
	a.DRAMActivates, a.DRAMReadBursts = int64(s.Activates()), int64(s.ReadBursts)
	a.DRAMWriteBursts, a.DRAMRefreshes = int64(s.WriteBursts), int64(s.Refreshes)
	return a
}
