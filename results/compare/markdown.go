package compare

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/sim/design"
)

// WriteMarkdown writes the comparison for a person and a paper: per
// network, the designs side by side with each figure's ratio to the
// baseline and its range over the cost corners, then where each log-domain
// design's saving comes from (Splits), then notes on what the numbers
// mean.
func WriteMarkdown(w io.Writer, res []Result, opts Options) error {
	for _, r := range res {
		fmt.Fprintf(w, "## %s (batch %d)\n\n", r.Plan.Network.Name, r.Plan.Network.Batch)
		if err := mainTable(r).write(w); err != nil {
			return err
		}
		for _, s := range Splits(r) {
			if err := writeSplit(w, s, r.Plan.Network.Name); err != nil {
				return err
			}
		}
		fmt.Fprintln(w)
	}
	_, err := io.WriteString(w, notes(res, opts))
	return err
}

// mainTable has a row per figure and, per design, its value and (but for
// the baseline) its ratio to the baseline's.
func mainTable(r Result) *mdTable {
	t := &mdTable{}
	t.add(perDesign(r, "", func(d Planned, _ results.CompareRow) (string, string) { return d.Name, "×" })...)
	t.add(perDesign(r, "role", func(d Planned, _ results.CompareRow) (string, string) { return string(d.Role), "" })...)
	t.add(perDesign(r, "control for", func(d Planned, _ results.CompareRow) (string, string) {
		return strings.Join(d.ControlFor, ", "), ""
	})...)
	t.add(perDesign(r, "PE", func(d Planned, _ results.CompareRow) (string, string) { return d.Point.Point().PE.String(), "" })...)
	t.add(perDesign(r, "array", func(d Planned, _ results.CompareRow) (string, string) {
		a := d.Point.Point().Array
		return fmt.Sprintf("%d×%d", a.Rows, a.Cols), ""
	})...)
	for _, c := range results.ComparedColumns() {
		decimals := decimalsFor(r.Rows, c)
		t.add(perDesign(r, label(c), func(_ Planned, row results.CompareRow) (string, string) {
			f := row.FigureOf(c)
			return strconv.FormatFloat(f.Value, 'f', decimals, 64), ratioCell(f)
		})...)
	}
	t.add(perDesign(r, "lowest layer SQNR (dB; ×: difference)", sqnrCells)...)
	if ev := r.Plan.Accuracy; ev != nil {
		t.add(perDesign(r, "top-1 % [95 % interval] (×: points vs baseline, McNemar p)", func(_ Planned, row results.CompareRow) (string, string) {
			return top1Cells(ev, row)
		})...)
	}
	return t
}

// top1Cells is a design's top-1 with its interval, and its difference to
// the baseline in points with the paired test's p-value.
func top1Cells(ev *accuracy.Evaluator, row results.CompareRow) (string, string) {
	a, b := row.Run.Accuracy, row.Baseline.Accuracy
	if a == nil || b == nil {
		return "not measured", ""
	}
	onlyA, onlyB := ev.Discordant(*a, *b)
	return fmt.Sprintf("%.2f [%.2f, %.2f]", 100*a.Top1, 100*a.Lo, 100*a.Hi),
		fmt.Sprintf("%+.2f (p %.2g)", 100*(a.Top1-b.Top1), accuracy.McNemar(onlyA, onlyB))
}

// perDesign is one table row: the label, then each design's value and, but
// for the baseline's, its comparison.
func perDesign(r Result, label string, cell func(Planned, results.CompareRow) (string, string)) []string {
	out := []string{label}
	for i, d := range r.Plan.Designs {
		v, cmp := cell(d, r.Rows[i])
		out = append(out, v)
		if i > 0 {
			out = append(out, cmp)
		}
	}
	return out
}

func sqnrCells(_ Planned, row results.CompareRow) (string, string) {
	m, ok := row.Run.MinSQNRdB()
	if !ok {
		return "not measured", ""
	}
	d, _ := row.SQNRDeltadB()
	return fmt.Sprintf("%.1f", m), fmt.Sprintf("%+.1f dB", d)
}

// ratioCell is "0.733", with " [0.712–0.760]" for a figure the cost
// constants change.
func ratioCell(f results.Figure) string {
	if math.IsNaN(f.Ratio) {
		return "—"
	}
	s := fmt.Sprintf("%.3f", f.Ratio)
	if f.CostDependent {
		s += fmt.Sprintf(" [%.3f–%.3f]", f.Low, f.High)
	}
	return s
}

// decimalsFor gives a figure's row at least four significant digits on its
// largest value (0 to 6 decimals).
func decimalsFor(rows []results.CompareRow, c results.Column[results.NetRow]) int {
	top := 0.0
	for i := range rows {
		top = math.Max(top, math.Abs(rows[i].FigureOf(c).Value))
	}
	if top == 0 || math.IsNaN(top) {
		return 0
	}
	return min(max(3-int(math.Floor(math.Log10(top))), 0), 6)
}

// labels name the compared figures that are not energy or area parts.
var labels = map[string]string{
	"total_cycles": "cycles", "time_us": "latency (µs)",
	"energy_total_uj": "energy (µJ)", "area_total_mm2": "area (mm²)",
	"energy_per_mac_pj": "energy per MAC (pJ)", "throughput_gmac_per_s": "throughput (GMAC/s)",
	"efficiency_gmac_per_j": "efficiency (GMAC/J)", "density_gmac_per_s_per_mm2": "throughput per area (GMAC/s/mm²)",
	"edp_uj_us": "energy-delay product (µJ·µs)",
}

// label is a figure's row label, with its unit: "energy: pe arithmetic
// (µJ)" for a part.
func label(c results.Column[results.NetRow]) string {
	if l, ok := labels[c.Name]; ok {
		return l
	}
	kind, part, _ := strings.Cut(c.Name, "_")
	part = part[:strings.LastIndex(part, "_")] // the unit suffix
	return fmt.Sprintf("%s: %s (%s)", kind, strings.ReplaceAll(part, "_", " "), c.Unit)
}

// writeSplit writes one split: the three designs' parts and the two
// steps' savings, absolute and as % of the baseline's total.
func writeSplit(w io.Writer, s Split, network string) error {
	fmt.Fprintf(w, "\n### Where the saving of %s comes from (%s)\n\n", s.Log, network)
	fmt.Fprintf(w, "%s (baseline) → %s (control: the multiplier at %s's widths; the step is the effect of fewer bits", s.Baseline, s.Control, s.Log)
	if len(s.Differs) > 0 {
		fmt.Fprintf(w, " and of its other differences: %s", strings.Join(s.Differs, ", "))
	}
	fmt.Fprintf(w, ") → %s (the effect of the log-domain arithmetic). A saving is before minus after (negative: it costs more); %% is of the baseline's total.", s.Log)
	if len(s.SQNRdB) == 3 {
		fmt.Fprintf(w, " Lowest layer SQNR: %.1f dB → %.1f dB → %.1f dB.", s.SQNRdB[0], s.SQNRdB[1], s.SQNRdB[2])
	}
	fmt.Fprint(w, "\n\n")
	t := &mdTable{}
	t.add("part", s.Baseline, s.Control, s.Log, "fewer bits", "%", "arithmetic", "%", "total saving", "%")
	for _, l := range s.Energy {
		t.add(splitRow("energy", "µJ", l, s.Energy[len(s.Energy)-1].Baseline, EnergyQuantumPJ*1e-6, EnergyDecimals)...)
	}
	for _, l := range s.Area {
		t.add(splitRow("area", "mm²", l, s.Area[len(s.Area)-1].Baseline, AreaQuantumMM2, AreaDecimals)...)
	}
	return t.write(w)
}

func splitRow(kind, unit string, l SplitLine, baseTotal int64, quantum float64, decimals int) []string {
	v := func(q int64) string { return strconv.FormatFloat(float64(q)*quantum, 'f', decimals, 64) }
	pct := func(q int64) string {
		if baseTotal == 0 {
			return "—"
		}
		p := fmt.Sprintf("%.2f", 100*float64(q)/float64(baseTotal))
		if p == "-0.00" { // a small cost, not a negative zero
			p = "0.00"
		}
		return p
	}
	name := fmt.Sprintf("%s: %s (%s)", kind, strings.ReplaceAll(l.Part, "_", " "), unit)
	return []string{name, v(l.Baseline), v(l.Control), v(l.Log), v(l.Bits()), pct(l.Bits()),
		v(l.Arithmetic()), pct(l.Arithmetic()), v(l.Total()), pct(l.Total())}
}

// notes say what the numbers mean and what planning changed.
func notes(res []Result, opts Options) string {
	var b strings.Builder
	base := res[0].Plan.Designs[0]
	b.WriteString("Notes:\n\n")
	fmt.Fprintf(&b, "- %s\n", commonPoint(res))
	fmt.Fprintf(&b, "- ×: a design's figure over the baseline's (%s), both priced at the %s corner. [a–b]: the lowest and highest of that ratio "+
		"with both priced at the low, nominal and high cost corners (every cost constant at the low end, its value, or the high end of its range), "+
		"each run re-priced from its one simulation; cycles, latency and throughput do not depend on cost constants. "+
		"Corners move every constant together; --sensitivity moves each alone.\n", base.Name, base.Point.Point().Corner)
	b.WriteString("- " + controlsNote(res, opts) + "\n")
	if n := top1Note(opts); n != "" {
		b.WriteString("- " + n + "\n")
	}
	if opts.Numerics != nil || len(opts.Accuracy) == 0 {
		b.WriteString("- " + accuracyNote(opts.Numerics) + "\n")
	}
	if opts.Fidelity == sim.FidelityAnalytic {
		b.WriteString("- Fidelity: analytic (README: fidelity levels): cycles equal the event simulation's with ideal and bandwidth DRAM; with a command-level DRAM model they come from its calibrated stand-in, within the error `logsim fidelity-check` reports.\n")
	}
	fmt.Fprintf(&b, "- GOPS = 2 × GMAC/s. Energy per operation assumes the average switching activity of the source tables; data-dependent activity is not modelled.\n")
	fmt.Fprintf(&b, "- Savings splits: every part is rounded to %g nJ and %g µm² before differences are taken, so the steps and the parts add up exactly as printed.\n",
		EnergyQuantumPJ/1e3, AreaQuantumMM2*1e6)
	for _, r := range res {
		for _, d := range r.Plan.Designs {
			for _, c := range d.Changes {
				fmt.Fprintf(&b, "- %s, %s: %s\n", r.Plan.Network.Name, d.Name, c)
			}
		}
	}
	return b.String()
}

// commonPoint describes the baseline's design point and names the
// parameters in which the designs differ.
func commonPoint(res []Result) string {
	p := res[0].Plan.Designs[0].Point
	d := p.Point()
	s := fmt.Sprintf("Design point of the baseline: %d×%d %s array, %s timing, %g MHz, buffers %d/%d/%d KiB of %d-bit words, DRAM %s %s (%s pJ/bit), %d nm, %s corner",
		d.Array.Rows, d.Array.Cols, strings.ToUpper(d.Dataflow.String()), d.Timing, d.ClockMHz, d.IfmapKiB, d.FilterKiB, d.OfmapKiB, d.WordBits,
		d.DRAM.Model, p.DRAM().Params.Name, strconv.FormatFloat(p.DRAMPJPerBit(), 'g', 4, 64), d.NodeNM, d.Corner)
	var keys []string
	for _, pr := range design.Params() {
		for _, r := range res {
			if varies(pr, r.Plan.Designs) && !slices.Contains(keys, pr.Key) {
				keys = append(keys, pr.Key)
			}
		}
	}
	if len(keys) > 0 {
		s += "; the designs differ in " + strings.Join(keys, ", ")
	}
	return s + "."
}

func varies(pr design.Param, ds []Planned) bool {
	for _, d := range ds[1:] {
		if pr.Get(d.Point.Point()) != pr.Get(ds[0].Point.Point()) {
			return true
		}
	}
	return false
}

func controlsNote(res []Result, opts Options) string {
	if opts.NoControls {
		return "Controls left out (--no-controls): the saving of a log-domain design is not split into the effect of fewer bits and of its arithmetic."
	}
	var added []string
	for _, r := range res {
		for _, d := range r.Plan.Designs {
			a := fmt.Sprintf("%s (for %s)", d.Name, strings.Join(d.ControlFor, ", "))
			if d.Role == Control && !slices.Contains(added, a) {
				added = append(added, a)
			}
		}
	}
	s := "Controls: the multiplier at a log-domain design's widths, added when the designs hold a multiplier, so a saving splits into the effect of fewer bits and that of the arithmetic"
	if len(added) == 0 {
		return s + "; none was needed beyond the designs given."
	}
	return s + "; added (role control): " + strings.Join(added, ", ") + "."
}

// top1Note says how top-1 accuracy was measured ("" when it was not).
func top1Note(opts Options) string {
	if len(opts.Accuracy) == 0 {
		return ""
	}
	e := opts.Accuracy[0]
	return fmt.Sprintf("Top-1: whole-network inference through each design's PE arithmetic on %d held-out images, "+
		"activation FSRs calibrated on %d training images; the float64 reference scores %.2f %%; 95 %% Wilson intervals; "+
		"p: exact McNemar test against the baseline on the same images (the images only one of the two gets right).",
		e.Float.Images, e.CalUsed, 100*e.Float.Top1)
}

func accuracyNote(n *sim.Numerics) string {
	if n == nil {
		return "Accuracy was not measured: run with --numerics for each design's lowest per-layer SQNR."
	}
	data := fmt.Sprintf("synthetic data (%s weights, seed %d)", n.Weights, n.Seed)
	if n.NPYDir != "" {
		data = "the operands in " + n.NPYDir
	}
	samples := "all outputs"
	if n.Samples > 0 {
		samples = fmt.Sprintf("%d sampled outputs", n.Samples)
	}
	return fmt.Sprintf("Accuracy: the lowest per-layer SQNR of the accumulator outputs against the exact GEMM, on %s, %s per layer.", data, samples)
}
