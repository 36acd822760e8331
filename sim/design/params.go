package design

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/tech"
)

// Param is one design parameter. Its Key names it everywhere: in a design
// file (--design), in a sweep spec's axes, in report columns; its Flag is
// the command-line flag of `logsim run`. Every parameter has one text form
// (Get) that Set reads back, so points can be written, read, hashed and
// compared as text.
type Param struct {
	Key   string // YAML key and report column, e.g. "clock_mhz"
	Flag  string // command-line flag without "--", e.g. "clock-mhz"
	Type  string // "int", "float" or "string", for help texts
	Unit  string // unit or allowed values, e.g. "MHz", "os|ws|is"
	Usage string // one line for --help and the column documentation
	get   func(Point) string
	set   func(*Point, string) error
}

// Get returns the parameter's canonical text in p ("" for an optional
// parameter left to its default).
func (pr Param) Get(p Point) string { return pr.get(p) }

// Set reads text into p; the error names the key, never the file (callers
// add where the text came from).
func (pr Param) Set(p *Point, text string) error {
	if err := pr.set(p, strings.TrimSpace(text)); err != nil {
		return fmt.Errorf("%s: %w", pr.Key, err)
	}
	return nil
}

// Params lists every design parameter in report order.
func Params() []Param {
	return append(append(arrayParams(), memoryParams()...), costParams()...)
}

// ParamByKey returns the parameter whose Key is key.
func ParamByKey(key string) (Param, bool) {
	for _, pr := range Params() {
		if pr.Key == key {
			return pr, true
		}
	}
	return Param{}, false
}

// Keys lists every parameter key in report order.
func Keys() []string {
	var keys []string
	for _, pr := range Params() {
		keys = append(keys, pr.Key)
	}
	return keys
}

func arrayParams() []Param {
	return []Param{
		intParam("rows", "PEs", "PE array rows (R)", func(p *Point) *int { return &p.Array.Rows }),
		intParam("cols", "PEs", "PE array columns (C)", func(p *Point) *int { return &p.Array.Cols }),
		enumParam("dataflow", "os|ws|is", "dataflow: output, weight or input stationary",
			func(p Point) string { return p.Dataflow.String() },
			func(p *Point, s string) (err error) { p.Dataflow, err = dataflow.ParseDataflow(s); return }),
		enumParam("timing", "pipelined|scalesim", "timing mode: folds overlap (pipelined) or each pays its fill (scalesim)",
			func(p Point) string { return p.Timing.String() },
			func(p *Point, s string) (err error) { p.Timing, err = dataflow.ParseTiming(s); return }),
		floatParam("clock_mhz", "MHz", "array clock", func(p *Point) *float64 { return &p.ClockMHz }),
		enumParam("pe", "kind:aXwY[,field=value…]", "PE kind and widths, e.g. mult:a8w8, shift:a8w4, logboth:a4w4 (see README)",
			func(p Point) string { return p.PE.String() },
			func(p *Point, s string) (err error) { p.PE, err = pe.Parse(s); return }),
		layerPEParam(),
	}
}

func memoryParams() []Param {
	return []Param{
		intParam("ifmap_kib", "KiB", "ifmap SRAM buffer (both halves)", func(p *Point) *int { return &p.IfmapKiB }),
		intParam("filter_kib", "KiB", "filter SRAM buffer (both halves)", func(p *Point) *int { return &p.FilterKiB }),
		intParam("ofmap_kib", "KiB", "ofmap SRAM buffer (both halves)", func(p *Point) *int { return &p.OfmapKiB }),
		intParam("word_bits", "bits", "SRAM word width", func(p *Point) *int { return &p.WordBits }),
		intParam("sram_banks", "banks", "banks per SRAM buffer on the array side", func(p *Point) *int { return &p.SRAMBanks }),
		intParam("sram_words_per_cycle", "words/cycle/bank", "array-side words per cycle per bank (0: wide enough never to stall)",
			func(p *Point) *int { return &p.SRAMWordsPerCycle }),
		enumParam("tiling", "buffers|whole", "buffers: tile layers to fit half of each buffer; whole: one tile per layer streaming through the buffers (SCALE-Sim's model)",
			func(p Point) string { return map[bool]string{false: "buffers", true: "whole"}[p.WholeLayers] },
			setTiling),
		enumParam("tile_objective", strings.Join(TileObjectives(), "|"),
			"what the tiler minimises per layer: estimated energy × cycles, cycles, energy, or DRAM traffic",
			func(p Point) string { return p.TileObjective }, setTileObjective),
		enumParam("prefetch", "on|off", "load the next layer's first filter tile while the current layer finishes",
			func(p Point) string { return map[bool]string{false: "off", true: "on"}[p.Prefetch] },
			func(p *Point, s string) error { return setOnOff(&p.Prefetch, s) }),
		enumParam("vector_unit", "on|off", "run pooling, adds, softmax and normalisation on a vector unit beside the array (off: listed, not simulated)",
			func(p Point) string { return map[bool]string{false: "off", true: "on"}[p.VectorUnit] },
			func(p *Point, s string) error { return setOnOff(&p.VectorUnit, s) }),
		intParam("vector_lanes", "lanes", "vector unit width (0: one lane per array column)", func(p *Point) *int { return &p.VectorLanes }),
		enumParam("dram", strings.Join(dram.ModelNames(), "|"), "DRAM model", func(p Point) string { return p.DRAM.Model }, setDRAMModel),
		enumParam("dram_preset", strings.Join(spec.PresetNames(), "|"), "DRAM preset (its parameters, peak bandwidth and energy per bit)",
			func(p Point) string { return p.DRAM.Preset }, setPreset),
		optFloatParam("dram_bw_gbps", "GB/s", "peak bandwidth of the bandwidth model (empty: the preset's)",
			func(p *Point) *float64 { return &p.DRAM.BandwidthGBps }),
		optFloatParam("dram_bytes_per_cycle", "B/cycle", "peak bandwidth of the bandwidth model in bytes per array cycle (SCALE-Sim USER mode; empty: unset)",
			func(p *Point) *float64 { return &p.DRAM.BytesPerCycle }),
		latencyParam(),
		overridesParam(),
		intParam("dma_request_bytes", "bytes", "largest DRAM request of the DMA", func(p *Point) *int { return &p.DMARequestBytes }),
		intParam("dma_outstanding", "requests", "DRAM requests the DMA keeps in flight", func(p *Point) *int { return &p.DMAOutstanding }),
	}
}

func costParams() []Param {
	return []Param{
		enumParam("cost_source", "aladdin|horowitz|synth", "where the logic cost constants come from (README: Energy and area)",
			func(p Point) string { return string(p.CostSource) },
			func(p *Point, s string) (err error) { p.CostSource, err = tech.ParseSource(s); return }),
		enumParam("activity", "default|measured", "PE register toggle rates: the stated default (0.5) or measured on the numerics module's default synthetic operands",
			func(p Point) string { return p.Activity },
			func(p *Point, s string) error {
				switch v := strings.ToLower(s); v {
				case ActivityDefault, ActivityMeasured:
					p.Activity = v
					return nil
				}
				return fmt.Errorf("%q: want default or measured", s)
			}),
		enumParam("clock_gating", "on|off", "gate the clock of PE registers holding a stationary operand (off: they pay clock energy every cycle)",
			func(p Point) string { return map[bool]string{false: "off", true: "on"}[p.ClockGating] },
			func(p *Point, s string) error { return setOnOff(&p.ClockGating, s) }),
		enumParam("pe_pipeline", "off|auto", "a PE whose critical path (gate-delay model) exceeds the clock period: off reports it as not meeting timing, auto prices a pipeline register",
			func(p Point) string { return p.PEPipeline },
			func(p *Point, s string) error {
				switch v := strings.ToLower(s); v {
				case PipelineOff, PipelineAuto:
					p.PEPipeline = v
					return nil
				}
				return fmt.Errorf("%q: want off or auto", s)
			}),
		enumParam("corner", "nominal|low|high", "cost corner: every constant at its source's value, or at the low or high end of its range",
			func(p Point) string { return p.Corner.String() },
			func(p *Point, s string) (err error) { p.Corner, err = tech.ParseCorner(s); return }),
		intParam("node_nm", "nm", fmt.Sprintf("technology node (%s)", joinInts(tech.SupportedNodes())), func(p *Point) *int { return &p.NodeNM }),
		{Key: "tech", Flag: "tech", Type: "string", Unit: "file", Usage: "YAML file overriding technology-table constants (empty: none)",
			get: func(p Point) string { return p.TechFile },
			set: func(p *Point, s string) error { p.TechFile = s; return nil }},
	}
}

func flagOf(key string) string { return strings.ReplaceAll(key, "_", "-") }

func intParam(key, unit, usage string, field func(*Point) *int) Param {
	return Param{Key: key, Flag: flagOf(key), Type: "int", Unit: unit, Usage: usage,
		get: func(p Point) string { return strconv.Itoa(*field(&p)) },
		set: func(p *Point, s string) error {
			v, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("%q is not an integer", s)
			}
			*field(p) = v
			return nil
		}}
}

func parseFinite(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

func floatParam(key, unit, usage string, field func(*Point) *float64) Param {
	return Param{Key: key, Flag: flagOf(key), Type: "float", Unit: unit, Usage: usage,
		get: func(p Point) string { return formatFloat(*field(&p)) },
		set: func(p *Point, s string) error {
			v, err := parseFinite(s)
			*field(p) = v
			return err
		}}
}

// optFloatParam is a float whose zero means "not set" (text "").
func optFloatParam(key, unit, usage string, field func(*Point) *float64) Param {
	return Param{Key: key, Flag: flagOf(key), Type: "float", Unit: unit, Usage: usage,
		get: func(p Point) string {
			if *field(&p) == 0 {
				return ""
			}
			return formatFloat(*field(&p))
		},
		set: func(p *Point, s string) error {
			if s == "" {
				*field(p) = 0
				return nil
			}
			v, err := parseFinite(s)
			if err == nil && v < 0 {
				err = fmt.Errorf("%s must not be negative", s)
			}
			*field(p) = v
			return err
		}}
}

func latencyParam() Param {
	return Param{Key: "dram_latency_ns", Flag: "dram-latency-ns", Type: "float", Unit: "ns",
		Usage: fmt.Sprintf("latency of the ideal and bandwidth models (empty: %g and %g)", dram.DefaultIdealLatencyNS, dram.DefaultBandwidthLatencyNS),
		get: func(p Point) string {
			if p.DRAM.LatencyNS == nil {
				return ""
			}
			return formatFloat(*p.DRAM.LatencyNS)
		},
		set: func(p *Point, s string) error {
			if s == "" {
				p.DRAM.LatencyNS = nil
				return nil
			}
			v, err := parseFinite(s)
			if err == nil && v < 0 {
				err = fmt.Errorf("%s must not be negative", s)
			}
			p.DRAM.LatencyNS = &v
			return err
		}}
}

func enumParam(key, unit, usage string, get func(Point) string, set func(*Point, string) error) Param {
	return Param{Key: key, Flag: flagOf(key), Type: "string", Unit: unit, Usage: usage, get: get, set: set}
}

func setTiling(p *Point, s string) error {
	switch strings.ToLower(s) {
	case "buffers", "whole":
		p.WholeLayers = strings.EqualFold(s, "whole")
		return nil
	}
	return fmt.Errorf("%q: want buffers or whole", s)
}

func setOnOff(dst *bool, s string) error {
	switch strings.ToLower(s) {
	case "on", "true":
		*dst = true
	case "off", "false":
		*dst = false
	default:
		return fmt.Errorf("%q: want on or off", s)
	}
	return nil
}

func setTileObjective(p *Point, s string) error {
	o := strings.ToLower(s)
	if !slices.Contains(TileObjectives(), o) {
		return fmt.Errorf("unknown tile objective %q (valid: %s)", s, strings.Join(TileObjectives(), ", "))
	}
	p.TileObjective = o
	return nil
}

func setDRAMModel(p *Point, s string) error {
	m := strings.ToLower(s)
	if !slices.Contains(dram.ModelNames(), m) {
		return fmt.Errorf("unknown DRAM model %q (valid: %s)", s, strings.Join(dram.ModelNames(), ", "))
	}
	p.DRAM.Model = m
	return nil
}

func setPreset(p *Point, s string) error {
	ps, err := spec.Preset(s)
	if err != nil {
		return err
	}
	p.DRAM.Preset = ps.Name
	return nil
}

// overridesParam is the DRAM preset overrides: text "name=value;…" in
// sorted name order. Set merges the names it is given into the point's
// overrides, so a flag or an axis can change one parameter of a design
// file's overrides.
func overridesParam() Param {
	return Param{Key: "dram_overrides", Flag: "dram-set", Type: "name=value", Unit: "name=value;…",
		Usage: "override DRAM preset parameters (repeatable on the command line), e.g. tRCD=24; see logsim run --help-dram",
		get:   func(p Point) string { return FormatOverrides(p.DRAM.Overrides) },
		set: func(p *Point, s string) error {
			o, err := ParseOverrides(s)
			if err != nil {
				return err
			}
			merged := map[string]string{}
			for k, v := range p.DRAM.Overrides {
				merged[k] = v
			}
			for k, v := range o {
				merged[k] = v
			}
			if len(merged) == 0 {
				merged = nil
			}
			p.DRAM.Overrides = merged
			return nil
		}}
}

// ParseOverrides reads "name=value;name=value" (names case-insensitive,
// spaces ignored) into canonical names and values.
func ParseOverrides(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range strings.Split(s, ";") {
		if strings.TrimSpace(kv) == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("%q: want name=value", kv)
		}
		name, err := spec.CanonicalName(k)
		if err != nil {
			return nil, err
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("%s given twice", name)
		}
		val, err := spec.CanonicalValue(name, v)
		if err != nil {
			return nil, err
		}
		out[name] = val
	}
	return out, nil
}

// FormatOverrides writes overrides as "name=value;…" in sorted name order
// ("" for none): the canonical text of the dram_overrides column.
func FormatOverrides(o map[string]string) string {
	names := make([]string, 0, len(o))
	for k := range o {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = k + "=" + o[k]
	}
	return strings.Join(parts, ";")
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}
