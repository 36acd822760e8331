package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/results/plots"
	"github.com/logsim/logsim/results/report"
)

// reportOptions are the flags of "logsim report".
type reportOptions struct {
	out     string
	title   string
	plots   string
	figures figureFlags
	quiet   bool
}

func newReportCommand() *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report DIR|FILE…",
		Short: "Write one self-contained HTML report (tables and plots) of a run, a sweep or a comparison",
		Long: `Reads logsim's CSV files as "logsim plot" does — a run folder, a sweep's CSVs
or merged shards, compare CSVs; a folder stands for every *.csv in it — and
writes one HTML file: the design parameters every point shares, a sortable
table of the points (the parameters that differ, latency, cycles,
utilisation, energy, pJ/MAC, area, throughput, efficiency, EDP, bound,
SQNR), each compare file's ratios with their cost-corner ranges, every plot
of "logsim plot" inline as SVG, and the per-layer table of each point drawn
per layer. The page needs no network access: no script, style or font is
fetched. It is written to --out, by default DIR/report.html; --plots DIR
also writes the plots as SVG and PNG files.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(args, cmd.ErrOrStderr()) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "", "HTML file to write (default DIR/report.html when the first input is a folder)")
	f.StringVar(&o.title, "title", "", "the page's title (default: logsim report of the first input)")
	f.StringVar(&o.plots, "plots", "", "also write every plot into this folder as SVG and PNG (as logsim plot --out does)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print no summary on stderr")
	o.figures.register(cmd)
	return cmd
}

func (o *reportOptions) run(inputs []string, stderr io.Writer) error {
	out, err := o.output(inputs[0])
	if err != nil {
		return err
	}
	title := o.title
	if title == "" {
		title = "logsim report: " + filepath.Base(filepath.Clean(inputs[0]))
	}
	d, set, err := loadFigures(inputs, o.figures.options())
	if err != nil {
		return err
	}
	ids, err := d.LayerPoints(o.figures.options())
	if err != nil {
		return err
	}
	r, err := report.Build(title, d, set, ids)
	if err != nil {
		return &failure{err}
	}
	if err := results.WriteFileAtomic(out, r.Write); err != nil {
		return &failure{err}
	}
	if o.plots != "" {
		if _, err := plots.Write(o.plots, set.Figures, plots.Formats()); err != nil {
			return &failure{err}
		}
	}
	if !o.quiet {
		for _, n := range set.Notes {
			fmt.Fprintf(stderr, "logsim: report: note: %s\n", n)
		}
		fmt.Fprintf(stderr, "logsim: report: wrote %s (%d plots)\n", out, len(r.Figures))
	}
	return nil
}

// output is the HTML file to write: --out, else report.html in the first
// input when it is a folder.
func (o *reportOptions) output(first string) (string, error) {
	if o.out != "" {
		return o.out, nil
	}
	st, err := os.Stat(first)
	if err != nil {
		return "", err
	}
	if !st.IsDir() {
		return "", fmt.Errorf("--out is required when the first input (%s) is a file", first)
	}
	return filepath.Join(first, "report.html"), nil
}
