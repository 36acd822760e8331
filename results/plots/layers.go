package plots

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// CycleParts are the per-layer cycle columns whose sum is a layer's
// total_cycles, in the order they are stacked.
func CycleParts() []string {
	return []string{"compute_cycles", "prologue_cycles", "sram_stall_cycles", "dram_stall_cycles"}
}

// simulated keeps the layers that ran (on the array or the vector unit),
// in file order: array layers, then vector-unit layers.
func simulated(layers []Row) []Row {
	var out []Row
	for _, l := range layers {
		if l.Text("total_cycles") != "" {
			out = append(out, l)
		}
	}
	return out
}

// LayerCycles stacks each layer's cycles (compute, prologue, SRAM stall,
// DRAM stall) with its utilisation on a second axis at the right.
func LayerCycles(name, title string, layers []Row) (*Figure, error) {
	layers = simulated(layers)
	if len(layers) == 0 {
		return nil, fmt.Errorf("%s: no simulated layer to plot", title)
	}
	values, err := partValues(rowsAsPoints(layers), CycleParts())
	if err != nil {
		return nil, err
	}
	p := newPlot(title+": cycles per layer", "", "cycles")
	p.Add(plotter.NewGrid())
	fig := &Figure{Name: name, Plot: p, Legend: newLegend(), H: 5 * vg.Inch, W: layerFigureWidth(len(layers)),
		Caption: "Cycles of each layer (array layers in order, then the layers on the vector unit) split into compute, prologue (first fill), SRAM stall and DRAM stall; the line is the array's utilisation (right axis)."}
	var below *plotter.BarChart
	for i, part := range CycleParts() {
		b, err := plotter.NewBarChart(plotter.Values(values[i]), barWidth(fig.W, len(layers)))
		if err != nil {
			return nil, err
		}
		b.Color, b.LineStyle.Width = palette(i), 0
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
		fig.Legend.Add(trimPart(part, "", "_cycles"), b)
	}
	top := 0.0
	for i := range layers {
		top = math.Max(top, values[0][i]+values[1][i]+values[2][i]+values[3][i])
	}
	p.Y.Min, p.Y.Max = 0, math.Max(top*1.05, 1)
	p.X.Min, p.X.Max = -0.5, float64(len(layers))-0.5
	if err := addUtilisation(fig, layers, p.Y.Max); err != nil {
		return nil, err
	}
	layerTicks(p, layers)
	return fig, nil
}

// addUtilisation draws utilisation (0–100 %) scaled onto the cycle axis
// (100 % at ymax) and the right axis that reads it.
func addUtilisation(fig *Figure, layers []Row, ymax float64) error {
	var xy plotter.XYs
	for i, l := range layers {
		if l.Text("utilisation_pct") == "" {
			continue // the vector unit's layers have none
		}
		u, err := l.Finite("utilisation_pct")
		if err != nil {
			return err
		}
		xy = append(xy, plotter.XY{X: float64(i), Y: u / 100 * ymax})
	}
	if len(xy) == 0 {
		return nil
	}
	line, points, err := plotter.NewLinePoints(xy)
	if err != nil {
		return err
	}
	line.Color, points.Color, points.Radius = palette(10), palette(10), vg.Points(2)
	fig.Plot.Add(line, points)
	fig.Legend.Add("utilisation (right axis)", line, points)
	fig.RightMargin = vg.Points(48)
	fig.Overlay = func(p *plot.Plot, c draw.Canvas) { percentAxis(p, c, "utilisation (%)") }
	return nil
}

// percentAxis draws an axis at the right of the plot's data area that
// reads 0–100 % over the Y axis's range.
func percentAxis(p *plot.Plot, c draw.Canvas, label string) {
	dc := p.DataCanvas(c)
	x := dc.Max.X
	ls := draw.LineStyle{Color: palette(10), Width: vg.Points(0.5)}
	dc.StrokeLine2(ls, x, dc.Min.Y, x, dc.Max.Y)
	ts := p.Y.Tick.Label
	ts.XAlign, ts.YAlign = draw.XLeft, draw.YCenter
	for pct := 0; pct <= 100; pct += 20 {
		y := dc.Min.Y + (dc.Max.Y-dc.Min.Y)*vg.Length(pct)/100
		dc.StrokeLine2(ls, x, y, x+vg.Points(4), y)
		dc.FillText(ts, vg.Point{X: x + vg.Points(6), Y: y}, strconv.Itoa(pct))
	}
	lab := p.Y.Label.TextStyle
	lab.Rotation, lab.XAlign, lab.YAlign = -math.Pi/2, draw.XCenter, draw.YTop
	dc.FillText(lab, vg.Point{X: x + vg.Points(44), Y: (dc.Min.Y + dc.Max.Y) / 2}, label)
}

// layerTicks names the layers under their bars, every k-th when there
// are too many to read.
func layerTicks(p *plot.Plot, layers []Row) {
	names := make([]string, len(layers))
	step := (len(layers) + 79) / 80
	for i, l := range layers {
		if i%step == 0 {
			names[i] = l.Text("layer")
		}
	}
	p.NominalX(names...)
	p.X.Tick.Label = text.Style{Color: p.X.Tick.Label.Color, Font: p.X.Tick.Label.Font, Handler: p.X.Tick.Label.Handler,
		Rotation: math.Pi / 2, XAlign: draw.XRight, YAlign: draw.YCenter}
	p.X.Tick.Label.Font.Size = vg.Points(7)
}

func layerFigureWidth(n int) vg.Length {
	return vg.Length(math.Max(7, 2.5+0.14*float64(n))) * vg.Inch
}

// rowsAsPoints lets per-layer rows use the point helpers.
func rowsAsPoints(rows []Row) []Point {
	out := make([]Point, len(rows))
	for i, r := range rows {
		out[i] = Point{Row: r, Label: r.Text("layer")}
	}
	return out
}
