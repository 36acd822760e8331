package sim

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/tech"
	"github.com/logsim/logsim/workloads"
)

// A run re-priced at another corner or node equals a run simulated there
// when the tiling does not depend on prices (the traffic objective): same
// cycles, same energy by layer and part, same point ID. With the default
// edp objective it keeps its own schedule: the same counts, other prices.
func TestRepricedEqualsARunAtThatCorner(t *testing.T) {
	net := workloads.AlexNet(1)
	d := withDRAM(dram.Config{Model: dram.ModelFast})
	d.PE = pe.Spec{Kind: pe.Shift, ABits: 8, WBits: 4}
	edp := run(t, net, d)
	high, err := edp.Repriced(design.MustResolve(withCorner(d, tech.High)))
	require.NoError(t, err)
	require.Equal(t, edp.Totals(), high.Totals(), "the schedule is kept")
	require.NotEqual(t, edp.Cost, high.Cost)
	d.TileObjective = design.TileTraffic
	nominal := run(t, net, d)
	for _, tc := range []struct {
		corner tech.Corner
		node   int
	}{{tech.Low, 45}, {tech.High, 45}, {tech.Nominal, 16}} {
		other := d
		other.Corner, other.NodeNM = tc.corner, tc.node
		want := run(t, net, other)
		got, err := nominal.Repriced(design.MustResolve(other))
		require.NoError(t, err)
		require.Equal(t, want.PointID, got.PointID)
		require.Equal(t, want.Cost, got.Cost, "%v %d nm", tc.corner, tc.node)
		require.Equal(t, want.Layers, got.Layers)
	}
	require.NotEqual(t, nominal.Cost, run(t, net, withCorner(d, tech.High)).Cost, "the corner changes the cost")
}

func withCorner(d design.Point, c tech.Corner) design.Point {
	d.Corner = c
	return d
}

// Re-pricing refuses a point that differs in what the run does.
func TestRepricedRefusesAnotherDesign(t *testing.T) {
	d := withDRAM(dram.Config{Model: dram.ModelIdeal})
	res := run(t, workloads.AlexNet(1), d)
	other := d
	other.Array.Rows = 16
	_, err := res.Repriced(design.MustResolve(other))
	require.ErrorContains(t, err, "differ in rows")
}

// Numerics alone give the lowest SQNR a run with numerics reports.
func TestNumericsMinSQNRMatchesRun(t *testing.T) {
	net, err := workloads.LoadFile("../workloads/testdata/example_network.yaml", workloads.FormatAuto)
	require.NoError(t, err)
	d := withDRAM(dram.Config{Model: dram.ModelIdeal})
	d.PE = pe.Spec{Kind: pe.LogBoth, ABits: 4, WBits: 4}
	r := design.MustResolve(d)
	num := &Numerics{Samples: 256, Seed: 3}
	res, err := Run(net, r, RunOptions{Numerics: num})
	require.NoError(t, err)
	want, ok := res.MinSQNRdB()
	require.True(t, ok)
	got, err := num.MinSQNRdB(net, r)
	require.NoError(t, err)
	require.Equal(t, want, got)
}

// A run that reuses a simulation (Simulations, shared by runs at other
// corners and nodes, and with other PE kinds of the same widths) equals the
// run simulated on its own, field for field,
// whether its tiling is the same as the earlier run's (reused) or not
// (simulated); runs that differ in more than cost parameters are never
// reused.
func TestSimulationsChangeNoResult(t *testing.T) {
	net := workloads.AlexNet(1)
	sims, cands := NewSimulations(8), dataflow.NewCandidateCache(1<<16)
	base := withDRAM(dram.Config{Model: dram.ModelFast})
	a8w4 := pe.Spec{Kind: pe.Mult, ABits: 8, WBits: 4}
	for i, tc := range []struct {
		corner tech.Corner
		node   int
		rows   int
		pe     pe.Spec
		reused bool
	}{
		{tech.Nominal, 45, 32, base.PE, false}, {tech.High, 45, 32, base.PE, true}, {tech.Low, 16, 32, base.PE, true},
		{tech.Nominal, 45, 16, base.PE, false}, {tech.Nominal, 45, 16, a8w4, false}, {tech.Nominal, 45, 16, shift(a8w4), true},
	} {
		d := base
		d.Corner, d.NodeNM, d.Array.Rows, d.PE = tc.corner, tc.node, tc.rows, tc.pe
		r := design.MustResolve(d)
		fidelities := []string{FidelityAnalytic}
		if i < 2 {
			fidelities = append(fidelities, FidelityEvent)
		}
		for _, fidelity := range fidelities {
			want, err := Run(net, r, RunOptions{Fidelity: fidelity})
			require.NoError(t, err)
			before := sims.recent.Len()
			got, err := Run(net, r, RunOptions{Fidelity: fidelity, Simulations: sims, Candidates: cands})
			require.NoError(t, err)
			require.Equal(t, want, got, "case %d %s", i, fidelity)
			if tc.reused {
				require.Equal(t, before, sims.recent.Len(), "case %d %s: reused", i, fidelity)
			}
		}
	}
}

func shift(s pe.Spec) pe.Spec {
	s.Kind = pe.Shift
	return s
}
