package dram

import (
	"fmt"
	"math"
	"strings"

	"github.com/logsim/logsim/memory/dram/akitadram"
	"github.com/logsim/logsim/memory/dram/bandwidth"
	"github.com/logsim/logsim/memory/dram/fast"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/sim"
)

// Model is what every DRAM model offers the accelerator.
type Model interface {
	sim.Component
	// TopPort is the port requests arrive on (registered as "Top").
	TopPort() sim.Port
	// Stats returns the counters so far.
	Stats() Stats
}

// Stats are the counters of a model (see spec.Stats).
type Stats = spec.Stats

// Params is a full DRAM parameter set (see spec.Params).
type Params = spec.Params

// Model names.
const (
	ModelIdeal     = "ideal"
	ModelBandwidth = "bandwidth"
	ModelFast      = "fast"
	ModelAkita     = "akita"
)

// ModelNames lists the models Build accepts.
func ModelNames() []string {
	return []string{ModelIdeal, ModelBandwidth, ModelFast, ModelAkita}
}

// Defaults of the fixed-latency models.
const (
	// DefaultIdealLatencyNS is the latency of `ideal`: none, as SCALE-Sim's
	// stall-free CALC mode assumes.
	DefaultIdealLatencyNS = 0.0
	// DefaultBandwidthLatencyNS is the latency of `bandwidth` (issue 3's
	// reference: 25.6 GB/s and 100 ns).
	DefaultBandwidthLatencyNS = 100.0
	// DefaultClockMHz is the clock of `ideal` and `bandwidth`, in MHz: the
	// accelerator clock of the reference design point (design.md §7).
	DefaultClockMHz = 1000.0
)

// Config selects and parameterises a model.
type Config struct {
	// Model is one of ModelNames(); "" means "fast".
	Model string
	// Preset is one of spec.PresetNames(); "" means DDR4-3200. It sets the
	// parameters of `fast` and `akita`, and the default bandwidth of
	// `bandwidth`.
	Preset string
	// Overrides sets parameters of the preset by name (spec.ParamNames),
	// e.g. {"tRCD": "24", "PagePolicy": "close", "Channels": "8"}.
	Overrides map[string]string
	// ClockMHz is the clock of `ideal` and `bandwidth`, in MHz (0: 1000).
	ClockMHz float64
	// LatencyNS is the latency of `ideal` and `bandwidth`, in ns (nil: the
	// model's default).
	LatencyNS *float64
	// BandwidthGBps is the peak bandwidth of `bandwidth`, in GB/s (0: the
	// preset's peak over all channels).
	BandwidthGBps float64
	// BytesPerCycle, when positive, sets the bandwidth of `bandwidth` in
	// bytes per cycle of ClockMHz instead (SCALE-Sim USER mode).
	BytesPerCycle float64
}

// ResolveParams returns the preset of cfg with its overrides applied and
// checked.
func ResolveParams(cfg Config) (Params, error) {
	name := cfg.Preset
	if name == "" {
		name = spec.DefaultPreset
	}
	p, err := spec.Preset(name)
	if err != nil {
		return Params{}, err
	}
	if err := p.Apply(cfg.Overrides); err != nil {
		return Params{}, fmt.Errorf("DRAM preset %q: %w", p.Name, err)
	}
	if err := p.Validate(); err != nil {
		return Params{}, err
	}
	return p, nil
}

// Build creates the model cfg describes, named name, on engine.
func Build(engine sim.Engine, name string, cfg Config) (Model, error) {
	p, err := ResolveParams(cfg)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(cfg.Model) {
	case ModelIdeal:
		return buildIdeal(engine, name, cfg)
	case ModelBandwidth:
		return buildBandwidth(engine, name, cfg, p)
	case ModelFast, "":
		return fast.MakeBuilder().WithEngine(engine).WithParams(p).Build(name)
	case ModelAkita:
		return akitadram.MakeBuilder().WithEngine(engine).WithParams(p).Build(name)
	}
	return nil, fmt.Errorf("unknown DRAM model %q (valid: %s)", cfg.Model, strings.Join(ModelNames(), ", "))
}

func clock(cfg Config) (sim.Freq, error) {
	mhz := cfg.ClockMHz
	if mhz == 0 {
		mhz = DefaultClockMHz
	}
	if !(mhz > 0) {
		return 0, fmt.Errorf("DRAM clock %g MHz: must be positive", cfg.ClockMHz)
	}
	return sim.Freq(mhz) * sim.MHz, nil
}

func latency(cfg Config, def float64) (float64, error) {
	if cfg.LatencyNS == nil {
		return def, nil
	}
	if !(*cfg.LatencyNS >= 0) {
		return 0, fmt.Errorf("DRAM latency %g ns: must not be negative", *cfg.LatencyNS)
	}
	return *cfg.LatencyNS, nil
}

func buildIdeal(engine sim.Engine, name string, cfg Config) (Model, error) {
	freq, err := clock(cfg)
	if err != nil {
		return nil, err
	}
	lat, err := latency(cfg, DefaultIdealLatencyNS)
	if err != nil {
		return nil, err
	}
	// The ideal DRAM is the bandwidth model with unlimited bandwidth: every
	// request is answered latency after it is taken, however many are in
	// flight.
	return bandwidth.MakeBuilder().WithEngine(engine).WithFreq(freq).WithLatencyNS(lat).
		WithBytesPerCycle(math.Inf(1)).Build(name), nil
}

func buildBandwidth(engine sim.Engine, name string, cfg Config, p Params) (Model, error) {
	freq, err := clock(cfg)
	if err != nil {
		return nil, err
	}
	lat, err := latency(cfg, DefaultBandwidthLatencyNS)
	if err != nil {
		return nil, err
	}
	b := bandwidth.MakeBuilder().WithEngine(engine).WithFreq(freq).WithLatencyNS(lat)
	switch {
	case !(cfg.BandwidthGBps >= 0) || !(cfg.BytesPerCycle >= 0):
		return nil, fmt.Errorf("DRAM bandwidth %g GB/s, %g B/cycle: must be positive",
			cfg.BandwidthGBps, cfg.BytesPerCycle)
	case cfg.BytesPerCycle > 0:
		b = b.WithBytesPerCycle(cfg.BytesPerCycle)
	case cfg.BandwidthGBps > 0:
		b = b.WithBandwidthGBps(cfg.BandwidthGBps)
	default:
		b = b.WithBandwidthGBps(p.PeakGBps())
	}
	return b.Build(name), nil
}
