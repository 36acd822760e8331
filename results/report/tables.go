package report

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/results/plots"
)

// pointColumns are the network columns of the points table, after the
// label, the network and the design parameters that vary.
func pointColumns() []string {
	return []string{"time_us", "total_cycles", "utilisation_pct", "energy_total_uj", "energy_per_mac_pj", "area_total_mm2",
		"throughput_gmac_per_s", "efficiency_gmac_per_j", "edp_uj_us", "bound", "bound_gap_pct", "sqnr_min_db", "point_id"}
}

// compareFigures are the figures of the compare tables, each as its ratio
// to the baseline with the range over the cost corners.
func compareFigures() []string {
	return []string{"time_us", "energy_total_uj", "area_total_mm2", "edp_uj_us", "energy_per_mac_pj"}
}

// layerColumns are the per-layer table's columns.
func layerColumns() []string {
	return []string{"layer", "kind", "macs", "total_cycles", "compute_cycles", "prologue_cycles", "sram_stall_cycles",
		"dram_stall_cycles", "utilisation_pct", "bound", "bound_gap_pct", "dram_achieved_gbps", "energy_total_pj", "sqnr_db"}
}

// docs maps every column of logsim's CSVs to "unit: meaning", the
// tooltip of its header.
func docs() map[string]string {
	out := map[string]string{}
	for _, s := range results.Schemas() {
		for _, c := range s.Columns {
			if _, ok := out[c.Name]; ok {
				continue
			}
			out[c.Name] = strings.TrimPrefix(c.Unit+": "+c.Meaning, ": ")
		}
	}
	return out
}

func header(names []string) []Header {
	d := docs()
	out := make([]Header, len(names))
	for i, n := range names {
		out[i] = Header{Name: n, Title: d[n]}
	}
	return out
}

// present keeps the columns the rows' file has.
func present(r plots.Row, cols []string) []string {
	var out []string
	for _, c := range cols {
		if r.Has(c) {
			out = append(out, c)
		}
	}
	return out
}

func pointsTable(points []Point, varying []string) Table {
	if len(points) == 0 {
		return Table{}
	}
	cols := append(append([]string{"network"}, varying...), present(points[0].Row, pointColumns())...)
	t := Table{Caption: "Design points (click a column to sort)", Header: append([]Header{{Name: "design", Title: "the design parameters that differ between the points"}}, header(cols)...)}
	for _, p := range points {
		row := []string{p.Label}
		for _, c := range cols {
			row = append(row, show(p.Text(c)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func compareTable(cf plots.CompareFile) Table {
	t := Table{Caption: "Compare " + filepath.Base(cf.File) + ": each figure over the baseline's on the same network, with its range over the low, nominal and high cost corners"}
	if len(cf.Points) == 0 {
		return t
	}
	first := cf.Points[0].Row
	cols := present(first, []string{"design", "role", "network"})
	t.Header = header(cols)
	figs := present(first, compareRatioColumns())
	for _, f := range figs {
		t.Header = append(t.Header, Header{Name: f, Title: docs()[f]})
	}
	extra := present(first, []string{"sqnr_min_db", "sqnr_min_delta_db"})
	t.Header = append(t.Header, header(extra)...)
	for _, p := range cf.Points {
		var row []string
		for _, c := range cols {
			row = append(row, p.Text(c))
		}
		for _, f := range figs {
			row = append(row, ratioText(p.Row, f))
		}
		for _, c := range extra {
			row = append(row, show(p.Text(c)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func compareRatioColumns() []string {
	var out []string
	for _, f := range compareFigures() {
		out = append(out, f+"_ratio")
	}
	return out
}

// ratioText is a ratio with its corner range when it has one:
// "0.537 (0.516–0.543)".
func ratioText(r plots.Row, col string) string {
	s := show(r.Text(col))
	lo, hi := r.Text(col+"_low"), r.Text(col+"_high")
	if lo == "" || hi == "" || lo == hi {
		return s
	}
	return s + " (" + show(lo) + "–" + show(hi) + ")"
}

func layerSection(d *plots.Data, id string) Section {
	rows := d.LayersOf(id)
	title := "point " + id
	if p, ok := d.Point(id); ok {
		title = p.Network + ", " + p.Label + " (point " + id + ")"
	}
	s := Section{Title: title}
	if len(rows) == 0 {
		return s
	}
	cols := present(rows[0], layerColumns())
	s.Table = Table{Caption: "Per-layer results", Header: header(cols)}
	for _, r := range rows {
		var row []string
		for _, c := range cols {
			row = append(row, show(r.Text(c)))
		}
		s.Table.Rows = append(s.Table.Rows, row)
	}
	return s
}

// show formats a CSV value for reading: integers as they are, other
// numbers to 4 significant digits (without an exponent from 1 to 10⁹),
// text as it is.
func show(v string) string {
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) {
		return v
	}
	if a := math.Abs(f); a >= 1 && a < 1e9 {
		return strconv.FormatFloat(f, 'f', max(0, 3-int(math.Floor(math.Log10(a)))), 64)
	}
	return strconv.FormatFloat(f, 'g', 4, 64)
}
