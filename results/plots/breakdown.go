package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/logsim/logsim/sim/cost"
)

// EnergyParts are the energy columns of a network row, in report order
// (cost.EnergyParts): PE arithmetic, registers, edge units, vector unit,
// each SRAM, DRAM, leakage.
func EnergyParts() []string {
	var out []string
	for _, p := range cost.EnergyParts() {
		out = append(out, "energy_"+p.String()+"_uj")
	}
	return out
}

// AreaParts are the area columns of a network row (cost.AreaParts).
func AreaParts() []string {
	var out []string
	for _, p := range cost.AreaParts() {
		out = append(out, "area_"+p.String()+"_mm2")
	}
	return out
}

// EnergyBreakdown stacks each point's energy by part, one bar per point.
func EnergyBreakdown(name, network string, points []Point) (*Figure, error) {
	return stacked(name, points, EnergyParts(), "energy_", "_uj", "energy (µJ)",
		fmt.Sprintf("%s: where the energy goes", network),
		fmt.Sprintf("Energy of one inference of %s by part, for each design point.", network))
}

// AreaBreakdown stacks each design's area by part, one bar per design
// (points with the same label are one design: area does not depend on
// the network).
func AreaBreakdown(name string, points []Point) (*Figure, error) {
	var designs []Point
	seen := map[string]bool{}
	for _, p := range points {
		if !seen[p.Label] {
			seen[p.Label] = true
			designs = append(designs, p)
		}
	}
	return stacked(name, designs, AreaParts(), "area_", "_mm2", "area (mm²)", "Silicon area by part",
		"Area of each design by part (the same on every network).")
}

// stacked draws one bar per point with the parts (columns) stacked in
// order, the first at the bottom (the legend lists them in that order);
// parts that are zero for every point are left out of the legend.
func stacked(name string, points []Point, parts []string, prefix, suffix, yLabel, title, caption string) (*Figure, error) {
	values, err := partValues(points, parts)
	if err != nil {
		return nil, err
	}
	p := newPlot(title, "", yLabel)
	p.Add(plotter.NewGrid())
	fig := &Figure{Name: name, Plot: p, Legend: newLegend(), Caption: caption, H: 4.5 * vg.Inch}
	fig.W, p.X.Tick.Label.Rotation = barFigureWidth(len(points)), math.Pi/6
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	var below *plotter.BarChart
	for i, part := range parts {
		b, err := plotter.NewBarChart(plotter.Values(values[i]), barWidth(fig.W, len(points)))
		if err != nil {
			return nil, err
		}
		b.Color, b.LineStyle.Width = palette(i), 0
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
		if sum(values[i]) > 0 {
			fig.Legend.Add(trimPart(part, prefix, suffix), b)
		}
	}
	p.NominalX(labels(points)...)
	return fig, nil
}

// partValues reads each part of each point: values[part][point].
func partValues(points []Point, parts []string) ([][]float64, error) {
	values := make([][]float64, len(parts))
	for i, part := range parts {
		for _, pt := range points {
			v, err := pt.Finite(part)
			if err != nil {
				return nil, err
			}
			values[i] = append(values[i], v)
		}
	}
	return values, nil
}

func labels(points []Point) []string {
	out := make([]string, len(points))
	for i, p := range points {
		out[i] = p.Label
	}
	return out
}

func trimPart(col, prefix, suffix string) string {
	return col[len(prefix) : len(col)-len(suffix)]
}

func sum(vs []float64) float64 {
	s := 0.0
	for _, v := range vs {
		s += v
	}
	return s
}

// barFigureWidth is wide enough for n labelled bars.
func barFigureWidth(n int) vg.Length {
	return vg.Length(math.Max(6, 2.5+0.45*float64(n))) * vg.Inch
}

// barWidth leaves a third of each bar's slot empty.
func barWidth(w vg.Length, n int) vg.Length {
	return vg.Length(math.Min(float64(vg.Points(28)), float64(w-2.5*vg.Inch)/float64(max(n, 1))*0.65))
}
