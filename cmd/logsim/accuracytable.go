package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads/onnx"
)

// tableRow is one cell of the accuracy table with its spec's costs.
type tableRow struct {
	accuracy.TableSpec
	res    accuracy.Result
	cycles int64
	uj     float64 // energy, µJ
	mm2    float64 // area
	// pLinear is the exact McNemar p-value of a log row against the linear
	// row of its mode and bits (NaN for a linear row).
	pLinear float64
}

// runTable runs every cell of the table: its accuracy and its spec on the
// design point for the model's network.
func (o *accuracyOptions) runTable(w io.Writer, m onnx.Model, e *accuracy.Evaluator, r design.Resolved) error {
	var rows []tableRow
	for _, ts := range accuracy.TableSpecs(r.Point().PE) {
		row, err := tableCell(ts, m, e, r)
		if err != nil {
			return fmt.Errorf("%s (%s): %w", ts, ts.Spec, err)
		}
		rows = append(rows, row)
	}
	pairWithLinear(e, rows)
	if err := writeTableCSV(o.csv, func(f io.Writer) error { return tableCSV(f, rows) }); err != nil {
		return err
	}
	return tableMarkdown(w, m, e, rows)
}

// pairWithLinear tests each log row against the linear row of its mode
// and bits on the same images (McNemar).
func pairWithLinear(e *accuracy.Evaluator, rows []tableRow) {
	linear := map[string]accuracy.Result{}
	key := func(r tableRow) string { return fmt.Sprint(r.Mode, r.Bits) }
	for _, r := range rows {
		if r.Quantizer == "linear" {
			linear[key(r)] = r.res
		}
	}
	for i, r := range rows {
		rows[i].pLinear = math.NaN()
		if lin, ok := linear[key(r)]; ok && r.Quantizer != "linear" {
			rows[i].pLinear = accuracy.McNemar(e.Discordant(r.res, lin))
		}
	}
}

func tableCell(ts accuracy.TableSpec, m onnx.Model, e *accuracy.Evaluator, r design.Resolved) (tableRow, error) {
	res, err := e.Run(specOnly(ts.Spec))
	if err != nil {
		return tableRow{}, err
	}
	p := r.Point()
	p.PE, p.LayerPE = ts.Spec, nil
	at, err := p.Resolve()
	if err != nil {
		return tableRow{}, err
	}
	run, err := sim.Run(m.Network, at, sim.RunOptions{})
	if err != nil {
		return tableRow{}, err
	}
	return tableRow{TableSpec: ts, res: res, cycles: run.Totals().TotalCycles,
		uj: cost.PJToUJ(run.Cost.Energy.Total()), mm2: run.Cost.Area.Total()}, nil
}

var tableColumns = []string{"mode", "quantizer", "bits", "pe", "top1_pct", "top1_lo_pct", "top1_hi_pct",
	"float_top1_pct", "drop_pts", "agreement_pct", "mcnemar_p_vs_linear", "images", "cycles", "energy_uj", "area_mm2"}

func (t tableRow) values() []string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) }
	r := t.res
	return []string{t.Mode, t.Quantizer, strconv.Itoa(t.Bits), t.Spec.String(), f(100 * r.Top1), f(100 * r.Lo), f(100 * r.Hi),
		f(100 * r.Float.Top1), f(100 * (r.Float.Top1 - r.Top1)), f(100 * r.Agreement), pText(t.pLinear, 'g'), strconv.Itoa(r.Images),
		strconv.FormatInt(t.cycles, 10), strconv.FormatFloat(t.uj, 'g', 6, 64), strconv.FormatFloat(t.mm2, 'g', 6, 64)}
}

// pText is a p-value: 3 significant digits ('g'), or 3 decimals and
// "<0.001" below ('f'); "" for NaN.
func pText(p float64, format byte) string {
	switch {
	case math.IsNaN(p):
		return ""
	case format == 'g':
		return strconv.FormatFloat(p, 'g', 3, 64)
	case p < 0.001:
		return "<0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

func tableCSV(w io.Writer, rows []tableRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(tableColumns); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(r.values()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// tableMarkdown prints the top-1 matrix (bits × mode and quantizer), then
// every cell with its interval and costs.
func tableMarkdown(w io.Writer, m onnx.Model, e *accuracy.Evaluator, rows []tableRow) error {
	fl := e.Float
	fmt.Fprintf(w, "Network %s: top-1 on %d held-out images (float64 reference %.2f %% [%.2f, %.2f]); FSRs calibrated on %d training images.\n\n",
		m.Network.Name, fl.Images, 100*fl.Top1, 100*fl.Lo, 100*fl.Hi, e.CalUsed)
	fmt.Fprintln(w, "| bits | W linear | W log2 | W log√2 | W+A linear | W+A log2 | W+A log√2 |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	byBits := map[int][]tableRow{}
	for _, r := range rows {
		byBits[r.Bits] = append(byBits[r.Bits], r)
	}
	for b := accuracy.TableMinBits; b <= accuracy.TableMaxBits; b++ {
		fmt.Fprintf(w, "| %d |", b)
		for _, r := range byBits[b] {
			fmt.Fprintf(w, " %.2f |", 100*r.res.Top1)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\n| mode | quantizer | bits | PE | top-1 % | 95 % interval | drop (points) | p vs linear | cycles | energy µJ | area mm² |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rows {
		a := r.res
		fmt.Fprintf(w, "| %s | %s | %d | %s | %.2f | [%.2f, %.2f] | %.2f | %s | %d | %.4g | %.4g |\n", r.Mode, r.Quantizer, r.Bits, r.Spec,
			100*a.Top1, 100*a.Lo, 100*a.Hi, 100*(a.Float.Top1-a.Top1), pText(r.pLinear, 'f'), r.cycles, r.uj, r.mm2)
	}
	fmt.Fprintln(w, "\np vs linear: exact McNemar test of a log row against the linear row of its mode and bits, on the same images.")
	return nil
}
