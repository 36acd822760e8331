package results

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/logsim/logsim/sim"
)

// CompareRow is one design run on one network by `logsim compare`: the
// run, the baseline's run on the same network, and both priced at every
// cost corner.
type CompareRow struct {
	Design     string   // the design's name
	Role       string   // baseline, compared or control
	ControlFor []string // the log-domain designs whose control this design is
	Run        *sim.NetworkResult
	Baseline   *sim.NetworkResult // the baseline on the same network
	// Corners are the design and the baseline priced at each cost corner
	// (low, nominal, high) from their one simulation each
	// (sim.NetworkResult.Repriced).
	Corners []CornerPair
}

// CornerPair is a design and the baseline priced at one cost corner.
type CornerPair struct{ Run, Baseline *sim.NetworkResult }

// Figure is one compared figure of a CompareRow: its value, its ratio to
// the baseline's, and the range of that ratio over the cost corners.
type Figure struct {
	Column    Column[NetRow] // the network column the figure is
	Value     float64
	Ratio     float64 // value / the baseline's, at the design's own corner; NaN when the baseline's is 0
	Low, High float64 // lowest and highest ratio over the corners (each corner's ratio prices both at that corner)
	// CostDependent is true for figures the cost constants change (energy,
	// area and what derives from them); the others' range is their ratio.
	CostDependent bool
}

// ComparedColumns are the network columns compare puts side by side:
// cycles, latency, energy and every part of it, area and every part of
// it, pJ/MAC, GMAC/s, GMAC/J, GMAC/s/mm² and the energy-delay product.
func ComparedColumns() []Column[NetRow] {
	var out []Column[NetRow]
	for _, c := range NetworkColumns() {
		switch {
		case c.Name == "total_cycles", c.Name == "time_us":
		case c.Unit == "µJ", c.Unit == "mm²", c.Unit == "pJ/MAC", c.Unit == "GMAC/s", c.Unit == "GMAC/J",
			c.Unit == "GMAC/s/mm²", c.Unit == "µJ·µs":
		default:
			continue
		}
		out = append(out, c)
	}
	return out
}

// Figures returns the row's compared figures, in ComparedColumns order.
func (r *CompareRow) Figures() []Figure {
	var out []Figure
	for _, c := range ComparedColumns() {
		out = append(out, r.FigureOf(c))
	}
	return out
}

// FigureOf is the row's figure of one numeric network column.
func (r *CompareRow) FigureOf(c Column[NetRow]) Figure {
	f := Figure{Column: c, Value: figure(c, r.Run), Ratio: ratioOf(c, r.Run, r.Baseline),
		CostDependent: c.Model == ModelPricing}
	f.Low, f.High = f.Ratio, f.Ratio
	if f.CostDependent {
		for _, p := range r.Corners {
			v := ratioOf(c, p.Run, p.Baseline)
			f.Low, f.High = math.Min(f.Low, v), math.Max(f.High, v)
		}
	}
	return f
}

// SQNRDeltadB is the design's lowest per-layer SQNR minus the baseline's
// (dB), when numerics were measured.
func (r *CompareRow) SQNRDeltadB() (float64, bool) {
	a, ok := r.Run.MinSQNRdB()
	b, okb := r.Baseline.MinSQNRdB()
	return a - b, ok && okb
}

// figure reads a numeric column's value back from its text (written to
// read back exactly).
func figure(c Column[NetRow], r NetRow) float64 {
	v, err := strconv.ParseFloat(c.Value(r), 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// ratioOf is the column's value on run over its value on base; NaN when
// the base's is 0.
func ratioOf(c Column[NetRow], run, base NetRow) float64 {
	b := figure(c, base)
	if b == 0 {
		return math.NaN()
	}
	return figure(c, run) / b
}

type cmpCol = Column[*CompareRow]

// CompareColumns are the columns of the compare CSV (`logsim compare
// --csv`): the design's name, role and what it controls, every network
// column, each compared figure's ratio to the baseline with its range over
// the cost corners, and the SQNR difference.
func CompareColumns() []cmpCol {
	cols := []cmpCol{
		{"design", "", "the design's name: its PE spec (--pe) or its name in the designs file (--designs)", ModelInput,
			func(r *CompareRow) string { return r.Design }},
		{"role", "", "baseline (the first design; ratios are to it), compared (given), or control (the multiplier at a log-domain design's widths, added by compare)", ModelProvenant,
			func(r *CompareRow) string { return r.Role }},
		{"control_for", "", "the log-domain designs (;-separated) this design is the multiplier control of: the split of their saving goes baseline → this → them", ModelProvenant,
			func(r *CompareRow) string { return strings.Join(r.ControlFor, ";") }},
	}
	for _, c := range NetworkColumns() {
		cols = append(cols, cmpCol{c.Name, c.Unit, c.Meaning, c.Model, func(r *CompareRow) string { return c.Value(r.Run) }})
	}
	for _, c := range ComparedColumns() {
		cols = append(cols, ratioColumns(c)...)
	}
	return append(cols, cmpCol{"sqnr_min_delta_db", "dB", "sqnr_min_db minus the baseline's (empty when not measured)", ModelNumerics,
		func(r *CompareRow) string {
			if d, ok := r.SQNRDeltadB(); ok {
				return ftoa(d)
			}
			return ""
		}})
}

// ratioColumns are the ratio of a compared column and, for a figure the
// cost constants change, its range over the corners.
func ratioColumns(c Column[NetRow]) []cmpCol {
	get := func(pick func(Figure) float64) func(*CompareRow) string {
		return func(r *CompareRow) string { return ratioText(pick(r.FigureOf(c))) }
	}
	cols := []cmpCol{{c.Name + "_ratio", "ratio", c.Name + " / the baseline's (empty when the baseline's is 0)", c.Model,
		get(func(f Figure) float64 { return f.Ratio })}}
	if c.Model != ModelPricing {
		return cols
	}
	return append(cols,
		cmpCol{c.Name + "_ratio_low", "ratio", "lowest of " + c.Name + "_ratio with the design and the baseline both priced at the low, nominal and high cost corners (design.md §7)", ModelPricing,
			get(func(f Figure) float64 { return f.Low })},
		cmpCol{c.Name + "_ratio_high", "ratio", "highest of " + c.Name + "_ratio over the same corners", ModelPricing,
			get(func(f Figure) float64 { return f.High })})
}

func ratioText(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return ftoa(v)
}

// WriteCompareCSV writes the header and one row per design and network.
func WriteCompareCSV(w io.Writer, rows []CompareRow) error {
	cols := CompareColumns()
	cw := csv.NewWriter(w)
	if err := cw.Write(Names(cols)); err != nil {
		return err
	}
	for i := range rows {
		if err := cw.Write(Values(cols, &rows[i])); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
