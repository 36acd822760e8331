package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/results/plots"
)

// plotOptions are the flags of "logsim plot".
type plotOptions struct {
	out     string
	figures figureFlags
	formats []string
	quiet   bool
}

// figureFlags choose what is drawn: the flags plot and report share.
type figureFlags struct {
	colorBy   string
	shapeBy   string
	points    []string
	allPoints bool
}

func (o *figureFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.colorBy, "color-by", plots.DefaultStyle.ColorBy, "network column whose values colour the Pareto plots' points")
	f.StringVar(&o.shapeBy, "shape-by", plots.DefaultStyle.ShapeBy, `network column whose values shape the Pareto plots' markers ("" for one shape)`)
	f.StringArrayVar(&o.points, "point", nil, "point_id whose per-layer plots to draw (repeatable; default: the energy-latency front)")
	f.BoolVar(&o.allPoints, "all-points", false, "draw per-layer plots for every point with per-layer rows")
}

func (o *figureFlags) options() plots.Options {
	return plots.Options{Style: plots.Style{ColorBy: o.colorBy, ShapeBy: o.shapeBy}, Points: o.points, AllPoints: o.allPoints}
}

func newPlotCommand() *cobra.Command {
	var o plotOptions
	cmd := &cobra.Command{
		Use:   "plot INPUT… --out DIR",
		Short: "Draw plots (SVG and PNG) from logsim's CSV files: a run folder, a sweep, merged shards or a compare CSV",
		Long: `Reads logsim's own CSV files — a run folder (logsim run --out), a sweep's
--out and --layers files (or merged shards), a compare --csv file; INPUT is a
file or a folder whose *.csv files are all read — and writes into DIR:

  pareto-energy-latency-NET   energy (µJ) against latency (µs) per network,
                              the Pareto front joined and ringed
  pareto-edp-area-NET         energy-delay product (µJ·µs) against area (mm²)
  energy-NET                  energy per design point, stacked by part
  area                        area per design, stacked by part
  ratio-FILE-FIGURE           a compare CSV's ratios to its baseline per
                              network, whiskers over the cost corners
  layers-POINT                per-layer cycles (compute, prologue, SRAM and
                              DRAM stall) with utilisation on a second axis
  roofline-POINT              per-layer GMAC/s against MAC per DRAM byte
                              under the array's peak and the DRAM bandwidth

each as NAME.svg and NAME.png. Per-layer plots are drawn for the points on
each network's energy-latency front, or --point ID (repeatable), or
--all-points. Every value used is checked: a bad one is an error naming the
file, line and column (exit status 2). Rows of failed sweep points are left
out, with a note.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(args, cmd.ErrOrStderr()) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "", "folder to write the plots into (required)")
	f.StringSliceVar(&o.formats, "format", plots.Formats(), "image formats to write: svg, png")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print no summary on stderr")
	o.figures.register(cmd)
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

func (o *plotOptions) run(inputs []string, stderr io.Writer) error {
	for _, f := range o.formats {
		if err := plots.CheckFormat(f); err != nil {
			return fmt.Errorf("--format: %w", err)
		}
	}
	_, set, err := loadFigures(inputs, o.figures.options())
	if err != nil {
		return err
	}
	paths, err := plots.Write(o.out, set.Figures, o.formats)
	if err != nil {
		return &failure{err}
	}
	if !o.quiet {
		for _, n := range set.Notes {
			fmt.Fprintf(stderr, "logsim: plot: note: %s\n", n)
		}
		fmt.Fprintf(stderr, "logsim: plot: wrote %d files (%d figures) into %s\n", len(paths), len(set.Figures), o.out)
	}
	return nil
}

// loadFigures reads the inputs and draws their figures.
func loadFigures(inputs []string, o plots.Options) (*plots.Data, *plots.Set, error) {
	d, err := plots.Load(inputs...)
	if err != nil {
		return nil, nil, err
	}
	set, err := plots.Figures(d, o)
	return d, set, err
}
