package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/scalecfg"
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
			return o.run(cmd.Flags(), cmd.OutOrStdout())
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
	return cmd
}

func (o *runOptions) run(flags *pflag.FlagSet, stdout io.Writer) error {
	design, err := o.designPoint(flags)
	if err != nil {
		return err
	}
	net, err := o.loadNetwork()
	if err != nil {
		return err
	}
	res, err := sim.RunAnalytic(net, design)
	if err != nil {
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
// and run name. CALC mode is SCALE-Sim's stall-free model: scalesim timing,
// 1-byte words.
func applySCALESimConfig(d sim.DesignPoint, c scalecfg.Config) (sim.DesignPoint, error) {
	if c.InterfaceBW == scalecfg.ModeUSER {
		return d, fmt.Errorf("%s: InterfaceBandwidth USER (bandwidth-limited DRAM) needs the memory simulation, which this build of logsim does not have yet; use CALC", c.File)
	}
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
	return nil
}

func applyIfSet[T any](set bool, dst *T, v T) {
	if set {
		*dst = v
	}
}

func (o *runOptions) loadNetwork() (workloads.Network, error) {
	if o.batch <= 0 {
		return workloads.Network{}, fmt.Errorf("--batch must be positive, got %d", o.batch)
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
	return results.WriteFileAtomic(filepath.Join(dir, "logsim_layers.csv"), func(w io.Writer) error {
		return results.WriteLayerCSV(w, res)
	})
}
