package sim

import (
	"fmt"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/sim/energy"
)

// energyDesign is the design point as the energy model sees it.
func (d DesignPoint) energyDesign() (energy.Design, error) {
	t, err := d.TechTable()
	if err != nil {
		return energy.Design{}, fmt.Errorf("technology table: %w", err)
	}
	p, err := dram.ResolveParams(d.DRAM)
	if err != nil {
		return energy.Design{}, fmt.Errorf("DRAM: %w", err)
	}
	return energy.Design{
		PE: d.PE, Array: d.Array, Dataflow: d.Dataflow, Timing: d.Timing, ClockMHz: d.ClockMHz,
		Ifmap:    energy.DoubleBuffered(float64(d.IfmapKiB), d.WordBits),
		Filter:   energy.DoubleBuffered(float64(d.FilterKiB), d.WordBits),
		Ofmap:    energy.DoubleBuffered(float64(d.OfmapKiB), d.WordBits),
		DRAMType: p.MemoryType,
		Tech:     t,
	}, nil
}

// activity is what the layer did, as the energy model counts it.
func (l LayerResult) activity() energy.Activity {
	access := func(i int) energy.BufferAccess {
		return energy.BufferAccess{ReadWords: l.SRAM[i].Reads(), WriteWords: l.SRAM[i].Writes()}
	}
	return energy.Activity{
		MACs: l.MACs(), FoldPEs: l.FoldPEs,
		Outputs: l.Traffic.FinalWrites, PsumAdds: l.Traffic.PsumReads,
		Ifmap: access(0), Filter: access(1), Ofmap: access(2),
		DRAMReadBits: 8 * l.DRAMBytes.Read(), DRAMWriteBits: 8 * l.DRAMBytes.Written(),
		Cycles: l.TotalCycles,
	}
}

// price fills every layer's energy and the network's cost report.
func (n *NetworkResult) price() error {
	d, err := n.Design.energyDesign()
	if err != nil {
		return err
	}
	var total energy.Activity
	for i := range n.Layers {
		a := n.Layers[i].activity()
		if n.Layers[i].Energy, err = energy.Energy(a, d); err != nil {
			return fmt.Errorf("layer %q: %w", n.Layers[i].Layer.Name, err)
		}
		total = total.Add(a)
	}
	total.Cycles += n.DrainCycles
	n.Cost, err = energy.Evaluate(total, d)
	return err
}
