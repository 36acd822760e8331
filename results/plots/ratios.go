package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// RatioFigures are the compare CSV's figures drawn as ratios to the
// baseline by default.
func RatioFigures() []string {
	return []string{"energy_total_uj", "time_us", "edp_uj_us", "area_total_mm2"}
}

// CompareRatios draws one figure of a compare CSV: for each network, one
// bar per design with its ratio to the baseline and, where the cost
// corners change it, whiskers from the lowest to the highest ratio.
func CompareRatios(name string, cf CompareFile, figure string) (*Figure, error) {
	networks := Networks(cf.Points)
	designs := distinct(cf.Points, "design")
	baseline := ""
	for _, p := range cf.Points {
		if p.Text("role") == "baseline" {
			baseline = p.Label
			break
		}
	}
	p := newPlot(fmt.Sprintf("%s relative to %s", shortName(figure), baseline), "", fmt.Sprintf("%s / %s's", shortName(figure), baseline))
	p.Add(plotter.NewGrid())
	fig := &Figure{Name: name, Plot: p, Legend: newLegend(), H: 4.5 * vg.Inch, W: barFigureWidth(len(networks) * len(designs) / 2),
		Caption: fmt.Sprintf("%s of each design over the baseline's (%s) on each network; whiskers span the ratio with both priced at the low, nominal and high cost corners; below 1 is better.", columnLabel(figure), baseline)}
	w := barWidth(fig.W, len(networks)*len(designs)) * 0.9
	for di, d := range designs {
		if err := addRatioBars(fig, cf, networks, d, figure, w, di, len(designs)); err != nil {
			return nil, err
		}
	}
	one, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 1}, {X: float64(len(networks)) - 0.5, Y: 1}})
	if err != nil {
		return nil, err
	}
	one.Color, one.Dashes = palette(10), []vg.Length{vg.Points(3), vg.Points(3)}
	p.Add(one)
	p.Y.Min = 0
	p.NominalX(networks...)
	return fig, nil
}

// addRatioBars adds one design's bars (one per network) and whiskers.
func addRatioBars(fig *Figure, cf CompareFile, networks []string, design, figure string, w vg.Length, di, nd int) error {
	var ratio plotter.Values
	var errs plotter.YErrors
	for _, n := range networks {
		r, lo, hi, err := ratioOf(cf, n, design, figure)
		if err != nil {
			return err
		}
		ratio, errs = append(ratio, r), append(errs, struct{ Low, High float64 }{r - lo, hi - r})
	}
	b, err := plotter.NewBarChart(ratio, w)
	if err != nil {
		return err
	}
	b.Color, b.LineStyle.Width = palette(di), 0
	b.Offset = vg.Length(float64(di)-float64(nd-1)/2) * w
	fig.Plot.Add(b)
	fig.Legend.Add(design, b)
	xys := make(plotter.XYs, len(networks))
	for i := range xys {
		xys[i].X, xys[i].Y = float64(i), ratio[i]
	}
	whiskers := &plotter.YErrorBars{XYs: xys, YErrors: errs,
		LineStyle: draw.LineStyle{Color: palette(10), Width: vg.Points(0.8)}, CapWidth: w / 2}
	fig.Plot.Add(&offsetBars{YErrorBars: whiskers, dx: b.Offset})
	return nil
}

// ratioOf reads a design's ratio on a network and its corner range (the
// range is the ratio itself when the figure has none, as latency).
func ratioOf(cf CompareFile, network, design, figure string) (r, lo, hi float64, err error) {
	for _, p := range cf.Points {
		if p.Network != network || p.Label != design {
			continue
		}
		if r, err = p.Finite(figure + "_ratio"); err != nil {
			return 0, 0, 0, err
		}
		lo, hi = r, r
		if p.Has(figure + "_ratio_low") {
			if lo, err = p.Finite(figure + "_ratio_low"); err != nil {
				return 0, 0, 0, err
			}
			if hi, err = p.Finite(figure + "_ratio_high"); err != nil {
				return 0, 0, 0, err
			}
		}
		return r, math.Min(lo, r), math.Max(hi, r), nil
	}
	return math.NaN(), math.NaN(), math.NaN(), fmt.Errorf("%s: no row of design %s on network %s", cf.File, design, network)
}

// offsetBars draws error bars moved sideways by dx, over their bar of a
// grouped bar chart.
type offsetBars struct {
	*plotter.YErrorBars
	dx vg.Length
}

// Plot draws the bars translated by dx.
func (o *offsetBars) Plot(c draw.Canvas, p *plot.Plot) {
	c.Push()
	c.Translate(vg.Point{X: o.dx})
	o.YErrorBars.Plot(c, p)
	c.Pop()
}
