package cost

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
)

// TileObjective is what the tiler minimises for this design
// (Design.TileObjective; ties go to fewer stall-free cycles, then to fewer
// tiles, dataflow.TileLayer):
//
//	traffic  DRAM traffic of the candidate, bits
//	cycles   EstimateCycles: max(fold schedule, tiles × DRAM latency + DRAM
//	         bytes / peak bytes per cycle) + the first tile's load at peak
//	         bandwidth (its filter only without prefetch) + one DRAM latency
//	energy   the candidate's activity (dataflow.TileActivity) priced by
//	         Energy, leakage over EstimateCycles: the same pricing code as
//	         a simulated layer
//	edp      energy × EstimateCycles
//
// The estimates use the DRAM's peak bandwidth and unloaded latency, nothing
// fitted; the simulation is what the reports give.
//
// Each objective comes with a lower bound that needs no activity (the
// tiler skips candidates the bound rules out): the traffic itself; the
// cycles with the traffic's unpacked bits (packing only adds bytes); the
// energy of the MACs, the unpacked DRAM bits and leakage over that bound.
func (p Prices) TileObjective() (dataflow.Objective, error) {
	traffic := func(c dataflow.TileCost) float64 { return float64(c.DRAM.Total()) }
	trafficBound := func(t dataflow.BoundTerms) float64 { return float64(t.DRAM.Total()) }
	energy := func(c dataflow.TileCost) float64 { return p.EstimateEnergy(c) }
	k := p.boundConstants()
	switch p.Design.TileObjective {
	case "traffic", "":
		return dataflow.Objective{Score: traffic, Bound: trafficBound}, nil
	case "cycles":
		return dataflow.Objective{Score: p.EstimateCycles, Bound: p.cyclesBound}, nil
	case "energy":
		return dataflow.Objective{Score: energy, Bound: func(t dataflow.BoundTerms) float64 {
			return p.energyBound(&t, p.cyclesBound(t), k)
		}}, nil
	case "edp":
		return dataflow.Objective{
			Score: func(c dataflow.TileCost) float64 { return p.EstimateEnergy(c) * p.EstimateCycles(c) },
			Bound: func(t dataflow.BoundTerms) float64 {
				cycles := p.cyclesBound(t)
				return p.energyBound(&t, cycles, k) * cycles
			},
		}, nil
	}
	return dataflow.Objective{}, fmt.Errorf("unknown tile objective %q", p.Design.TileObjective)
}

// cyclesBound is EstimateCycles with the DRAM traffic's unpacked bits and
// no first load: never more than EstimateCycles.
func (p *Prices) cyclesBound(t dataflow.BoundTerms) float64 {
	bw, lat := p.Design.DRAMBytesPerCycle, p.Design.DRAMLatencyCycles
	return max(float64(t.Cycles), float64(t.Tiles)*lat+float64(t.DRAM.Total())/8/bw) + lat
}

// energyBound is the part of EstimateEnergy that needs no activity: the
// MACs' arithmetic and register writes, the unpacked DRAM bits, and the
// leakage over cycles, t's cyclesBound; never more than EstimateEnergy. It
// is Energy's total for an activity of only those counts, in closed form:
// the same terms added in the same order, the other terms (all zero) left
// out, so the same number (TestEnergyBoundIsEnergyOfItsActivity).
func (p *Prices) energyBound(t *dataflow.BoundTerms, cycles float64, k boundConstants) float64 {
	a := Activity{MACs: t.MACs, DRAMReadBits: t.DRAM.IfmapRead + t.DRAM.FilterRead + t.DRAM.PsumRead,
		DRAMWriteBits: t.DRAM.PsumWrite + t.DRAM.OfmapWrite, Cycles: int64(cycles)}
	p.estimateDRAMCommands(&a)
	ns := elapsedNs(a.Cycles, p.Design.ClockMHz)
	access, refresh, background := p.dramEnergy(&a, ns)
	macs := float64(a.MACs)
	// Each product is rounded on its own, as in Energy (no fused multiply-add).
	return float64(macs*k.arithmeticPJ) + float64(macs*p.PE.PerMAC.RegisterPJ) +
		access + refresh + background + float64(k.logicMW*ns) + float64(k.sramMW*ns)
}

// boundConstants are the sums energyBound needs, worked out once per
// objective as Energy works them out.
type boundConstants struct{ arithmeticPJ, logicMW, sramMW float64 }

func (p *Prices) boundConstants() boundConstants {
	k := boundConstants{arithmeticPJ: p.PE.PerMAC.ArithmeticPJ()}
	k.logicMW, k.sramMW = p.leakageMW()
	return k
}

// EstimateCycles is a candidate tiling's cycles. Through the double
// buffers a tile's loads overlap the previous tile's folds, but cannot
// start before the tile two back has left their half, so each tile takes
// about max(its folds, the DRAM latency + its bytes at peak bandwidth);
// summed over uniform tiles, max(fold schedule, tiles × latency + all DRAM
// bytes at peak bandwidth). Nothing overlaps the first tile's load, but
// for its filter tile when the previous layer prefetches it.
func (p *Prices) EstimateCycles(c dataflow.TileCost) float64 {
	a, bw, lat := c.Activity, p.Design.DRAMBytesPerCycle, p.Design.DRAMLatencyCycles
	dram := float64(c.Tiles)*lat + float64(a.DRAM.Total())/bw
	first := a.FirstIfmapBytes
	if !p.Design.Prefetch {
		first += a.FirstFilterBytes
	}
	return max(float64(c.Cycles), dram) + float64(first)/bw + lat
}

// EstimateEnergy is a candidate tiling's energy (pJ): its activity priced
// like a simulated layer's, with leakage over EstimateCycles.
func (p *Prices) EstimateEnergy(c dataflow.TileCost) float64 {
	e, err := p.Energy(p.EstimateDRAMCommands(ActivityOf(c.Activity, int64(p.EstimateCycles(c)))))
	if err != nil {
		panic(fmt.Sprintf("internal: a tiling's activity is negative: %v", err))
	}
	return e.Total()
}

// ActivityOf is a tiling's activity as the pricing counts it, over cycles
// elapsed cycles.
func ActivityOf(a dataflow.TileActivity, cycles int64) Activity {
	access := func(i int) BufferAccess {
		return BufferAccess{ReadWords: a.Array[i].Reads + a.DMA[i].Reads, WriteWords: a.Array[i].Writes + a.DMA[i].Writes}
	}
	return Activity{
		MACs: a.MACs, FoldPEs: a.FoldPEs, Outputs: a.Edge.FinalWrites, PsumAdds: a.Edge.PsumReads,
		Ifmap: access(0), Filter: access(1), Ofmap: access(2),
		DRAMReadBits: 8 * a.DRAM.Read(), DRAMWriteBits: 8 * a.DRAM.Written(), Cycles: cycles,
	}
}

// EstimateDRAMCommands fills a's DRAM commands from its bits, for the
// tiler, which knows a candidate's traffic but not the commands a DRAM
// model would issue: whole bursts each way, one activate per row's worth
// of traffic (streaming: every row read or written through once, never
// reopened), a refresh per rank every tREFI of a's cycles. A design
// priced per bit needs none.
func (p *Prices) EstimateDRAMCommands(a Activity) Activity {
	p.estimateDRAMCommands(&a)
	return a
}

// estimateDRAMCommands is EstimateDRAMCommands in place.
func (p *Prices) estimateDRAMCommands(a *Activity) {
	c := p.Design.DRAMCommands
	if c == nil || c.BurstBits <= 0 || c.RowBits <= 0 {
		return
	}
	ceil := func(x, d int64) int64 { return (x + d - 1) / d }
	a.DRAMReadBursts, a.DRAMWriteBursts = ceil(a.DRAMReadBits, int64(c.BurstBits)), ceil(a.DRAMWriteBits, int64(c.BurstBits))
	a.DRAMActivates = ceil(a.DRAMBits(), int64(c.RowBits))
	if c.RefreshIntervalNS > 0 {
		a.DRAMRefreshes = int64(elapsedNs(a.Cycles, p.Design.ClockMHz) / c.RefreshIntervalNS * float64(p.Design.DRAMRanks))
	}
}
