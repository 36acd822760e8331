package sim

import (
	"fmt"

	"github.com/logsim/logsim/sim/cost"
)

// activity is what the layer did, as the pricing counts it.
func (l LayerResult) activity() cost.Activity {
	access := func(i int) cost.BufferAccess {
		return cost.BufferAccess{ReadWords: l.SRAM[i].Reads(), WriteWords: l.SRAM[i].Writes()}
	}
	return cost.Activity{
		MACs: l.MACs(), FoldPEs: l.FoldPEs,
		Outputs: l.Traffic.FinalWrites, PsumAdds: l.Traffic.PsumReads,
		Ifmap: access(0), Filter: access(1), Ofmap: access(2),
		DRAMReadBits: 8 * l.DRAMBytes.Read(), DRAMWriteBits: 8 * l.DRAMBytes.Written(),
		Cycles: l.TotalCycles,
	}.WithDRAMCommands(l.DRAM)
}

// activity is what the vector-unit layer did, as the pricing counts it.
func (v VectorResult) activity() cost.Activity {
	access := func(i int) cost.BufferAccess {
		return cost.BufferAccess{ReadWords: v.SRAM[i].Reads(), WriteWords: v.SRAM[i].Writes()}
	}
	return cost.Activity{
		VectorOps: v.Ops, Ifmap: access(0), Filter: access(1), Ofmap: access(2),
		DRAMReadBits: 8 * v.DRAMBytes.Read(), DRAMWriteBits: 8 * v.DRAMBytes.Written(),
		Cycles: v.TotalCycles,
	}.WithDRAMCommands(v.DRAM)
}

// price fills every layer's energy and the network's cost report (the
// final drain's leakage included).
func (n *NetworkResult) price(p cost.Prices) error {
	var total cost.Activity
	for i := range n.Layers {
		a := n.Layers[i].activity()
		e, err := p.Energy(a)
		if err != nil {
			return fmt.Errorf("layer %q: %w", n.Layers[i].Layer.Name, err)
		}
		n.Layers[i].Energy = e
		total = total.Add(a)
	}
	for i := range n.Vector {
		a := n.Vector[i].activity()
		e, err := p.Energy(a)
		if err != nil {
			return fmt.Errorf("layer %q: %w", n.Vector[i].Layer.Name, err)
		}
		n.Vector[i].Energy = e
		total = total.Add(a)
	}
	total.Cycles += n.DrainCycles
	total = total.Add(cost.Activity{}.WithDRAMCommands(n.DrainDRAM))
	var err error
	n.Cost, err = p.Report(total)
	n.CostNotes = p.Notes()
	return err
}
