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
// final drain's leakage included). A layer with its own PE spec
// (layer_pe) is priced at that spec: see mixedReport.
func (n *NetworkResult) price(p cost.Prices) error {
	lp, err := n.layerPrices(p)
	if err != nil {
		return err
	}
	var total cost.Activity
	var sum cost.Energy
	for i := range n.Layers {
		a := n.Layers[i].activity()
		e, err := lp[i].Energy(a)
		if err != nil {
			return fmt.Errorf("layer %q: %w", n.Layers[i].Layer.Name, err)
		}
		n.Layers[i].Energy = e
		total, sum = total.Add(a), addEnergy(sum, e)
	}
	for i := range n.Vector {
		a := n.Vector[i].activity()
		e, err := p.Energy(a)
		if err != nil {
			return fmt.Errorf("layer %q: %w", n.Vector[i].Layer.Name, err)
		}
		n.Vector[i].Energy = e
		total, sum = total.Add(a), addEnergy(sum, e)
	}
	total.Cycles += n.DrainCycles
	total = total.Add(cost.Activity{}.WithDRAMCommands(n.DrainDRAM))
	n.CostNotes = p.Notes()
	if len(n.Design.Point().LayerPE) > 0 {
		n.Cost, err = n.mixedReport(p, lp, total, sum)
		return err
	}
	n.Cost, err = p.Report(total)
	return err
}

// layerPrices are the unit costs of each array layer: p, or p's design at
// the layer's own spec.
func (n *NetworkResult) layerPrices(p cost.Prices) ([]cost.Prices, error) {
	bySpec := map[string]cost.Prices{p.Design.PE.String(): p}
	out := make([]cost.Prices, len(n.Layers))
	for i, l := range n.Layers {
		s := n.Design.Point().SpecFor(l.Layer.Name)
		lp, ok := bySpec[s.String()]
		if !ok {
			d := p.Design
			d.PE = s
			var err error
			if lp, err = cost.PricesOf(d); err != nil {
				return nil, fmt.Errorf("layer %q: %w", l.Layer.Name, err)
			}
			bySpec[s.String()] = lp
		}
		out[i] = lp
	}
	return out, nil
}

// mixedReport is the cost report of a design with per-layer specs: the
// energy is the sum of the layers' (each at its own spec) plus the final
// drain's leakage at the design's; the area, part by part, is the largest
// of the specs' (an array whose PEs run every spec is at least that large:
// a lower bound, since a PE that does both is larger than either).
func (n *NetworkResult) mixedReport(p cost.Prices, lp []cost.Prices, total cost.Activity, sum cost.Energy) (cost.Report, error) {
	drain, err := p.Energy(cost.Activity{Cycles: n.DrainCycles})
	if err != nil {
		return cost.Report{}, err
	}
	e := addEnergy(sum, drain)
	ar := p.Area()
	for _, q := range lp {
		for k, v := range q.Area() {
			ar[k] = max(ar[k], v)
		}
	}
	return cost.Report{Energy: e, Area: ar, Metrics: cost.MetricsOf(total, e, ar, p.Design.ClockMHz)}, nil
}

func addEnergy(a, b cost.Energy) cost.Energy {
	for k := range a {
		a[k] += b[k]
	}
	return a
}
