package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/results/compare"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/workloads"
	"github.com/logsim/logsim/workloads/onnx"
)

// compareOptions are the flags of "logsim compare".
type compareOptions struct {
	design     designOptions
	numerics   numericsOptions
	accuracy   accuracyFlags
	isoTop1    float64
	models     []string
	pes        []string
	designs    string
	networks   []string
	batch      int
	gemm       bool
	noControls bool
	isoArea    bool
	isoSQNRdB  float64
	sensitive  bool
	csv        string
	workers    int
	fidelity   string
	verbose    bool
}

func newCompareCommand() *cobra.Command {
	var o compareOptions
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "Compare PE specs or design points side by side on one or more networks",
		Long: `Runs two or more designs on one or more networks and prints them side by side
(Markdown on stdout), each figure with its ratio to the first design (the
baseline) and that ratio's range over the low, nominal and high cost corners:
cycles, latency, energy and every part of it, area and every part of it,
pJ/MAC, GMAC/s, GMAC/J, GMAC/s/mm², energy-delay product, and the lowest
per-layer SQNR with --numerics.

Designs are PE specs (--pe mult:a8w8 --pe shift:a8w4 …) on one design point,
or named design points in a YAML file (--designs FILE):

  base:                  # optional: design keys every design starts from
    dram: fast
  designs:               # two or more, in order; the first is the baseline
    mult8: {pe: mult:a8w8}
    shift4: {pe: shift:a8w4, rows: 64}

Keys are those of a design file (logsim run --dump-design). The shared base is
what "logsim run" would use (defaults, --design or --config, the design
flags); the file's base: and each design's keys apply on top. A key set both
in the file and by a flag is an error.

Controls: when a log-domain PE (shift, logboth) is compared with a multiplier,
the multiplier at the log PE's widths is added unless it is already there
(shift:a8w4 adds mult:a8w4; activation signedness, accumulator, fractional
bits and overflow rule are kept), and the saving is split: baseline → control
(the effect of fewer bits) → log PE (the effect of the arithmetic), per energy
and area part. --no-controls leaves them out.

--sensitivity adds, per design and network, a tornado table: each uncertain
cost constant (tech.Constants: every source's estimate, README "Energy and
area") alone at the low and the high end of its range, with the energy, area
and EDP ratios to the baseline at each, and the extreme combinations for and
against the design. Runs are re-priced, not simulated again: the tiling stays
the one chosen at the nominal prices, so only prices move.

--iso-area resizes every design's array but the baseline's to the largest with
the baseline's aspect ratio whose total area does not exceed the baseline's.
--iso-sqnr-db X (implies --numerics) gives every design the fewest bits whose
lowest per-layer SQNR on the network reaches X dB: mult and logboth search
equal activation and weight bits (mult 2–16, logboth 2–8); shift searches
weight bits (2–8) and keeps its activation bits. Controls follow the chosen
widths. A log code's SQNR stops rising after a few bits, so a high target can
be out of a log PE's reach: the error names the kind and its best SQNR.

--iso-top1-drop P (implies --accuracy) gives every design the fewest bits
whose top-1 accuracy on the held-out images of --data is within P points of the
float reference's, searched as --iso-sqnr-db searches.

Networks: --network NAME (built-in) or --network FILE (a path: SCALE-Sim CSV,
--gemm for its GEMM format, logsim YAML or ONNX), repeatable; --model FILE.onnx
(repeatable) adds ONNX networks, whose weights --accuracy runs: each design's
top-1 accuracy through its PE arithmetic on --data's held-out images. Runs go in parallel
(--workers); the output does not depend on their number. --csv FILE writes one
row per design and network (results/COLUMNS.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Flags(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.register(cmd.Flags())
	return cmd
}

func (o *compareOptions) register(f *pflag.FlagSet) {
	shared := pflag.NewFlagSet("design", pflag.ContinueOnError)
	o.design.register(shared)
	shared.VisitAll(func(fl *pflag.Flag) {
		if fl.Name != "pe" && fl.Name != "pe-file" { // compare's --pe lists the designs
			f.AddFlag(fl)
		}
	})
	o.numerics.register(f)
	o.accuracy.register(f, true)
	f.Float64Var(&o.isoTop1, "iso-top1-drop", 0, "give each design the fewest bits whose top-1 accuracy is within this many points of float (implies --accuracy; needs --model and --data)")
	f.StringArrayVar(&o.models, "model", nil, "network as an ONNX file (repeatable; with --accuracy its weights are run)")
	f.StringArrayVar(&o.pes, "pe", nil, "a PE spec to compare (repeatable; the first is the baseline), e.g. --pe mult:a8w8 --pe shift:a8w4")
	f.StringVar(&o.designs, "designs", "", "YAML file of named design points to compare (see above)")
	f.StringArrayVar(&o.networks, "network", []string{"resnet50"}, "built-in network or network file (repeatable)")
	f.IntVar(&o.batch, "batch", 1, "batch size of the built-in networks")
	f.BoolVar(&o.gemm, "gemm", false, "network CSV files are SCALE-Sim's GEMM format (name, M, N, K)")
	f.BoolVar(&o.noControls, "no-controls", false, "do not add the multiplier at each log-domain PE's widths")
	f.BoolVar(&o.isoArea, "iso-area", false, "resize each design's array to the baseline's area (same aspect ratio)")
	f.Float64Var(&o.isoSQNRdB, "iso-sqnr-db", 0, "give each design the fewest bits whose lowest per-layer SQNR reaches this (dB; implies --numerics)")
	f.BoolVar(&o.sensitive, "sensitivity", false, "add a tornado table per design: each cost constant alone at the ends of its range (tiling fixed at the nominal prices)")
	f.StringVar(&o.csv, "csv", "", "write one CSV row per design and network to FILE")
	f.IntVar(&o.workers, "workers", runtime.NumCPU(), "runs at once")
	registerFidelity(f, &o.fidelity, sim.FidelityEvent)
	f.BoolVarP(&o.verbose, "verbose", "v", false, "debug log on stderr")
}

func (o *compareOptions) run(flags *pflag.FlagSet, stdout, stderr io.Writer) error {
	opts, err := o.options(flags, stderr)
	if err != nil {
		return err
	}
	designs, err := o.loadDesigns()
	if err != nil {
		return err
	}
	nets, models, err := o.loadNetworks(flags)
	if err != nil {
		return err
	}
	if opts.Accuracy, err = o.evaluators(flags, models, nets); err != nil {
		return err
	}
	plans, err := compare.Plan(designs, nets, opts)
	if err != nil {
		return err
	}
	o.design.printWarnings(stderr)
	res, err := compare.Run(plans, opts)
	if err != nil {
		return err
	}
	if err := o.writeCSV(res); err != nil {
		return &failure{err}
	}
	var md bytes.Buffer
	if err := compare.WriteMarkdown(&md, res, opts); err != nil {
		return err
	}
	if o.sensitive {
		ts, err := compare.Sensitivity(res)
		if err != nil {
			return err
		}
		if err := compare.WriteSensitivity(&md, ts); err != nil {
			return err
		}
	}
	_, err = stdout.Write(md.Bytes())
	return err
}

// options are the comparison's options from the flags.
func (o *compareOptions) options(flags *pflag.FlagSet, stderr io.Writer) (compare.Options, error) {
	if o.workers < 1 {
		return compare.Options{}, fmt.Errorf("--workers must be at least 1, got %d", o.workers)
	}
	if err := checkFidelity(o.fidelity); err != nil {
		return compare.Options{}, err
	}
	opts := compare.Options{NoControls: o.noControls, IsoArea: o.isoArea, Workers: o.workers, Log: logger(o.verbose, stderr),
		Fidelity: o.fidelity}
	if flags.Changed("iso-sqnr-db") {
		opts.IsoSQNRdB = &o.isoSQNRdB
		o.numerics.enabled = true
	}
	if flags.Changed("iso-top1-drop") {
		if o.isoTop1 < 0 {
			return compare.Options{}, fmt.Errorf("--iso-top1-drop must not be negative, got %g", o.isoTop1)
		}
		opts.IsoTop1Drop = &o.isoTop1
		o.accuracy.enabled = true
	}
	if flags.Changed("numerics-data") {
		return compare.Options{}, fmt.Errorf("--numerics-data applies to logsim run (one network's captured operands)")
	}
	var err error
	opts.Numerics, err = o.numerics.options(flags)
	return opts, err
}

// loadDesigns reads the designs: PE specs on the shared base, or a designs
// file on top of it.
func (o *compareOptions) loadDesigns() ([]compare.Design, error) {
	base, _, err := o.design.point()
	if err != nil {
		return nil, err
	}
	switch {
	case o.designs != "" && len(o.pes) > 0:
		return nil, fmt.Errorf("give the designs with --pe or --designs, not both")
	case o.designs != "":
		return compare.LoadDesigns(o.designs, base, o.design.flags.Given)
	}
	return compare.SpecDesigns(o.pes, base)
}

// loadNetworks loads every --network (a path — it holds a / or ends in
// .csv, .yaml, .yml or .onnx — is a file, anything else a built-in name),
// then every --model; with --model alone, only the models. models[i] is
// network i's ONNX model, nil for another kind.
func (o *compareOptions) loadNetworks(flags *pflag.FlagSet) ([]workloads.Network, []*onnx.Model, error) {
	if o.batch <= 0 {
		return nil, nil, fmt.Errorf("--batch must be positive, got %d", o.batch)
	}
	names := o.networks
	if len(o.models) > 0 && !flags.Changed("network") {
		names = nil
	}
	var nets []workloads.Network
	var models []*onnx.Model
	for _, n := range append(slices.Clone(names), o.models...) {
		if strings.EqualFold(filepath.Ext(n), ".onnx") {
			m, err := onnx.Load(n)
			if err != nil {
				return nil, nil, err
			}
			nets, models = append(nets, m.Network), append(models, &m)
			continue
		}
		net, err := o.loadNetwork(n)
		if err != nil {
			return nil, nil, err
		}
		nets, models = append(nets, net), append(models, nil)
	}
	return nets, models, nil
}

// evaluators builds one accuracy evaluator per network (nil without
// --accuracy); every network must then be an ONNX model with weights.
func (o *compareOptions) evaluators(flags *pflag.FlagSet, models []*onnx.Model, nets []workloads.Network) ([]*accuracy.Evaluator, error) {
	if !o.accuracy.enabled {
		_, err := o.accuracy.evaluator(flags, nil, o.workers)
		return nil, err
	}
	var out []*accuracy.Evaluator
	for i, m := range models {
		if m == nil {
			return nil, fmt.Errorf("--accuracy: network %s is not an ONNX model (--model FILE.onnx)", nets[i].Name)
		}
		e, err := o.accuracy.evaluator(flags, m, o.workers)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", nets[i].Name, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func (o *compareOptions) loadNetwork(n string) (workloads.Network, error) {
	ext := strings.ToLower(filepath.Ext(n))
	if !strings.ContainsAny(n, `/\`) && ext != ".csv" && ext != ".yaml" && ext != ".yml" {
		return workloads.Lookup(n, o.batch)
	}
	format := workloads.FormatAuto
	if o.gemm {
		format = workloads.FormatSCALESimGEMM
	}
	return workloads.LoadFile(n, format)
}

// writeCSV writes the rows of every network, whole or not at all.
func (o *compareOptions) writeCSV(res []compare.Result) error {
	if o.csv == "" {
		return nil
	}
	var rows []results.CompareRow
	for _, r := range res {
		rows = append(rows, r.Rows...)
	}
	return results.WriteFileAtomic(o.csv, func(w io.Writer) error { return results.WriteCompareCSV(w, rows) })
}
