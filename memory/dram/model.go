package dram

import (
	"fmt"
	"math"
	"slices"
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

// Resolved is a Config checked once and resolved: the model, its full
// parameter set and, for `ideal` and `bandwidth`, the clock, latency and
// bandwidth they run at. Build takes it; pricing reads the parameter set's
// energy per bit from it.
type Resolved struct {
	// Model is one of ModelNames().
	Model string
	// Params is the preset with its overrides applied and checked.
	Params Params
	// ClockMHz is the clock of `ideal` and `bandwidth`, in MHz.
	ClockMHz float64
	// LatencyNS is the fixed latency of `ideal` and `bandwidth`, in ns.
	LatencyNS float64
	// BytesPerCycle is the peak bandwidth of `bandwidth` in bytes per cycle
	// of ClockMHz (+Inf for `ideal`).
	BytesPerCycle float64
}

// PeakGBps is the peak bandwidth of the model, in GB/s (1e9 B/s): the
// preset's over all its channels for `fast` and `akita`, the configured
// one for `bandwidth`, +Inf for `ideal`.
func (r Resolved) PeakGBps() float64 {
	switch r.Model {
	case ModelIdeal, ModelBandwidth:
		return r.BytesPerCycle * r.ClockMHz / 1000
	}
	return r.Params.PeakGBps()
}

// UnloadedLatencyNS is the time one read takes on an idle DRAM, in ns: the
// fixed latency of `ideal` and `bandwidth` (plus one bus transfer of 64 B
// for `bandwidth`); for `fast` and `akita` a read that must open its row:
// the front end, tRCD, CL, the burst and the back end, at tCK.
func (r Resolved) UnloadedLatencyNS() float64 {
	switch r.Model {
	case ModelIdeal:
		return r.LatencyNS
	case ModelBandwidth:
		return r.LatencyNS + 64/r.BytesPerCycle*1000/r.ClockMHz
	}
	p := r.Params
	return float64(p.FrontendCycles+p.TRCD+p.CL+p.BurstCycles()+p.BackendCycles) * p.CycleNS()
}

// Channels is the number of independent channels the model simulates: the
// preset's for `fast` and `akita`, one bus for `bandwidth` and `ideal`.
func (r Resolved) Channels() int {
	switch r.Model {
	case ModelIdeal, ModelBandwidth:
		return 1
	}
	return r.Params.Channels
}

// Resolve checks cfg and resolves it. Every setting must be read by the
// model it configures: a preset parameter the model does not use, a
// latency or bandwidth for `fast` or `akita`, or a bandwidth for `ideal`
// is an error, never silently ignored.
func Resolve(cfg Config) (Resolved, error) {
	model := strings.ToLower(strings.TrimSpace(cfg.Model))
	if model == "" {
		model = ModelFast
	}
	if !slices.Contains(ModelNames(), model) {
		return Resolved{}, fmt.Errorf("unknown DRAM model %q (valid: %s)", cfg.Model, strings.Join(ModelNames(), ", "))
	}
	p, err := resolveParams(cfg)
	if err != nil {
		return Resolved{}, err
	}
	if err := checkReads(model, cfg); err != nil {
		return Resolved{}, err
	}
	r := Resolved{Model: model, Params: p}
	if model == ModelIdeal || model == ModelBandwidth {
		if err := r.resolveFixedLatency(cfg); err != nil {
			return Resolved{}, err
		}
	}
	return r, nil
}

// resolveParams returns the preset of cfg with its overrides applied and
// checked.
func resolveParams(cfg Config) (Params, error) {
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

// pricedParams are read by the energy model whatever the DRAM model.
var pricedParams = []string{"EnergyPJPerBit", "EnergyLowScale", "EnergyHighScale"}

// peakParams set the preset's peak bandwidth, which `bandwidth` runs at
// unless a bandwidth is given.
var peakParams = []string{"Channels", "BusWidthBits", "DataRate", "ClockMHz"}

// checkReads rejects settings the model does not read.
func checkReads(model string, cfg Config) error {
	fixed := model == ModelIdeal || model == ModelBandwidth
	if !fixed && cfg.LatencyNS != nil {
		return fmt.Errorf("a DRAM latency is read only by the ideal and bandwidth models, not by %s (its latency follows from the preset's timings)", model)
	}
	if (!fixed || model == ModelIdeal) && (cfg.BandwidthGBps != 0 || cfg.BytesPerCycle != 0) {
		return fmt.Errorf("a DRAM bandwidth is read only by the bandwidth model, not by %s", model)
	}
	explicitBW := cfg.BandwidthGBps != 0 || cfg.BytesPerCycle != 0
	for name := range cfg.Overrides {
		canon, err := spec.CanonicalName(name)
		if err != nil {
			return err
		}
		if !paramRead(model, canon, explicitBW) {
			return fmt.Errorf("DRAM parameter %s is not read by the %s model%s", canon, model, readHint(model, explicitBW))
		}
	}
	return nil
}

// paramRead reports whether model reads the preset parameter name.
func paramRead(model, name string, explicitBW bool) bool {
	if slices.Contains(pricedParams, name) {
		return true
	}
	switch model {
	case ModelIdeal:
		return false
	case ModelBandwidth:
		return !explicitBW && slices.Contains(peakParams, name)
	case ModelAkita:
		return !slices.Contains(akitadram.UnmodelledParams(), name)
	}
	return name != "MemoryType" // fast: every timing and policy; the type is a label
}

func readHint(model string, explicitBW bool) string {
	switch {
	case model == ModelIdeal:
		return " (it reads only the energy parameters " + strings.Join(pricedParams, ", ") + ")"
	case model == ModelBandwidth && explicitBW:
		return " (a bandwidth was given, so it reads only the energy parameters)"
	case model == ModelBandwidth:
		return " (it reads the energy parameters and the peak bandwidth's " + strings.Join(peakParams, ", ") + ")"
	}
	return ""
}

// resolveFixedLatency fills the clock, latency and bandwidth of `ideal` and
// `bandwidth`.
func (r *Resolved) resolveFixedLatency(cfg Config) error {
	r.ClockMHz = cfg.ClockMHz
	if r.ClockMHz == 0 {
		r.ClockMHz = DefaultClockMHz
	}
	if !(r.ClockMHz > 0) || math.IsInf(r.ClockMHz, 0) {
		return fmt.Errorf("DRAM clock %g MHz: must be positive and finite", cfg.ClockMHz)
	}
	r.LatencyNS = DefaultIdealLatencyNS
	if r.Model == ModelBandwidth {
		r.LatencyNS = DefaultBandwidthLatencyNS
	}
	if cfg.LatencyNS != nil {
		if !(*cfg.LatencyNS >= 0) || math.IsInf(*cfg.LatencyNS, 0) {
			return fmt.Errorf("DRAM latency %g ns: must be a finite number, not negative", *cfg.LatencyNS)
		}
		r.LatencyNS = *cfg.LatencyNS
	}
	if r.Model == ModelIdeal {
		r.BytesPerCycle = math.Inf(1)
		return nil
	}
	return r.resolveBandwidth(cfg)
}

func (r *Resolved) resolveBandwidth(cfg Config) error {
	for _, v := range []float64{cfg.BandwidthGBps, cfg.BytesPerCycle} {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("DRAM bandwidth %g GB/s, %g B/cycle: must be positive and finite",
				cfg.BandwidthGBps, cfg.BytesPerCycle)
		}
	}
	switch {
	case cfg.BytesPerCycle > 0:
		r.BytesPerCycle = cfg.BytesPerCycle
	case cfg.BandwidthGBps > 0:
		r.BytesPerCycle = cfg.BandwidthGBps * 1e9 / (r.ClockMHz * 1e6)
	default:
		r.BytesPerCycle = r.Params.PeakGBps() * 1e9 / (r.ClockMHz * 1e6)
	}
	return nil
}

// Build creates the model r describes, named name, on engine.
func Build(engine sim.Engine, name string, r Resolved) (Model, error) {
	switch r.Model {
	case ModelIdeal, ModelBandwidth:
		// The ideal DRAM is the bandwidth model with unlimited bandwidth:
		// every request is answered latency after it is taken, however many
		// are in flight.
		return bandwidth.MakeBuilder().WithEngine(engine).WithFreq(sim.Freq(r.ClockMHz) * sim.MHz).
			WithLatencyNS(r.LatencyNS).WithBytesPerCycle(r.BytesPerCycle).Build(name), nil
	case ModelFast:
		return fast.MakeBuilder().WithEngine(engine).WithParams(r.Params).Build(name)
	case ModelAkita:
		return akitadram.MakeBuilder().WithEngine(engine).WithParams(r.Params).Build(name)
	}
	return nil, fmt.Errorf("unknown DRAM model %q (valid: %s)", r.Model, strings.Join(ModelNames(), ", "))
}
