package plots

import (
	"bytes"
	"image/color"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is one picture: a plot, its legend (drawn to the right of the
// plot, outside the data), its size, and optionally more drawing on top of
// the plot's canvas (a second axis).
type Figure struct {
	Name    string // file name without extension, e.g. "pareto-energy-latency-alexnet"
	Caption string // one sentence for the report
	Plot    *plot.Plot
	Legend  plot.Legend
	W, H    vg.Length
	// Overlay, when set, draws after the plot on the canvas the plot was
	// drawn on, and may use RightMargin, the room kept free to its right
	// (for a second axis).
	Overlay     func(p *plot.Plot, c draw.Canvas)
	RightMargin vg.Length
}

// pngDPI is the resolution of the PNG files: sharp on a laptop screen and
// on paper at half a page's width.
const pngDPI = 144

// SVG renders the figure as SVG (fonts named, not embedded).
func (f *Figure) SVG() ([]byte, error) {
	c := vgsvg.New(f.W, f.H)
	f.draw(c)
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// PNG renders the figure as a PNG image.
func (f *Figure) PNG() ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(f.W, f.H), vgimg.UseDPI(pngDPI), vgimg.UseBackgroundColor(color.White))
	f.draw(c)
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// draw lays the legend out at the right and the plot in the rest.
func (f *Figure) draw(c vg.CanvasSizer) {
	dc := draw.New(c)
	legendW := vg.Length(0)
	if r := f.Legend.Rectangle(dc); r.Max.X > r.Min.X {
		legendW = r.Max.X - r.Min.X + 2*pad
	}
	plotArea := draw.Crop(dc, 0, -legendW-f.RightMargin, 0, 0)
	f.Plot.Draw(plotArea)
	if f.Overlay != nil {
		f.Overlay(f.Plot, plotArea)
	}
	if legendW > 0 {
		l := f.Legend
		l.Top, l.Left = true, true
		l.Draw(draw.Crop(dc, dc.Max.X-dc.Min.X-legendW+pad, -pad, 0, -2*pad))
	}
}

// pad is the space around the legend.
const pad = vg.Length(6)

// sans is the typeface of every text: Liberation Sans, which gonum's
// plot embeds and which has µ, ² and ·.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// newPlot returns a plot with a title, axis labels and sans-serif text.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, xLabel, yLabel
	for _, s := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		s.Font.Typeface, s.Font.Variant = sans.Typeface, sans.Variant
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = plainTicks{}, plainTicks{}
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.Title.Padding = vg.Points(8)
	p.X.Label.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.TextStyle.Font.Size = vg.Points(11)
	return p
}

// plainTicks are gonum's default ticks labelled with as few digits as
// the value needs ("2500", not "2500.00").
type plainTicks struct{}

// Ticks returns gonum's default ticks, relabelled.
func (plainTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'g', 6, 64)
		}
	}
	return ticks
}

// newLegend returns an empty legend in the figures' typeface.
func newLegend() plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font = font.From(sans, 10)
	l.Padding = vg.Points(2)
	return l
}

// palette is Tableau's ten colours and two more: distinct for the ten
// energy parts, readable on white.
func palette(i int) color.Color {
	p := [...]color.RGBA{
		{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0xe1, 0x57, 0x59, 0xff}, {0x76, 0xb7, 0xb2, 0xff},
		{0x59, 0xa1, 0x4f, 0xff}, {0xed, 0xc9, 0x48, 0xff}, {0xb0, 0x7a, 0xa1, 0xff}, {0xff, 0x9d, 0xa7, 0xff},
		{0x9c, 0x75, 0x5f, 0xff}, {0xba, 0xb0, 0xac, 0xff}, {0x1f, 0x1f, 0x1f, 0xff}, {0x8c, 0xd1, 0x7d, 0xff},
	}
	return p[i%len(p)]
}
