package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim/fidcheck"
	"github.com/logsim/logsim/workloads"
)

// fidelityCheckOptions are the flags of "logsim fidelity-check".
type fidelityCheckOptions struct {
	networks []string
	batch    int
	points   int
	drams    []string
	workers  int
	out      string
	quiet    bool
}

func newFidelityCheckCommand() *cobra.Command {
	var o fidelityCheckOptions
	cmd := &cobra.Command{
		Use:   "fidelity-check",
		Short: "Measure the analytic fidelity level against the event simulation over a grid of design points",
		Long: `Run every network on a grid of design points — arrays from 4×4 to 256×256,
every dataflow, buffers from 8 to 256 KiB, a multiplier and a log PE,
prefetch on and off (--points of them, spread over these axes) — with every
DRAM setting (ideal; the bandwidth model at 6.4 and 25.6 GB/s; the fast
model's DDR4-3200, LPDDR4-4266 and HBM2), once with the event simulation and
once at the analytic level, and print, per DRAM setting, the largest and
mean error of the analytic level's total cycles, how many points have the
same DRAM bytes, and, for ideal and bandwidth, how many are identical on
every column (all must be). Then, for the fast DRAM settings, the same
errors by the value of each grid axis (where the analytic level can be
trusted), and the largest errors. --out writes one CSV row per run pair. Exits with status 1 if a point that must be identical is
not.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd.OutOrStdout(), cmd.ErrOrStderr()) },
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.networks, "network", nil, "built-in network to check (repeatable; default: every one, logsim networks)")
	f.IntVar(&o.batch, "batch", 1, "batch size of the networks")
	f.IntVar(&o.points, "points", 100, "design points of the grid")
	var names []string
	for _, d := range fidcheck.DRAMs() {
		names = append(names, d.Name)
	}
	f.StringArrayVar(&o.drams, "dram", nil, "DRAM setting to check (repeatable; default all): "+strings.Join(names, ", "))
	f.IntVar(&o.workers, "workers", runtime.NumCPU(), "run pairs at once")
	f.StringVar(&o.out, "out", "", "write one CSV row per run pair to FILE")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress on stderr")
	return cmd
}

func (o *fidelityCheckOptions) run(stdout, stderr io.Writer) error {
	nets, drams, err := o.selection()
	if err != nil {
		return err
	}
	if o.points < 1 || o.workers < 1 {
		return fmt.Errorf("--points and --workers must be at least 1, got %d and %d", o.points, o.workers)
	}
	points, err := fidcheck.Grid(o.points)
	if err != nil {
		return err
	}
	progress := newProgress(stderr, o.quiet, "fidelity-check")
	rows, err := fidcheck.Check(nets, points, drams, fidcheck.Options{Workers: o.workers, Progress: progress.update})
	progress.finish()
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := results.WriteFileAtomic(o.out, func(w io.Writer) error { return writeFidelityRows(w, rows) }); err != nil {
			return &failure{err}
		}
	}
	return printFidelitySummary(stdout, rows, drams)
}

// selection is the networks and DRAM settings the flags name.
func (o *fidelityCheckOptions) selection() ([]workloads.Network, []fidcheck.DRAM, error) {
	names := o.networks
	if len(names) == 0 {
		names = workloads.Names()
	}
	var nets []workloads.Network
	for _, n := range names {
		net, err := workloads.Lookup(n, o.batch)
		if err != nil {
			return nil, nil, fmt.Errorf("--network: %w", err)
		}
		nets = append(nets, net)
	}
	all := fidcheck.DRAMs()
	if len(o.drams) == 0 {
		return nets, all, nil
	}
	var drams []fidcheck.DRAM
	for _, name := range o.drams {
		i := slices.IndexFunc(all, func(d fidcheck.DRAM) bool { return d.Name == name })
		if i < 0 {
			return nil, nil, fmt.Errorf("--dram: unknown setting %q", name)
		}
		drams = append(drams, all[i])
	}
	return nets, drams, nil
}

// fidelityColumns is the header of fidelity-check's CSV.
var fidelityColumns = []string{"network", "point_id", "design", "dram", "event_total_cycles", "analytic_total_cycles",
	"cycles_error_pct", "energy_error_pct", "dram_bytes_equal", "identical", "identical_required", "fallback", "error"}

func writeFidelityRows(w io.Writer, rows []fidcheck.Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(fidelityColumns); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{r.Network, r.PointID, r.Design, r.DRAM, strconv.FormatInt(r.EventCycles, 10),
			strconv.FormatInt(r.AnalyticCycles, 10), strconv.FormatFloat(r.ErrPct, 'g', -1, 64), strconv.FormatFloat(r.EnergyErrPct, 'g', -1, 64),
			strconv.FormatBool(r.BytesEqual), strconv.FormatBool(r.Identical), strconv.FormatBool(r.Exact), r.Fallback, r.Error}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// printByAxis prints, for the DRAM settings that need not be identical,
// the mean and largest |error| and the points within 3 % by the value of
// each grid axis: where the analytic level can be trusted.
func printByAxis(tw io.Writer, rows []fidcheck.Row, drams []fidcheck.DRAM) {
	var approx []fidcheck.DRAM
	for _, d := range drams {
		if !d.Exact() {
			approx = append(approx, d)
		}
	}
	if len(approx) == 0 {
		return
	}
	fmt.Fprintln(tw, "\nby axis:\naxis\tvalue\tDRAM\tpoints\tmean |err| %\tmax |err| %\twithin 3 %")
	for _, s := range fidcheck.ByAxis(rows, approx) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%.3f\t%.3f\t%d\n", s.Axis, s.Value, s.DRAM, s.Rows, s.MeanAbsErrPct, s.MaxAbsErrPct, s.Within3Pct)
	}
}

// printFidelitySummary prints the table by DRAM setting and the largest
// errors; it fails if a run pair that must be identical is not.
func printFidelitySummary(w io.Writer, rows []fidcheck.Row, drams []fidcheck.DRAM) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DRAM\tpoints\tfailed\tcycles: max |err| %\tmean |err| %\twithin 3 %\tenergy: max |err| %\tsame DRAM bytes\tidentical\tfallbacks\tevent s\tanalytic s\tspeed-up")
	bad := 0
	for _, s := range fidcheck.Summarize(rows, drams) {
		identical := "—"
		if s.Exact > 0 {
			identical = fmt.Sprintf("%d/%d", s.Identical, s.Exact)
			bad += s.Exact - s.Identical
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%d\t%.3f\t%d\t%s\t%d\t%.1f\t%.1f\t%.0f×\n", s.DRAM, s.Rows, s.Failed, s.MaxAbsErrPct,
			s.MeanAbsErrPct, s.Within3Pct, s.MaxAbsEnergyPct, s.BytesEqual, identical, s.Fallbacks, s.EventSeconds, s.AnalyticSeconds,
			s.EventSeconds/max(s.AnalyticSeconds, 1e-9))
	}
	printByAxis(tw, rows, drams)
	fmt.Fprintln(tw, "\nlargest errors:\nnetwork\tDRAM\terror %\tevent cycles\tanalytic cycles\tdesign")
	for _, r := range fidcheck.Worst(rows, 10) {
		fmt.Fprintf(tw, "%s\t%s\t%+.3f\t%d\t%d\t%s\n", r.Network, r.DRAM, r.ErrPct, r.EventCycles, r.AnalyticCycles, r.Design)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if bad > 0 {
		return &failure{fmt.Errorf("%d run pairs with ideal or bandwidth DRAM are not identical at both levels: a bug in logsim", bad)}
	}
	return nil
}
