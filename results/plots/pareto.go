package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/logsim/logsim/results"
)

// ParetoFront returns the indices of the points not dominated when both
// coordinates are to be minimised, in increasing x (then y). A point is
// dominated when another is no worse in both and better in one; equal
// points are all on the front.
func ParetoFront(xs, ys []float64) []int {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if xs[idx[a]] != xs[idx[b]] {
			return xs[idx[a]] < xs[idx[b]]
		}
		return ys[idx[a]] < ys[idx[b]]
	})
	var front []int
	bestY, bestX := math.Inf(1), math.Inf(-1)
	for _, i := range idx {
		switch {
		case ys[i] < bestY:
			front, bestY, bestX = append(front, i), ys[i], xs[i]
		case ys[i] == bestY && xs[i] == bestX:
			front = append(front, i) // the same as the last point on the front
		}
	}
	return front
}

// Axes names the two columns of a Pareto plot, both minimised.
type Axes struct{ X, Y string }

// The Pareto plots drawn by default.
var (
	EnergyLatency = Axes{X: "time_us", Y: "energy_total_uj"}
	EDPArea       = Axes{X: "area_total_mm2", Y: "edp_uj_us"}
)

// Style says how points are told apart: a column whose values colour
// them and one whose values give their marker's shape ("" for none).
type Style struct {
	ColorBy, ShapeBy string
}

// coords reads two columns of every point; a bad value names its place.
func coords(points []Point, ax Axes) (xs, ys []float64, err error) {
	for _, p := range points {
		x, err := p.Finite(ax.X)
		if err != nil {
			return nil, nil, err
		}
		y, err := p.Finite(ax.Y)
		if err != nil {
			return nil, nil, err
		}
		xs, ys = append(xs, x), append(ys, y)
	}
	return xs, ys, nil
}

// FrontOf returns the points on the front of ax.
func FrontOf(points []Point, ax Axes) ([]Point, error) {
	xs, ys, err := coords(points, ax)
	if err != nil {
		return nil, err
	}
	var out []Point
	for _, i := range ParetoFront(xs, ys) {
		out = append(out, points[i])
	}
	return out, nil
}

// Pareto plots the points of one network with ax's columns as axes, the
// Pareto front marked and joined, and points coloured and shaped by st.
func Pareto(name, network string, points []Point, ax Axes, st Style) (*Figure, error) {
	xs, ys, err := coords(points, ax)
	if err != nil {
		return nil, err
	}
	if err := st.check(points); err != nil {
		return nil, err
	}
	p := newPlot(fmt.Sprintf("%s: %s against %s", network, shortName(ax.Y), shortName(ax.X)), columnLabel(ax.X), columnLabel(ax.Y))
	xs, ys = logAxis(&p.X, xs), logAxis(&p.Y, ys)
	p.Add(plotter.NewGrid())
	fig := &Figure{Name: name, Plot: p, Legend: newLegend(), W: 7 * vg.Inch, H: 4.5 * vg.Inch,
		Caption: fmt.Sprintf("%s on %s for each design point; the Pareto front (the points no other point beats on both) is joined and ringed; lower left is better.", columnLabel(ax.Y), network)}
	front := ParetoFront(xs, ys)
	if err := addFront(fig, xs, ys, front); err != nil {
		return nil, err
	}
	if err := addGroups(fig, points, xs, ys, st); err != nil {
		return nil, err
	}
	padAxis(&p.X)
	padAxis(&p.Y)
	return fig, nil
}

// addFront joins the front as a staircase (each point is the best y up to
// the next point's x) and rings its points.
func addFront(fig *Figure, xs, ys []float64, front []int) error {
	var stair, ring plotter.XYs
	for k, i := range front {
		if k > 0 {
			stair = append(stair, plotter.XY{X: xs[i], Y: ys[front[k-1]]})
		}
		stair = append(stair, plotter.XY{X: xs[i], Y: ys[i]})
		ring = append(ring, plotter.XY{X: xs[i], Y: ys[i]})
	}
	line, err := plotter.NewLine(stair)
	if err != nil {
		return err
	}
	line.Color, line.Width, line.Dashes = palette(10), vg.Points(1), []vg.Length{vg.Points(4), vg.Points(3)}
	rings, err := plotter.NewScatter(ring)
	if err != nil {
		return err
	}
	rings.GlyphStyle = draw.GlyphStyle{Color: palette(10), Radius: vg.Points(6.5), Shape: draw.RingGlyph{}}
	fig.Plot.Add(line, rings)
	fig.Legend.Add("Pareto front", line, swatch(palette(10), draw.RingGlyph{}))
	return nil
}

// addGroups adds one scatter per value of the colour column, each point's
// marker shaped by its shape column's value, and legend entries for both.
func addGroups(fig *Figure, points []Point, xs, ys []float64, st Style) error {
	colours, shapes := distinct(points, st.ColorBy), distinct(points, st.ShapeBy)
	for ci, cv := range colours {
		var xy plotter.XYs
		var glyphs []draw.GlyphDrawer
		for i, pt := range points {
			if pt.Text(st.ColorBy) == cv {
				xy = append(xy, plotter.XY{X: xs[i], Y: ys[i]})
				glyphs = append(glyphs, shapeOf(indexOf(shapes, pt.Text(st.ShapeBy))))
			}
		}
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: palette(ci), Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		s.GlyphStyleFunc = func(i int) draw.GlyphStyle {
			return draw.GlyphStyle{Color: palette(ci), Radius: vg.Points(4), Shape: glyphs[i]}
		}
		fig.Plot.Add(s)
		fig.Legend.Add(legendName(st.ColorBy, cv), swatch(palette(ci), draw.BoxGlyph{}))
	}
	if len(shapes) > 1 {
		for si, sv := range shapes {
			fig.Legend.Add(legendName(st.ShapeBy, sv), swatch(palette(10), shapeOf(si)))
		}
	}
	return nil
}

// check says whether the style's columns are in the points' files.
func (st Style) check(points []Point) error {
	for _, c := range []string{st.ColorBy, st.ShapeBy} {
		if c != "" && len(points) > 0 && !points[0].Has(c) {
			return fmt.Errorf("%s: no column %q to colour or shape points by", points[0].File, c)
		}
	}
	return nil
}

// distinct lists a column's values in the order they first appear
// (one empty value when col is "").
func distinct(points []Point, col string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range points {
		v := p.Text(col)
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func indexOf(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}

func legendName(col, v string) string {
	if col == "pe" {
		return v
	}
	return col + " = " + v
}

// shapeOf is the i-th marker shape.
func shapeOf(i int) draw.GlyphDrawer {
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{},
		draw.PlusGlyph{}, draw.CrossGlyph{}, draw.RingGlyph{}, draw.SquareGlyph{}}
	return shapes[i%len(shapes)]
}

// swatch is a legend thumbnail: one glyph.
func swatch(c color.Color, shape draw.GlyphDrawer) plot.Thumbnailer {
	s, _ := plotter.NewScatter(plotter.XYs{{}})
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(4), Shape: shape}
	return s
}

// logAxis puts an axis on a log scale when its values are positive and
// span more than a factor of 20, and returns the values in the axis's
// coordinates (see setLog).
func logAxis(a *plot.Axis, vs []float64) []float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if !(lo > 0 && hi/lo > 20) {
		return vs
	}
	setLog(a)
	return log10s(vs)
}

// setLog makes an axis logarithmic: values are drawn as their base-10
// logarithm on a linear axis whose ticks are labelled with the values.
// (gonum's own log scale centres an axis label on the arithmetic middle
// of the range, which pushes a long label off the plot and shrinks it.)
func setLog(a *plot.Axis) { a.Tick.Marker = log10Ticks{} }

func log10s(vs []float64) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		out[i] = math.Log10(v)
	}
	return out
}

// log10Ticks marks an axis of base-10 logarithms: a labelled tick at each
// power of ten, unlabelled ones at 2…9 times it.
type log10Ticks struct{}

// Ticks returns the ticks in [min, max] (logarithms).
func (log10Ticks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for k := math.Floor(min); k <= math.Ceil(max); k++ {
		for m := 1.0; m < 10; m++ {
			v := k + math.Log10(m)
			if v < min-1e-12 || v > max+1e-12 { // k + log10(m) can miss log10(m·10^k) by an ulp
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 {
				t.Label = strconv.FormatFloat(math.Pow(10, k), 'g', -1, 64)
			}
			out = append(out, t)
		}
	}
	return out
}

// padAxis widens an axis's range by 6 % on each side, so that markers at
// the ends are drawn whole.
func padAxis(a *plot.Axis) {
	d := (a.Max - a.Min) * 0.06
	if d == 0 {
		d = math.Max(math.Abs(a.Max)*0.06, 1)
	}
	a.Min, a.Max = a.Min-d, a.Max+d
}

// columnLabel is an axis label: a plain name with the column's unit.
func columnLabel(col string) string {
	if u := unitOf(col); u != "" {
		return fmt.Sprintf("%s (%s)", shortName(col), u)
	}
	return shortName(col)
}

// shortName is a column's name in words where logsim's plots use it.
func shortName(col string) string {
	names := map[string]string{
		"time_us": "latency", "energy_total_uj": "energy", "edp_uj_us": "energy-delay product",
		"area_total_mm2": "area", "energy_per_mac_pj": "energy per MAC", "total_cycles": "cycles",
		"throughput_gmac_per_s": "throughput", "efficiency_gmac_per_j": "efficiency",
	}
	if n, ok := names[col]; ok {
		return n
	}
	return col
}

// unitOf is a network column's unit from results' column registry.
func unitOf(col string) string {
	for _, c := range results.NetworkColumns() {
		if c.Name == col {
			return c.Unit
		}
	}
	return ""
}
