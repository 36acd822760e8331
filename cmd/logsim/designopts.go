package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/internal/printable"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/sim/scalecfg"
)

// designOptions are the flags that make a design point: a design file or a
// SCALE-Sim config, then one flag per design parameter (design.Params),
// and --pe-file.
type designOptions struct {
	file       string
	config     string
	peFile     string
	noPrefetch bool
	flags      *design.Flags
	// warnings are the one-line warnings point found (a SCALE-Sim config's
	// keys logsim ignores), for the command to print on stderr.
	warnings []string
}

func (o *designOptions) register(f *pflag.FlagSet) {
	f.StringVar(&o.file, "design", "", "design point as a YAML file (keys as the flags, e.g. rows: 64; logsim run --dump-design writes one)")
	f.StringVar(&o.config, "config", "", "SCALE-Sim config file (.cfg)")
	f.StringVar(&o.peFile, "pe-file", "", "YAML file whose pe: key gives the PE as a spec string or a mapping (see pe.Spec)")
	f.BoolVar(&o.noPrefetch, "no-prefetch", false, "same as --prefetch off: no inter-layer prefetch, to compare")
	o.flags = design.RegisterFlags(f, design.Default())
}

// point builds the design point: the defaults, then the design file or
// the SCALE-Sim config, then --pe-file, then every design flag given, in
// command-line order. It returns the config's run name too ("" without a
// config).
func (o *designOptions) point() (design.Point, string, error) {
	p := design.Default()
	runName := ""
	switch {
	case o.file != "" && o.config != "":
		return p, "", fmt.Errorf("give the design with --design or --config, not both")
	case o.file != "":
		var err error
		if p, err = design.Load(o.file, p); err != nil {
			return p, "", err
		}
	case o.config != "":
		cfg, err := scalecfg.ParseFile(o.config)
		if err != nil {
			return p, "", err
		}
		p, runName = applySCALESimConfig(p, cfg), cfg.RunName
		if len(cfg.Ignored) > 0 {
			o.warnings = append(o.warnings, fmt.Sprintf("%s: SCALE-Sim keys logsim does not use, ignored: %s", o.config, strings.Join(cfg.Ignored, ", ")))
		}
	}
	if o.peFile != "" {
		if o.flags.Given("pe") {
			return p, "", fmt.Errorf("give the PE with --pe or --pe-file, not both")
		}
		spec, err := readPEFile(o.peFile)
		if err != nil {
			return p, "", err
		}
		p.PE = spec
	}
	if err := o.flags.Apply(&p); err != nil {
		return p, "", err
	}
	if o.noPrefetch {
		if o.flags.Given("prefetch") {
			return p, "", fmt.Errorf("give --prefetch or --no-prefetch, not both")
		}
		p.Prefetch = false
	}
	return p, runName, nil
}

// applySCALESimConfig takes a SCALE-Sim config's array, dataflow and
// buffers, with scalesim timing and 1-byte words. CALC mode is SCALE-Sim's
// stall-free memory: the ideal DRAM, each layer one tile. USER mode is a
// DRAM of Bandwidth bytes per cycle and no latency (SCALE-Sim's USER-mode
// stalls are known to be inflated; logsim's will differ).
func applySCALESimConfig(d design.Point, c scalecfg.Config) design.Point {
	zero := 0.0
	d.DRAM = dram.Config{Model: dram.ModelIdeal, Preset: d.DRAM.Preset}
	if c.InterfaceBW == scalecfg.ModeUSER {
		d.DRAM = dram.Config{Model: dram.ModelBandwidth, Preset: d.DRAM.Preset, BytesPerCycle: c.Bandwidth[0], LatencyNS: &zero}
	}
	d.WholeLayers = c.InterfaceBW == scalecfg.ModeCALC
	d.Array = dataflow.Array{Rows: c.ArrayHeight, Cols: c.ArrayWidth}
	d.Dataflow = c.Dataflow
	d.Timing = dataflow.ScaleSim
	d.IfmapKiB, d.FilterKiB, d.OfmapKiB = c.IfmapSRAMKiB, c.FilterSRAMKiB, c.OfmapSRAMKiB
	d.WordBits = 8
	return d
}

// readPEFile reads the pe: key of a YAML file.
func readPEFile(path string) (pe.Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return pe.Spec{}, fmt.Errorf("--pe-file: %w", err)
	}
	return pe.ParseFile(path, data)
}

// printWarnings writes point's warnings on stderr, one line each: called
// once every input is checked, so that bad input stays one line.
func (o *designOptions) printWarnings(stderr io.Writer) {
	for _, w := range o.warnings {
		fmt.Fprintf(stderr, "logsim: warning: %s\n", printable.String(w))
	}
}
