package dram

import (
	"testing"

	"github.com/logsim/logsim/memory/dram/akitadram"
	"github.com/logsim/logsim/memory/dram/bandwidth"
	"github.com/logsim/logsim/memory/dram/fast"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

func TestBuildChoosesTheModel(t *testing.T) {
	tests := []struct {
		cfg  Config
		want any
	}{
		{Config{Model: "ideal"}, &bandwidth.Comp{}},
		{Config{Model: "Bandwidth"}, &bandwidth.Comp{}},
		{Config{Model: "fast", Preset: "HBM2"}, &fast.Comp{}},
		{Config{}, &fast.Comp{}},
		{Config{Model: "akita", Preset: "LPDDR4-4266"}, &akitadram.Comp{}},
	}
	for _, tt := range tests {
		m, err := Build(sim.NewSerialEngine(), "DRAM", tt.cfg)
		require.NoError(t, err, tt.cfg.Model)
		require.IsType(t, tt.want, m)
		require.Same(t, m.TopPort(), m.GetPortByName("Top"))
		require.Equal(t, Stats{}, m.Stats())
	}
}

func TestBuildErrorsNameWhatIsValid(t *testing.T) {
	neg := -1.0
	tests := []struct {
		cfg  Config
		want string
	}{
		{Config{Model: "dramsim"}, `unknown DRAM model "dramsim" (valid: ideal, bandwidth, fast, akita)`},
		{Config{Preset: "DDR5"}, `unknown DRAM preset "DDR5"`},
		{Config{Overrides: map[string]string{"tRP": "x"}}, `DRAM parameter tRP (cycles) = "x"`},
		{Config{Overrides: map[string]string{"Banks": "8"}}, `unknown DRAM parameter "Banks"`},
		{Config{Overrides: map[string]string{"Rows": "1000"}}, "Rows = 1000: must be a power of two"},
		{Config{Model: "ideal", LatencyNS: &neg}, "DRAM latency -1 ns"},
		{Config{Model: "bandwidth", BandwidthGBps: -2}, "DRAM bandwidth -2 GB/s"},
		{Config{Model: "bandwidth", ClockMHz: -1}, "DRAM clock -1 MHz"},
	}
	for _, tt := range tests {
		_, err := Build(sim.NewSerialEngine(), "DRAM", tt.cfg)
		require.ErrorContains(t, err, tt.want)
	}
}

// The bandwidth model defaults to the preset's peak over all channels:
// DDR4-3200 = 25.6 GB/s = 25.6 B per 1 GHz cycle; HBM2 × 8 channels =
// 256 GB/s = 128 B per 2 GHz cycle; and takes bytes per cycle as given.
func TestBandwidthDefaults(t *testing.T) {
	tests := []struct {
		cfg  Config
		want float64
	}{
		{Config{Model: ModelBandwidth}, 25.6},
		{Config{Model: ModelBandwidth, Preset: "HBM2", Overrides: map[string]string{"Channels": "8"}, ClockMHz: 2000}, 128},
		{Config{Model: ModelBandwidth, BandwidthGBps: 6.4}, 6.4},
		{Config{Model: ModelBandwidth, BytesPerCycle: 10}, 10},
	}
	for _, tt := range tests {
		m, err := Build(sim.NewSerialEngine(), "DRAM", tt.cfg)
		require.NoError(t, err)
		require.InDelta(t, tt.want, m.(*bandwidth.Comp).BytesPerCycle(), 1e-9)
	}
}

func TestResolveParamsAppliesOverrides(t *testing.T) {
	p, err := ResolveParams(Config{Preset: "hbm2", Overrides: map[string]string{"Channels": "8", "PagePolicy": "close"}})
	require.NoError(t, err)
	require.Equal(t, "HBM2", p.Name)
	require.Equal(t, 8, p.Channels)
	require.Equal(t, "close", p.PagePolicy)
	require.InDelta(t, 256, p.PeakGBps(), 1e-9)
}
