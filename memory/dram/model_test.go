package dram

import (
	"testing"

	"github.com/logsim/logsim/memory/dram/akitadram"
	"github.com/logsim/logsim/memory/dram/bandwidth"
	"github.com/logsim/logsim/memory/dram/fast"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

// resolveAndBuild is what the simulator does with a user's DRAM settings.
func resolveAndBuild(cfg Config) (Model, error) {
	r, err := Resolve(cfg)
	if err != nil {
		return nil, err
	}
	return Build(sim.NewSerialEngine(), "DRAM", r)
}

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
		m, err := resolveAndBuild(tt.cfg)
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
		_, err := resolveAndBuild(tt.cfg)
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
		m, err := resolveAndBuild(tt.cfg)
		require.NoError(t, err)
		require.InDelta(t, tt.want, m.(*bandwidth.Comp).BytesPerCycle(), 1e-9)
	}
}

func TestResolveAppliesOverrides(t *testing.T) {
	r, err := Resolve(Config{Preset: "hbm2", Overrides: map[string]string{"Channels": "8", "PagePolicy": "close"}})
	require.NoError(t, err)
	p := r.Params
	require.Equal(t, "HBM2", p.Name)
	require.Equal(t, 8, p.Channels)
	require.Equal(t, "close", p.PagePolicy)
	require.InDelta(t, 256, p.PeakGBps(), 1e-9)
}

// Every setting must be read by the model it configures (issue 8: an
// override that nothing reads is an error, not a no-op).
func TestSettingsTheModelDoesNotReadAreErrors(t *testing.T) {
	lat := 50.0
	tests := []struct {
		cfg  Config
		want string // "" for accepted
	}{
		{Config{Model: ModelFast, LatencyNS: &lat}, "latency is read only by the ideal and bandwidth models, not by fast"},
		{Config{Model: ModelAkita, BandwidthGBps: 10}, "bandwidth is read only by the bandwidth model, not by akita"},
		{Config{Model: ModelIdeal, BandwidthGBps: 10}, "not by ideal"},
		{Config{Model: ModelIdeal, Overrides: map[string]string{"tRCD": "30"}}, "DRAM parameter tRCD is not read by the ideal model"},
		{Config{Model: ModelIdeal, Overrides: map[string]string{"energypjperbit": "5"}}, ""},
		{Config{Model: ModelBandwidth, Overrides: map[string]string{"Channels": "2"}}, ""},
		{Config{Model: ModelBandwidth, BandwidthGBps: 6.4, Overrides: map[string]string{"Channels": "2"}}, "a bandwidth was given"},
		{Config{Model: ModelBandwidth, Overrides: map[string]string{"tRP": "30"}}, "tRP is not read by the bandwidth model"},
		{Config{Model: ModelAkita, Overrides: map[string]string{"PagePolicy": "open"}}, "PagePolicy is not read by the akita model"},
		{Config{Model: ModelAkita, Overrides: map[string]string{"tRCD": "24"}}, ""},
		{Config{Model: ModelFast, Overrides: map[string]string{"MemoryType": "DDR5"}}, "MemoryType is not read by the fast model"},
		{Config{Model: ModelFast, Overrides: map[string]string{"WritePolicy": "inorder"}}, ""},
	}
	for _, tt := range tests {
		_, err := Resolve(tt.cfg)
		if tt.want == "" {
			require.NoError(t, err, "%+v", tt.cfg)
			continue
		}
		require.ErrorContains(t, err, tt.want, "%+v", tt.cfg)
	}
}

// PeakGBps and Channels say what the run summary prints: the preset's peak
// over its channels for fast and akita (HBM2-stack: 8 × 16 B × 2 × 1 GHz =
// 256 GB/s), the configured one for bandwidth.
func TestResolvedPeakAndChannels(t *testing.T) {
	tests := []struct {
		cfg      Config
		gbps     float64
		channels int
	}{
		{Config{}, 25.6, 1},
		{Config{Preset: "HBM2"}, 32, 1},
		{Config{Preset: "HBM2-stack"}, 256, 8},
		{Config{Model: ModelAkita, Preset: "LPDDR4-4266"}, 2 * 8.532, 2},
		{Config{Model: ModelBandwidth, BandwidthGBps: 6.4}, 6.4, 1},
	}
	for _, tt := range tests {
		r, err := Resolve(tt.cfg)
		require.NoError(t, err)
		require.InDelta(t, tt.gbps, r.PeakGBps(), 1e-9, "%+v", tt.cfg)
		require.Equal(t, tt.channels, r.Channels())
	}
}
