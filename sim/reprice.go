package sim

import (
	"fmt"
	"slices"

	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// costKeys are the design parameters that change unit costs only, never
// what a run does: what Repriced may change.
var costKeys = []string{"cost_source", "activity", "clock_gating", "pe_pipeline", "corner", "node_nm", "tech"}

// Repriced returns the run's schedule priced on r, a design point that
// differs from the run's own only in cost parameters (corner, node_nm,
// tech), without simulating again: every count the pricing reads is the
// run's, every price is r's. What a run does depends on cost constants only
// through the tiling, which the energy and edp objectives choose at the
// run's own prices (cost.Prices.TileObjective); Repriced keeps that tiling,
// as a sensitivity analysis wants (only prices move), and equals a run
// simulated at r when the tiling objective is traffic or cycles. Every
// layer's energy, the cost report, the design and the point ID are r's; the
// run itself is not changed.
func (n NetworkResult) Repriced(r design.Resolved) (NetworkResult, error) {
	if err := sameButCost(n.Design.Point(), r.Point()); err != nil {
		return NetworkResult{}, fmt.Errorf("reprice: %w", err)
	}
	prices, err := cost.PricesFor(r)
	if err != nil {
		return NetworkResult{}, err
	}
	out := n
	out.Design, out.PointID = r, PointID(n.Network, r)
	out.Layers = slices.Clone(n.Layers)
	if err := out.price(prices); err != nil {
		return NetworkResult{}, err
	}
	return out, nil
}

// sameButCost names the first parameter other than a cost parameter in
// which a and b differ.
func sameButCost(a, b design.Point) error {
	for _, pr := range design.Params() {
		if !slices.Contains(costKeys, pr.Key) && pr.Get(a) != pr.Get(b) {
			return fmt.Errorf("the design points differ in %s (%q, %q), not only in cost parameters", pr.Key, pr.Get(a), pr.Get(b))
		}
	}
	return nil
}

// MinSQNRdB measures the numerics of d's PE on every array layer of net
// exactly as Run does (same layers, seeds and samples) but without
// simulating the network, and returns the lowest per-layer SQNR (dB): what
// a search over bit widths needs.
func (n *Numerics) MinSQNRdB(net workloads.Network, d design.Resolved) (float64, error) {
	if n == nil {
		return 0, fmt.Errorf("numerics: not enabled")
	}
	if err := net.Validate(); err != nil {
		return 0, err
	}
	if err := n.Validate(); err != nil {
		return 0, err
	}
	res := NetworkResult{Network: net, Design: d}
	for _, l := range net.ArrayLayers() {
		res.Layers = append(res.Layers, LayerResult{Index: len(res.Layers), Layer: l, GEMM: l.GEMM()})
	}
	if err := n.measure(&res); err != nil {
		return 0, err
	}
	m, ok := res.MinSQNRdB()
	if !ok {
		return 0, fmt.Errorf("numerics: %s has no array layers", net.Name)
	}
	return m, nil
}
