package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/scalecfg"
	"github.com/logsim/logsim/tech"
	"github.com/logsim/logsim/workloads"
)

// runOptions are the flags of "logsim run".
type runOptions struct {
	config   string
	topology string
	gemm     bool
	network  string
	batch    int
	out      string
	runName  string
	quiet    bool

	rows, cols int
	dataflow   string
	timing     string
	clockMHz   float64
	ifmapKiB   int
	filterKiB  int
	ofmapKiB   int
	wordBits   int
	sramBanks  int
	sramWPC    int

	peSpec    string
	peFile    string
	corner    string
	nodeNM    int
	techFile  string
	dramModel string
	dramPre   string
	dramBW    float64
	dramLatNS float64
	dramSet   []string
	dmaBytes  int
	dmaOut    int

	trace    string
	verbose  bool
	tiling   string
	numerics numericsOptions
}

func newRunCommand() *cobra.Command {
	def := sim.DefaultDesignPoint()
	o := runOptions{network: "resnet50", batch: 1}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run one design point on one network",
		Long: `Run one design point on one network and print a per-layer table.

Inputs as SCALE-Sim takes them: --config X.cfg --topology T.csv [--gemm].
A CALC-mode SCALE-Sim config implies scalesim timing with memory that never
stalls and 8-bit SRAM words. Flags given on the command line override the
config's values. Without a topology, --network picks a built-in network
(see "logsim networks"). With --out DIR, writes DIR/<run_name>/COMPUTE_REPORT.csv
(SCALE-Sim v2's columns) and DIR/<run_name>/logsim_layers.csv (units in the
column names).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Flags(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.config, "config", "", "SCALE-Sim config file (.cfg)")
	f.StringVar(&o.topology, "topology", "", "network file: SCALE-Sim topology CSV or logsim YAML")
	f.BoolVar(&o.gemm, "gemm", false, "the topology CSV is SCALE-Sim's GEMM format (name, M, N, K)")
	f.StringVar(&o.network, "network", o.network, "built-in network, used when no --topology is given")
	f.IntVar(&o.batch, "batch", o.batch, "batch size of a built-in network (images or sequences)")
	f.StringVar(&o.out, "out", "", "output directory (files go to DIR/<run_name>/)")
	f.StringVar(&o.runName, "run-name", def.RunName, "name of the run's output folder (a config's run_name by default)")
	f.BoolVar(&o.quiet, "quiet", false, "do not print the per-layer table")
	f.IntVar(&o.rows, "rows", def.Array.Rows, "PE array rows (R)")
	f.IntVar(&o.cols, "cols", def.Array.Cols, "PE array columns (C)")
	f.StringVar(&o.dataflow, "dataflow", def.Dataflow.String(), "dataflow: os, ws or is")
	f.StringVar(&o.timing, "timing", def.Timing.String(), "timing mode: pipelined or scalesim")
	f.Float64Var(&o.clockMHz, "clock-mhz", def.ClockMHz, "array clock, MHz")
	f.IntVar(&o.ifmapKiB, "ifmap-kib", def.IfmapKiB, "ifmap SRAM buffer, KiB")
	f.IntVar(&o.filterKiB, "filter-kib", def.FilterKiB, "filter SRAM buffer, KiB")
	f.IntVar(&o.ofmapKiB, "ofmap-kib", def.OfmapKiB, "ofmap SRAM buffer, KiB")
	f.IntVar(&o.wordBits, "word-bits", def.WordBits, "SRAM word width, bits")
	f.IntVar(&o.sramBanks, "sram-banks", def.SRAMBanks, "banks per SRAM buffer on the array side")
	f.IntVar(&o.sramWPC, "sram-words-per-cycle", def.SRAMWordsPerCycle, "array-side words per cycle per bank (0: wide enough never to stall)")
	f.StringVar(&o.peSpec, "pe", def.PE.String(), "PE kind and widths, e.g. mult:a8w8, shift:a8w4, logboth:a4w4 (see README)")
	f.StringVar(&o.peFile, "pe-file", "", "YAML file whose pe: key gives the PE as a spec string or a mapping (see pe.Spec)")
	f.StringVar(&o.corner, "corner", def.Corner.String(), "cost corner: nominal, low or high")
	f.IntVar(&o.nodeNM, "node-nm", def.NodeNM, "technology node, nm (45, 28, 16, 7, …)")
	f.StringVar(&o.techFile, "tech", "", "YAML file overriding technology-table constants")
	f.StringVar(&o.dramModel, "dram", def.DRAM.Model, "DRAM model: ideal, bandwidth, fast or akita")
	f.StringVar(&o.dramPre, "dram-preset", def.DRAM.Preset, "DRAM preset: DDR4-3200, LPDDR4-4266 or HBM2")
	f.Float64Var(&o.dramBW, "dram-bw-gbps", 0, "peak bandwidth of the bandwidth model, GB/s (0: the preset's)")
	f.Float64Var(&o.dramLatNS, "dram-latency-ns", 0, "latency of the ideal and bandwidth models, ns (default 0 and 100)")
	f.StringArrayVar(&o.dramSet, "dram-set", nil, "override a DRAM preset parameter, name=value (repeatable), e.g. tRCD=24")
	f.IntVar(&o.dmaBytes, "dma-request-bytes", def.DMARequestBytes, "largest DRAM request of the DMA, bytes")
	f.IntVar(&o.dmaOut, "dma-outstanding", def.DMAOutstanding, "DRAM requests the DMA keeps in flight")
	f.StringVar(&o.tiling, "tiling", "buffers", "buffers: tile layers to fit half of each buffer; whole: one tile per layer streaming through the buffers (SCALE-Sim's model)")
	f.StringVar(&o.trace, "trace", "", "write a Daisen trace (CSV) of layers, tiles, folds and DMA transfers to FILE")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "debug log on stderr")
	o.numerics.register(f)
	return cmd
}

func (o *runOptions) run(flags *pflag.FlagSet, stdout, stderr io.Writer) error {
	design, err := o.designPoint(flags)
	if err != nil {
		return err
	}
	net, err := o.loadNetwork(flags)
	if err != nil {
		return err
	}
	if err := o.numerics.validate(); err != nil {
		return err
	}
	res, err := o.simulate(net, design, stderr)
	if err != nil {
		return err
	}
	if err := o.numerics.measure(&res); err != nil {
		return err
	}
	if err := o.writeOutputs(res); err != nil {
		return &failure{err}
	}
	if o.quiet {
		return nil
	}
	return results.PrintTable(stdout, res)
}

// designPoint applies the defaults, then the SCALE-Sim config, then every
// flag the user set.
func (o *runOptions) designPoint(flags *pflag.FlagSet) (sim.DesignPoint, error) {
	d := sim.DefaultDesignPoint()
	if o.config != "" {
		cfg, err := scalecfg.ParseFile(o.config)
		if err != nil {
			return d, err
		}
		if d, err = applySCALESimConfig(d, cfg); err != nil {
			return d, err
		}
	}
	if err := o.applyFlags(&d, flags); err != nil {
		return d, err
	}
	return d, d.Validate()
}

// applySCALESimConfig takes a SCALE-Sim config's array, dataflow, buffers
// and run name, with scalesim timing and 1-byte words. CALC mode is
// SCALE-Sim's stall-free memory: the ideal DRAM. USER mode is a DRAM of
// Bandwidth bytes per cycle and no latency (SCALE-Sim's USER-mode stalls are
// known to be inflated; logsim's will differ).
func applySCALESimConfig(d sim.DesignPoint, c scalecfg.Config) (sim.DesignPoint, error) {
	zero := 0.0
	d.DRAM = dram.Config{Model: dram.ModelIdeal, Preset: d.DRAM.Preset}
	if c.InterfaceBW == scalecfg.ModeUSER {
		d.DRAM = dram.Config{Model: dram.ModelBandwidth, Preset: d.DRAM.Preset, BytesPerCycle: c.Bandwidth[0], LatencyNS: &zero}
	}
	d.WholeLayers = c.InterfaceBW == scalecfg.ModeCALC
	d.RunName = c.RunName
	d.Array = dataflow.Array{Rows: c.ArrayHeight, Cols: c.ArrayWidth}
	d.Dataflow = c.Dataflow
	d.Timing = dataflow.ScaleSim
	d.IfmapKiB, d.FilterKiB, d.OfmapKiB = c.IfmapSRAMKiB, c.FilterSRAMKiB, c.OfmapSRAMKiB
	d.WordBits = 8
	return d, nil
}

func (o *runOptions) applyFlags(d *sim.DesignPoint, flags *pflag.FlagSet) error {
	set := flags.Changed
	if set("run-name") {
		d.RunName = o.runName
	}
	if set("rows") {
		d.Array.Rows = o.rows
	}
	if set("cols") {
		d.Array.Cols = o.cols
	}
	if set("dataflow") {
		df, err := dataflow.ParseDataflow(o.dataflow)
		if err != nil {
			return fmt.Errorf("--dataflow: %w", err)
		}
		d.Dataflow = df
	}
	if set("timing") {
		t, err := dataflow.ParseTiming(o.timing)
		if err != nil {
			return fmt.Errorf("--timing: %w", err)
		}
		d.Timing = t
	}
	applyIfSet(set("clock-mhz"), &d.ClockMHz, o.clockMHz)
	applyIfSet(set("ifmap-kib"), &d.IfmapKiB, o.ifmapKiB)
	applyIfSet(set("filter-kib"), &d.FilterKiB, o.filterKiB)
	applyIfSet(set("ofmap-kib"), &d.OfmapKiB, o.ofmapKiB)
	applyIfSet(set("word-bits"), &d.WordBits, o.wordBits)
	applyIfSet(set("sram-banks"), &d.SRAMBanks, o.sramBanks)
	applyIfSet(set("sram-words-per-cycle"), &d.SRAMWordsPerCycle, o.sramWPC)
	applyIfSet(set("dma-request-bytes"), &d.DMARequestBytes, o.dmaBytes)
	applyIfSet(set("dma-outstanding"), &d.DMAOutstanding, o.dmaOut)
	applyIfSet(set("node-nm"), &d.NodeNM, o.nodeNM)
	applyIfSet(set("tech"), &d.TechFile, o.techFile)
	if set("tiling") {
		switch o.tiling {
		case "buffers", "whole":
			d.WholeLayers = o.tiling == "whole"
		default:
			return fmt.Errorf("--tiling %q: want buffers or whole", o.tiling)
		}
	}
	if err := o.applyCostFlags(d, set); err != nil {
		return err
	}
	return o.applyDRAMFlags(d, set)
}

func (o *runOptions) applyCostFlags(d *sim.DesignPoint, set func(string) bool) error {
	if set("pe") && set("pe-file") {
		return fmt.Errorf("give the PE with --pe or --pe-file, not both")
	}
	if set("pe-file") {
		spec, err := readPEFile(o.peFile)
		if err != nil {
			return err
		}
		d.PE = spec
	}
	if set("pe") {
		spec, err := pe.Parse(o.peSpec)
		if err != nil {
			return fmt.Errorf("--pe: %w", err)
		}
		d.PE = spec
	}
	if set("corner") {
		c, err := tech.ParseCorner(o.corner)
		if err != nil {
			return fmt.Errorf("--corner: %w", err)
		}
		d.Corner = c
	}
	return nil
}

func (o *runOptions) applyDRAMFlags(d *sim.DesignPoint, set func(string) bool) error {
	applyIfSet(set("dram"), &d.DRAM.Model, o.dramModel)
	applyIfSet(set("dram-preset"), &d.DRAM.Preset, o.dramPre)
	if set("dram-bw-gbps") {
		d.DRAM.BandwidthGBps, d.DRAM.BytesPerCycle = o.dramBW, 0
	}
	if set("dram-latency-ns") {
		lat := o.dramLatNS
		d.DRAM.LatencyNS = &lat
	}
	for _, kv := range o.dramSet {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("--dram-set %q: want name=value", kv)
		}
		if d.DRAM.Overrides == nil {
			d.DRAM.Overrides = map[string]string{}
		}
		d.DRAM.Overrides[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return nil
}

func applyIfSet[T any](set bool, dst *T, v T) {
	if set {
		*dst = v
	}
}

func (o *runOptions) loadNetwork(flags *pflag.FlagSet) (workloads.Network, error) {
	if o.batch <= 0 {
		return workloads.Network{}, fmt.Errorf("--batch must be positive, got %d", o.batch)
	}
	if o.topology != "" && (flags.Changed("batch") || flags.Changed("network")) {
		return workloads.Network{}, fmt.Errorf("--batch and --network apply to built-in networks, not to --topology %s (a YAML file sets its own batch; SCALE-Sim files are batch 1)", o.topology)
	}
	if o.topology == "" {
		if o.gemm {
			return workloads.Network{}, fmt.Errorf("--gemm needs a --topology file")
		}
		return workloads.Lookup(o.network, o.batch)
	}
	format := workloads.FormatAuto
	if o.gemm {
		format = workloads.FormatSCALESimGEMM
	}
	return workloads.LoadFile(o.topology, format)
}

func (o *runOptions) writeOutputs(res sim.NetworkResult) error {
	if o.out == "" {
		return nil
	}
	dir := filepath.Join(o.out, res.Design.RunName)
	if err := results.WriteFileAtomic(filepath.Join(dir, "COMPUTE_REPORT.csv"), func(w io.Writer) error {
		return results.WriteComputeReport(w, res)
	}); err != nil {
		return err
	}
	if err := results.WriteFileAtomic(filepath.Join(dir, "logsim_layers.csv"), func(w io.Writer) error {
		return results.WriteLayerCSV(w, res)
	}); err != nil {
		return err
	}
	return results.WriteFileAtomic(filepath.Join(dir, "logsim_network.csv"), func(w io.Writer) error {
		return results.WriteNetworkCSV(w, res)
	})
}

// simulate runs the design point, with the trace and the debug log the
// user asked for.
func (o *runOptions) simulate(net workloads.Network, d sim.DesignPoint, stderr io.Writer) (sim.NetworkResult, error) {
	opts := sim.RunOptions{Log: zerolog.Nop()}
	if o.verbose {
		opts.Log = zerolog.New(zerolog.ConsoleWriter{Out: stderr, NoColor: true,
			PartsExclude: []string{zerolog.TimestampFieldName}}).Level(zerolog.DebugLevel)
	}
	if o.trace == "" {
		return sim.Run(net, d, opts)
	}
	tw, err := results.NewTraceFile(o.trace)
	if err != nil {
		return sim.NetworkResult{}, &failure{err}
	}
	opts.Trace = tw.Write
	res, err := sim.Run(net, d, opts)
	if err != nil {
		tw.Discard()
		return res, err
	}
	if err := tw.Commit(); err != nil {
		return res, &failure{err}
	}
	return res, nil
}

// readPEFile reads the pe: key of a YAML file.
func readPEFile(path string) (pe.Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return pe.Spec{}, fmt.Errorf("--pe-file: %w", err)
	}
	var doc struct {
		PE *pe.Spec `yaml:"pe"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return pe.Spec{}, fmt.Errorf("%s: %w", path, err)
	}
	if doc.PE == nil {
		return pe.Spec{}, fmt.Errorf("%s: no pe: key", path)
	}
	return *doc.PE, nil
}
