package plots

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/results"
)

// csvText writes a CSV with the given header whose rows take their values
// from the maps, "1" where a map has no value for a column.
func csvText(header []string, rows ...map[string]string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(header)
	for _, r := range rows {
		rec := make([]string, len(header))
		for i, h := range header {
			rec[i] = "1"
			if v, ok := r[h]; ok {
				rec[i] = v
			}
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.String()
}

// networkHeader is a sweep CSV's header, from the column registry.
func networkHeader() []string { return append(results.Names(results.NetworkColumns()), "error") }

func layerHeader() []string { return results.Names(results.LayerColumns()) }

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// point is a network row: a PE, an array, a latency and an energy.
func point(id, network, pe, rows string, timeUs, energyUJ float64) map[string]string {
	return map[string]string{"point_id": id, "network": network, "pe": pe, "rows": rows, "cols": rows,
		"time_us": ftoa(timeUs), "energy_total_uj": ftoa(energyUJ), "error": "", "bound": "dram",
		"dram_peak_gbps": "25.6", "clock_mhz": "1000"}
}

// layer is a per-layer row of a point.
func layer(id, name string, macs, bytes int, timeUs float64) map[string]string {
	return map[string]string{"point_id": id, "layer": name, "layer_index": "0", "macs": strconv.Itoa(macs),
		"time_us": ftoa(timeUs), "dram_ifmap_read_bytes": strconv.Itoa(bytes), "dram_filter_read_bytes": "0",
		"dram_psum_read_bytes": "0", "dram_psum_write_bytes": "0", "dram_ofmap_write_bytes": "0",
		"bound": "dram", "utilisation_pct": "50", "sqnr_db": "", "numerics_data": ""}
}

func parse(t *testing.T, name, text string) *Table {
	t.Helper()
	tb, err := ParseTable(name, strings.NewReader(text))
	require.NoError(t, err)
	return tb
}

// TestParetoFront checks the front on hand-worked sets: a point is on it
// when no other point is at most as large in both coordinates and smaller
// in one.
func TestParetoFront(t *testing.T) {
	cases := []struct {
		name   string
		xs, ys []float64
		want   []int
	}{
		{"one point", []float64{3}, []float64{4}, []int{0}},
		// (1,5) (2,3) (3,4) (4,1): (3,4) is beaten by (2,3).
		{"staircase", []float64{3, 1, 4, 2}, []float64{4, 5, 1, 3}, []int{1, 3, 2}},
		// (2,2) beats (2,3) and (3,2); equal points both stay.
		{"ties", []float64{2, 2, 3, 2}, []float64{3, 2, 2, 2}, []int{1, 3}},
		{"all on a line x+y=5", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, []int{0, 1, 2, 3}},
		{"one dominates all", []float64{5, 1, 6, 7}, []float64{5, 1, 2, 9}, []int{1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, ParetoFront(c.xs, c.ys))
		})
	}
}

// TestRoof checks the roofline against hand arithmetic: a 32×32 array at
// 1000 MHz peaks at 1024 GMAC/s; 25.6 GB/s at 10 MAC/byte gives 256.
func TestRoof(t *testing.T) {
	tb := parse(t, "s.csv", csvText(networkHeader(), map[string]string{"point_id": "a", "rows": "32", "cols": "32",
		"clock_mhz": "1000", "dram_peak_gbps": "25.6", "error": ""}))
	d, err := FromTables(tb)
	require.NoError(t, err)
	roof, err := RoofOf(d.Points[0])
	require.NoError(t, err)
	require.Equal(t, 1024.0, roof.PeakGMACPerS)
	require.InDelta(t, 256.0, roof.Attainable(10), 1e-9)
	require.Equal(t, 1024.0, roof.Attainable(100))
	require.InDelta(t, 40.0, roof.PeakGMACPerS/roof.DRAMGBps, 1e-12, "ridge point in MAC/byte")
}

// TestIntensities: 2,000,000 MACs over 100,000 DRAM bytes in 10 µs is 20
// MAC/byte at 200 GMAC/s; a layer that moved no byte is counted, not drawn.
func TestIntensities(t *testing.T) {
	tb := parse(t, "l.csv", csvText(layerHeader(), layer("a", "c1", 2_000_000, 100_000, 10), layer("a", "c2", 5, 0, 1)))
	li, skipped, err := Intensities(tb.Rows)
	require.NoError(t, err)
	require.Len(t, li, 1)
	require.Equal(t, 1, skipped)
	require.Equal(t, 20.0, li[0].MACPerByte)
	require.Equal(t, 200.0, li[0].GMACPerS)
}

// TestBadValuesNameFileLineColumn: every value a plot reads is checked,
// and the error says where it is.
func TestBadValuesNameFileLineColumn(t *testing.T) {
	good := point("a", "net", "mult:a8w8", "16", 10, 20)
	cases := []struct {
		name, text, want string
	}{
		{"not a number", csvText(networkHeader(), good, func() map[string]string {
			p := point("b", "net", "shift:a8w4", "16", 10, 20)
			p["energy_total_uj"] = "lots"
			return p
		}()), `bad.csv:3: column energy_total_uj: "lots" is not a number`},
		{"negative", csvText(networkHeader(), func() map[string]string { p := point("b", "net", "x", "16", -1, 20); return p }()),
			`bad.csv:2: column time_us: "-1" is not a finite non-negative number`},
		{"NaN", csvText(networkHeader(), func() map[string]string { p := good; p["area_total_mm2"] = "NaN"; return p }()),
			`bad.csv:2: column area_total_mm2: "NaN" is not a number`},
		{"missing column", "point_id,network,pe,rows,energy_total_uj,time_us\na,net,mult:a8w8,16,1,1\n", `bad.csv:2: no column "area_total_mm2"`},
		{"not logsim", "a,b\n1,2\n", "bad.csv:1: not a logsim CSV"},
		{"ragged", "point_id,network,energy_total_uj\na,net\n", "bad.csv: record on line 2: wrong number of fields"},
		{"empty", "", "bad.csv: empty file"},
		{"duplicate column", "point_id,point_id,energy_total_uj\n", `bad.csv:1: column "point_id" appears twice`},
		{"point twice", csvText(networkHeader(), good, good), "bad.csv:3: point a (net) is also at bad.csv:2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := figuresOf("bad.csv", c.text)
			require.Error(t, err)
			require.Contains(t, err.Error(), c.want)
		})
	}
}

// figuresOf draws every figure of one CSV text.
func figuresOf(name, text string) error {
	tb, err := ParseTable(name, strings.NewReader(text))
	if err != nil {
		return err
	}
	d, err := FromTables(tb)
	if err != nil {
		return err
	}
	_, err = Figures(d, Options{Style: DefaultStyle})
	return err
}

// TestFailedPointsLeftOut: a sweep row with an error is not drawn, and a
// note says so.
func TestFailedPointsLeftOut(t *testing.T) {
	failed := map[string]string{"point_id": "f", "network": "net", "error": "layer x does not fit", "time_us": ""}
	tb := parse(t, "s.csv", csvText(networkHeader(), point("a", "net", "mult:a8w8", "16", 10, 20), failed))
	d, err := FromTables(tb)
	require.NoError(t, err)
	require.Len(t, d.Points, 1)
	set, err := Figures(d, Options{Style: DefaultStyle})
	require.NoError(t, err)
	require.Contains(t, strings.Join(set.Notes, "\n"), "1 failed points")
}

// TestLabels: points are told apart by the design parameters that differ.
func TestLabels(t *testing.T) {
	a := point("a", "net", "mult:a8w8", "16", 10, 20)
	b := point("b", "net", "shift:a8w4", "32", 10, 20)
	b["ifmap_kib"] = "128"
	d, err := FromTables(parse(t, "s.csv", csvText(networkHeader(), a, b)))
	require.NoError(t, err)
	require.Equal(t, "mult:a8w8 16×16 ifmap_kib=1", d.Points[0].Label)
	require.Equal(t, "shift:a8w4 32×32 ifmap_kib=128", d.Points[1].Label)
}

// sweepData is two networks of three points each, with per-layer rows
// for every point.
func sweepData(t *testing.T) *Data {
	t.Helper()
	var nets, layers []map[string]string
	for i, pe := range []string{"mult:a8w8", "shift:a8w4", "logboth:a4w4"} {
		for j, n := range []string{"netA", "netB"} {
			id := pe + n
			nets = append(nets, point(id, n, pe, "16", float64(10+i*j), float64(30-5*i)))
			layers = append(layers, layer(id, "c1", 1000*(i+1), 100, 1), layer(id, "c2", 5000, 50*(j+1), 2))
		}
	}
	d, err := FromTables(parse(t, "s.csv", csvText(networkHeader(), nets...)), parse(t, "l.csv", csvText(layerHeader(), layers...)))
	require.NoError(t, err)
	return d
}

// TestFiguresDeterministic: the same data draws byte-identical SVG and
// PNG files, and the set holds each kind of plot.
func TestFiguresDeterministic(t *testing.T) {
	render := func() map[string][]byte {
		set, err := Figures(sweepData(t), Options{Style: DefaultStyle})
		require.NoError(t, err)
		out := map[string][]byte{}
		for _, f := range set.Figures {
			for _, format := range Formats() {
				b, err := f.Render(format)
				require.NoError(t, err)
				require.NotEmpty(t, b)
				out[f.Name+"."+format] = b
			}
		}
		return out
	}
	first, second := render(), render()
	require.Equal(t, first, second)
	for _, name := range []string{"pareto-energy-latency-neta.svg", "pareto-edp-area-netb.png", "energy-neta.svg", "area.svg"} {
		require.Contains(t, first, name)
	}
	var layerPlots, rooflines int
	for name := range first {
		if strings.HasPrefix(name, "layers-") {
			layerPlots++
		}
		if strings.HasPrefix(name, "roofline-") {
			rooflines++
		}
	}
	// netA: times all 10, energies 30, 25, 20: only logboth is on the
	// front. netB: (10,30) (11,25) (12,20): all three are.
	require.Equal(t, 2*4, layerPlots, "4 front points, svg and png")
	require.Equal(t, 2*4, rooflines)
}

// TestStyleColumnMustExist: colouring by a column the files lack is an
// error that names it.
func TestStyleColumnMustExist(t *testing.T) {
	_, err := Figures(sweepData(t), Options{Style: Style{ColorBy: "colour"}})
	require.ErrorContains(t, err, `s.csv: no column "colour" to colour or shape points by`)
}

// TestLog10Ticks: labelled ticks at powers of ten inside the range,
// unlabelled ones at 2…9 times them.
func TestLog10Ticks(t *testing.T) {
	ticks := log10Ticks{}.Ticks(math.Log10(5), math.Log10(300))
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	require.Equal(t, []string{"10", "100"}, labels)
	require.Len(t, ticks, 5+9+3, "5…9, 10…90, 100…300")
}
