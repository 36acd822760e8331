package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// runOptions are the flags of "logsim run".
type runOptions struct {
	design     designOptions
	network    networkOptions
	numerics   numericsOptions
	accuracy   accuracyFlags
	out        string
	runName    string
	force      bool
	quiet      bool
	dumpDesign bool
	trace      string
	verbose    bool
	compat     bool
	fidelity   string
}

// runOutputs are the files "logsim run --out DIR" writes into DIR/<run name>/.
var runOutputs = []string{"COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv",
	"logsim_layers.csv", "logsim_network.csv"}

func newRunCommand() *cobra.Command {
	var o runOptions
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run one design point on one network",
		Long: `Run one design point on one network and print its totals, energy and area,
after a per-layer table (--quiet leaves the table out).

The design point is the reference point (design.md §7), then a design file
(--design FILE, keys as the flags; --dump-design prints one) or a SCALE-Sim
config (--config X.cfg: a CALC-mode config implies scalesim timing, memory
that never stalls and 8-bit SRAM words), then every flag given. The network
is a built-in one (--network, --batch) or a file (--topology T.csv|T.yaml,
--gemm for SCALE-Sim's GEMM format).

With --out DIR, writes five files into DIR/<run name>/, all together or
none (README: Outputs): SCALE-Sim v2's COMPUTE_REPORT.csv, BANDWIDTH_REPORT.csv and
DETAILED_ACCESS_REPORT.csv (its headers and number format), and
logsim_layers.csv and logsim_network.csv (units in the column names;
results/COLUMNS.md documents every column). In SCALE-Sim's CALC mode the
bandwidth and access reports come from SCALE-Sim's own memory model, with
its known counting bugs corrected; --scalesim-compat keeps them, so that
all three files equal SCALE-Sim's. Otherwise they come from logsim's
simulation. The run name is --run-name, else the config's run_name, else
one derived from the network and the design point. An existing run folder
is not overwritten without --force.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Flags(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	o.design.register(f)
	o.network.register(f)
	o.numerics.register(f)
	o.accuracy.register(f, true)
	f.StringVar(&o.out, "out", "", "output directory (files go to DIR/<run name>/)")
	f.StringVar(&o.runName, "run-name", "", "name of the run's output folder (default: the config's run_name, else derived from the design point)")
	f.BoolVar(&o.force, "force", false, "overwrite an existing run folder")
	f.BoolVar(&o.quiet, "quiet", false, "leave out the per-layer table (the totals are still printed)")
	f.BoolVar(&o.dumpDesign, "dump-design", false, "print the resolved design point as a design file and exit")
	f.StringVar(&o.trace, "trace", "", "write a Daisen trace (CSV) of layers, tiles, folds and DMA transfers to FILE")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "debug log on stderr")
	registerFidelity(f, &o.fidelity, sim.FidelityEvent)
	f.BoolVar(&o.compat, "scalesim-compat", false, "with --out in SCALE-Sim's CALC mode: write SCALE-Sim's own numbers, its counting bugs included (README: differences from SCALE-Sim)")
	return cmd
}

func (o *runOptions) run(flags *pflag.FlagSet, stdout, stderr io.Writer) error {
	point, cfgRunName, err := o.design.point()
	if err != nil {
		return err
	}
	resolved, err := point.Resolve()
	if err != nil {
		return fmt.Errorf("design point: %w", err)
	}
	if o.dumpDesign {
		return design.Dump(stdout, resolved)
	}
	if err := o.checkCompat(resolved.Point()); err != nil {
		return err
	}
	if err := checkFidelity(o.fidelity); err != nil {
		return err
	}
	net, err := o.network.load(flags)
	if err != nil {
		return err
	}
	opts := sim.RunOptions{Log: logger(o.verbose, stderr), Fidelity: o.fidelity}
	if opts.Numerics, err = o.numerics.options(flags); err != nil {
		return err
	}
	if err := o.numerics.capture(opts.Numerics, o.network.onnx); err != nil {
		return err
	}
	if opts.Accuracy, err = o.accuracy.evaluator(flags, o.network.onnx, runtime.NumCPU()); err != nil {
		return err
	}
	dir, err := o.outputDir(net, resolved, cfgRunName)
	if err != nil {
		return err
	}
	if o.trace != "" {
		if err := results.CheckTarget(o.trace); err != nil {
			return fmt.Errorf("--trace: %w", err)
		}
	}
	o.design.printWarnings(stderr) // after every check: bad input stays one line
	res, err := o.simulate(net, resolved, opts)
	if err != nil {
		return err
	}
	if err := writeRunOutputs(dir, res, o.compat); err != nil {
		return &failure{err}
	}
	return results.PrintTable(stdout, res, !o.quiet)
}

// logger is the debug log on stderr with -v, quiet otherwise.
func logger(verbose bool, stderr io.Writer) zerolog.Logger {
	if !verbose {
		return zerolog.Nop()
	}
	return zerolog.New(zerolog.ConsoleWriter{Out: stderr, NoColor: true,
		PartsExclude: []string{zerolog.TimestampFieldName}}).Level(zerolog.DebugLevel)
}

// outputDir checks, before anything is simulated, where the run's files
// go: DIR/<run name>, which must be one path element, and must not hold a
// run already unless --force. "" without --out.
func (o *runOptions) outputDir(net workloads.Network, r design.Resolved, cfgRunName string) (string, error) {
	if o.out == "" {
		return "", nil
	}
	name := o.runName
	if name == "" {
		name = cfgRunName
	}
	if name == "" {
		name = defaultRunName(net, r)
	}
	if name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.TrimSpace(name) == "" {
		return "", fmt.Errorf("run name %q: must be one folder name (no / or \\, not . or ..)", name)
	}
	dir := filepath.Join(o.out, name)
	if !o.force {
		if _, err := os.Lstat(dir); err == nil {
			return "", fmt.Errorf("%s already exists; give another --run-name or --force to replace it", dir)
		}
	}
	if err := results.CheckWritable(o.out); err != nil {
		return "", &failure{fmt.Errorf("--out: %w", err)}
	}
	return dir, nil
}

// defaultRunName names a run after its network and design point:
// network-pe-RxC-dataflow-<first 8 digits of the point ID>.
func defaultRunName(net workloads.Network, r design.Resolved) string {
	p := r.Point()
	name := fmt.Sprintf("%s-%s-%dx%d-%s-%s", net.Name, p.PE, p.Array.Rows, p.Array.Cols, p.Dataflow, sim.PointID(net, r)[:8])
	return strings.Map(func(c rune) rune {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '.', c == '_':
			return c
		}
		return '_'
	}, name)
}

// checkCompat rejects --scalesim-compat where it would change nothing:
// without --out, or outside SCALE-Sim's CALC mode.
func (o *runOptions) checkCompat(p design.Point) error {
	switch {
	case !o.compat:
		return nil
	case o.out == "":
		return fmt.Errorf("--scalesim-compat changes only the files --out writes; give --out DIR")
	case !results.UsesSCALESimModel(p):
		return results.ErrCompatNeedsCALC
	}
	return nil
}

// writeRunOutputs writes the run's files into dir ("" writes none); compat
// writes SCALE-Sim's own numbers in its three reports.
func writeRunOutputs(dir string, res sim.NetworkResult, compat bool) error {
	if dir == "" {
		return nil
	}
	reports, err := results.BuildSCALESimReports(res, compat)
	if err != nil {
		return err
	}
	writers := map[string]func(io.Writer) error{
		"COMPUTE_REPORT.csv":         func(w io.Writer) error { return results.WriteComputeReportRows(w, reports.Compute) },
		"BANDWIDTH_REPORT.csv":       func(w io.Writer) error { return results.WriteBandwidthReport(w, reports.Access) },
		"DETAILED_ACCESS_REPORT.csv": func(w io.Writer) error { return results.WriteDetailedAccessReport(w, reports.Access) },
		"logsim_layers.csv":          func(w io.Writer) error { return results.WriteLayerCSV(w, res) },
		"logsim_network.csv":         func(w io.Writer) error { return results.WriteNetworkCSV(w, res) },
	}
	return results.WriteFolderAtomic(dir, runOutputs, writers, true)
}

// simulate runs the design point, with the trace the user asked for.
func (o *runOptions) simulate(net workloads.Network, d design.Resolved, opts sim.RunOptions) (sim.NetworkResult, error) {
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
