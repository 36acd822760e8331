package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DRAMByteColumns are the per-layer DRAM traffic columns; their sum is a
// layer's DRAM bytes.
func DRAMByteColumns() []string {
	return []string{"dram_ifmap_read_bytes", "dram_filter_read_bytes", "dram_psum_read_bytes", "dram_psum_write_bytes", "dram_ofmap_write_bytes"}
}

// Roof is a design point's roofline: the array's peak and the DRAM's
// bandwidth.
type Roof struct {
	PeakGMACPerS float64 // rows × cols × clock: every PE one MAC a cycle
	DRAMGBps     float64 // peak DRAM bandwidth; +Inf for the ideal DRAM
}

// RoofOf reads a point's roof from its network row.
func RoofOf(p Point) (Roof, error) {
	var v [3]float64
	for i, c := range []string{"rows", "cols", "clock_mhz"} {
		x, err := p.Finite(c)
		if err != nil {
			return Roof{}, err
		}
		v[i] = x
	}
	bw, err := p.Num("dram_peak_gbps")
	if err != nil {
		return Roof{}, err
	}
	if bw <= 0 {
		return Roof{}, fmt.Errorf("%s:%d: column dram_peak_gbps: %q is not positive", p.File, p.Line, p.Text("dram_peak_gbps"))
	}
	return Roof{PeakGMACPerS: v[0] * v[1] * v[2] / 1000, DRAMGBps: bw}, nil
}

// Attainable is the roof at an operational intensity (MAC per DRAM
// byte): min(peak, bandwidth × intensity), in GMAC/s.
func (r Roof) Attainable(macPerByte float64) float64 {
	return math.Min(r.PeakGMACPerS, r.DRAMGBps*macPerByte)
}

// LayerIntensity is one array layer on the roofline.
type LayerIntensity struct {
	Row
	MACPerByte float64 // MACs / DRAM bytes (read and written)
	GMACPerS   float64 // MACs / the layer's time
}

// Intensities reads the array layers (those with MACs) that moved DRAM
// bytes; skipped counts the array layers that moved none.
func Intensities(layers []Row) (out []LayerIntensity, skipped int, err error) {
	for _, l := range layers {
		if l.Text("macs") == "" {
			continue // the vector unit's layers and unsimulated ones
		}
		macs, err := l.Finite("macs")
		if err != nil {
			return nil, 0, err
		}
		t, err := l.Finite("time_us")
		if err != nil {
			return nil, 0, err
		}
		bytes := 0.0
		for _, c := range DRAMByteColumns() {
			b, err := l.Finite(c)
			if err != nil {
				return nil, 0, err
			}
			bytes += b
		}
		if bytes == 0 || t == 0 || macs == 0 {
			skipped++
			continue
		}
		out = append(out, LayerIntensity{Row: l, MACPerByte: macs / bytes, GMACPerS: macs / (t * 1000)})
	}
	return out, skipped, nil
}

// Roofline plots each array layer's achieved MAC/s against its
// operational intensity under the point's roof, coloured by the layer's
// binding bound.
func Roofline(name, title string, pt Point, layers []Row) (*Figure, error) {
	roof, err := RoofOf(pt)
	if err != nil {
		return nil, err
	}
	li, skipped, err := Intensities(layers)
	if err != nil {
		return nil, err
	}
	if len(li) == 0 {
		return nil, fmt.Errorf("%s: no array layer moved DRAM bytes: no roofline to draw", title)
	}
	p := newPlot(title+": roofline", "operational intensity (MAC per DRAM byte)", "attainable throughput (GMAC/s)")
	setLog(&p.X)
	setLog(&p.Y)
	p.Add(plotter.NewGrid())
	caption := fmt.Sprintf("Each array layer's achieved throughput (MACs / its time) against its MACs per DRAM byte; the roof is the array's peak (%.4g GMAC/s) and the DRAM's peak bandwidth (%.4g GB/s).", roof.PeakGMACPerS, roof.DRAMGBps)
	if skipped > 0 {
		caption += fmt.Sprintf(" %d layers that moved no DRAM bytes are not shown.", skipped)
	}
	fig := &Figure{Name: name, Plot: p, Legend: newLegend(), W: 7 * vg.Inch, H: 4.5 * vg.Inch, Caption: caption}
	if err := addRoof(fig, roof, li); err != nil {
		return nil, err
	}
	if err := addBoundGroups(fig, li); err != nil {
		return nil, err
	}
	padAxis(&p.Y)
	return fig, nil
}

// addRoof draws min(peak, bandwidth × intensity) over the layers' range,
// a factor of 4 wider on each side (both axes are logarithms: setLog).
func addRoof(fig *Figure, roof Roof, li []LayerIntensity) error {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range li {
		lo, hi = math.Min(lo, l.MACPerByte), math.Max(hi, l.MACPerByte)
	}
	lo, hi = lo/4, hi*4
	xs := []float64{lo}
	if ridge := roof.PeakGMACPerS / roof.DRAMGBps; ridge > lo && ridge < hi {
		xs = append(xs, ridge)
	}
	var xy plotter.XYs
	for _, x := range append(xs, hi) {
		xy = append(xy, plotter.XY{X: math.Log10(x), Y: math.Log10(roof.Attainable(x))})
	}
	line, err := plotter.NewLine(xy)
	if err != nil {
		return err
	}
	line.Color, line.Width = palette(10), vg.Points(1.5)
	fig.Plot.Add(line)
	fig.Legend.Add("roof: peak and DRAM bandwidth", line)
	return nil
}

// addBoundGroups adds the layers, one colour per binding bound.
func addBoundGroups(fig *Figure, li []LayerIntensity) error {
	pts := make([]Point, len(li))
	for i, l := range li {
		pts[i] = Point{Row: l.Row}
	}
	for ci, b := range distinct(pts, "bound") {
		var xy plotter.XYs
		for _, l := range li {
			if l.Text("bound") == b {
				xy = append(xy, plotter.XY{X: math.Log10(l.MACPerByte), Y: math.Log10(l.GMACPerS)})
			}
		}
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: palette(ci), Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
		fig.Plot.Add(s)
		fig.Legend.Add("layer bound: "+b, s)
	}
	return nil
}
