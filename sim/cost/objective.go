package cost

import "github.com/logsim/logsim/dataflow"

// TileObjective is what the tiler minimises for this design: the DRAM
// traffic of each candidate tiling, in bits (ties go to fewer stall-free
// cycles, then to fewer tiles; dataflow.TileLayer). Objectives that weigh
// cycles or energy come from these same prices.
func (p Prices) TileObjective() dataflow.Objective {
	return func(c dataflow.TileCost) float64 { return float64(c.DRAM.Total()) }
}
