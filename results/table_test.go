package results

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/analytic"
	"github.com/logsim/logsim/sim/design"
)

// printFidelity says how a run was computed: nothing for the event
// simulation, why it fell back, the stand-in and its caveat, or that the
// analytic level equals the event simulation with this DRAM.
func TestPrintFidelity(t *testing.T) {
	fast, err := design.Default().Resolve() // fast DDR4 by default
	require.NoError(t, err)
	ideal := design.Default()
	ideal.DRAM = dram.Config{Model: dram.ModelIdeal}
	idealR, err := ideal.Resolve()
	require.NoError(t, err)
	cal := &analytic.Calibration{SustainedGBps: 23.17, StandIn: dram.Resolved{LatencyNS: 37.51}}
	for _, c := range []struct {
		name string
		r    sim.NetworkResult
		want string
	}{
		{"event", sim.NetworkResult{Design: fast, Fidelity: sim.FidelityEvent}, ""},
		{"fallback", sim.NetworkResult{Design: fast, Fidelity: sim.FidelityEvent, FidelityFallback: "ports fill"},
			"Fidelity: event (the analytic level was asked for, but ports fill)\n"},
		{"stand-in", sim.NetworkResult{Design: fast, Fidelity: sim.FidelityAnalytic, DRAMStandIn: cal},
			"Fidelity: analytic, the fast DRAM stood in for by a bandwidth model fitted to the event DMA on it (23.17 GB/s, 37.51 ns latency)\n" +
				"  note: the stand-in does not follow the DRAM's reordering of requests, so cycles can be off by several % at memory-bound points with small buffers; check a number that matters with --fidelity event (README: Fidelity levels)\n"},
		{"exact", sim.NetworkResult{Design: idealR, Fidelity: sim.FidelityAnalytic},
			"Fidelity: analytic (equal to the event simulation with this DRAM model)\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			printFidelity(&b, c.r)
			require.Equal(t, c.want, b.String())
		})
	}
}
