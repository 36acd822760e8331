package sim

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/sim/analytic"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

func runAt(t *testing.T, net workloads.Network, d design.Point, fidelity string) NetworkResult {
	t.Helper()
	r, err := d.Resolve()
	require.NoError(t, err)
	res, err := Run(net, r, RunOptions{Fidelity: fidelity})
	require.NoError(t, err, "%s at %s", net.Name, fidelity)
	return res
}

// fidelityPoints are design points spanning compute- and memory-bound
// runs: small and large arrays, every dataflow, narrow SRAM ports, no
// prefetch, another clock than the DRAM's.
func fidelityPoints() map[string]design.Point {
	pts := map[string]design.Point{}
	add := func(name string, edit func(*design.Point)) {
		d := design.Default()
		edit(&d)
		pts[name] = d
	}
	lat := 40.0
	add("ideal", func(d *design.Point) { d.DRAM = dram.Config{Model: dram.ModelIdeal} })
	add("ideal-latency", func(d *design.Point) { d.DRAM = dram.Config{Model: dram.ModelIdeal, LatencyNS: &lat} })
	add("bw-6.4", func(d *design.Point) { d.DRAM = bandwidthDRAM(6.4) })
	add("bw-25.6-os-8x8", func(d *design.Point) {
		d.DRAM, d.Dataflow, d.Array = bandwidthDRAM(25.6), dataflow.OS, dataflow.Array{Rows: 8, Cols: 8}
	})
	add("bw-12.8-is-no-prefetch", func(d *design.Point) {
		d.DRAM, d.Dataflow, d.Prefetch = bandwidthDRAM(12.8), dataflow.IS, false
	})
	add("bw-6.4-256x256", func(d *design.Point) {
		d.DRAM, d.Array = bandwidthDRAM(6.4), dataflow.Array{Rows: 256, Cols: 256}
	})
	add("ideal-narrow-ports-500MHz", func(d *design.Point) {
		d.DRAM, d.SRAMWordsPerCycle, d.ClockMHz = dram.Config{Model: dram.ModelIdeal}, 2, 500
	})
	return pts
}

// With the same DRAM timing the analytic level is the event simulation,
// on every column: cycles by layer and in total, stalls, traffic, SRAM and
// DRAM counts, energy.
func TestAnalyticEqualsEventWithIdealAndBandwidthDRAM(t *testing.T) {
	nets := []workloads.Network{workloads.AlexNet(1), workloads.MobileNetV2(1)}
	for name, d := range fidelityPoints() {
		for _, net := range nets {
			t.Run(name+"/"+net.Name, func(t *testing.T) {
				ev := runAt(t, net, d, FidelityEvent)
				an := runAt(t, net, d, FidelityAnalytic)
				require.Equal(t, FidelityAnalytic, an.Fidelity)
				e, a := ev.Comparable(), an.Comparable()
				for i := range e.Layers {
					require.Equal(t, e.Layers[i], a.Layers[i], "layer %s", e.Layers[i].Layer.Name)
				}
				require.Equal(t, e, a)
				require.Equal(t, ev.Totals().DRAMBytes, an.Totals().DRAMBytes)
			})
		}
	}
}

// With a command-level DRAM model the analytic level's stand-in (a
// bandwidth model calibrated on the DMA's requests) keeps total cycles
// within 3 % of the event simulation's, over compute- and memory-bound
// points of every preset, and moves exactly the same DRAM bytes.
func TestAnalyticFollowsFastDRAMWithin3Percent(t *testing.T) {
	cals := &analytic.Calibrations{}
	for _, preset := range []string{"DDR4-3200", "LPDDR4-4266", "HBM2"} {
		for _, arr := range []dataflow.Array{{Rows: 16, Cols: 16}, {Rows: 128, Cols: 128}} {
			d := design.Default()
			d.DRAM, d.Array = dram.Config{Model: dram.ModelFast, Preset: preset}, arr
			net := workloads.MobileNetV2(1)
			t.Run(fmt.Sprintf("%s/%dx%d", preset, arr.Rows, arr.Cols), func(t *testing.T) {
				r, err := d.Resolve()
				require.NoError(t, err)
				ev := runAt(t, net, d, FidelityEvent)
				an, err := Run(net, r, RunOptions{Fidelity: FidelityAnalytic, Calibrations: cals})
				require.NoError(t, err)
				require.NotNil(t, an.DRAMStandIn)
				e, a := ev.Totals(), an.Totals()
				require.Equal(t, e.DRAMBytes, a.DRAMBytes)
				require.InDelta(t, 0, EventCheck{TotalCycles: e.TotalCycles}.CyclesErrorPct(a.TotalCycles), 3)
			})
		}
	}
}

// A point the analytic level cannot follow (the DMA keeps more requests in
// flight than a port buffers) runs with the event simulation and says so.
func TestAnalyticFallsBackToEvent(t *testing.T) {
	d := design.Default()
	d.DRAM, d.DMAOutstanding = dram.Config{Model: dram.ModelIdeal}, 128
	net := workloads.AlexNet(1)
	an := runAt(t, net, d, FidelityAnalytic)
	require.Equal(t, FidelityEvent, an.Fidelity)
	require.Contains(t, an.FidelityFallback, "port")
	ev := runAt(t, net, d, FidelityEvent)
	require.Equal(t, ev.Comparable(), an.Comparable())
}

func TestUnknownFidelityIsAnError(t *testing.T) {
	r, err := design.Default().Resolve()
	require.NoError(t, err)
	_, err = Run(workloads.AlexNet(1), r, RunOptions{Fidelity: "fast"})
	require.ErrorContains(t, err, `unknown fidelity "fast"`)
}
