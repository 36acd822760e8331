package compare

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/tech"
)

// Ratios are a design's energy, area and energy-delay product over the
// baseline's (dimensionless).
type Ratios struct {
	Energy, Area, EDP float64
}

// get reads one ratio by index: 0 energy, 1 area, 2 EDP.
func (r Ratios) get(i int) float64 { return [3]float64{r.Energy, r.Area, r.EDP}[i] }

// ratioNames name the ratios in report order.
var ratioNames = [3]string{"energy", "area", "EDP"}

// TornadoRow is one constant's effect: the ratios with that constant alone
// at the low and at the high end of its range, every other at its value.
type TornadoRow struct {
	Constant  tech.Constant
	Low, High Ratios
}

// swing is how far the constant moves the energy ratio.
func (r TornadoRow) swing() float64 { return math.Abs(r.High.Energy - r.Low.Energy) }

// Tornado is the sensitivity of one design's ratios to the baseline on
// one network: every constant moved alone (sorted by the energy ratio's
// swing, largest first), and the extreme combinations: For sets every
// constant to the end that lowers each ratio (the most favourable to the
// design), Against to the end that raises it. The tiling stays the
// nominal run's (sim.NetworkResult.Repriced): only prices move.
type Tornado struct {
	Network, Design, Baseline string
	Nominal                   Ratios
	Rows                      []TornadoRow
	For, Against              Ratios
}

// mover moves a table: a constant to an end, or several.
type mover func(tech.Table) tech.Table

// pricer gives the ratios with both designs' tables moved by m.
type pricer func(m mover) (Ratios, error)

// tornado varies each constant alone, then builds the extreme
// combinations per ratio.
func tornado(consts []tech.Constant, price pricer) (Tornado, error) {
	var out Tornado
	var err error
	if out.Nominal, err = price(func(t tech.Table) tech.Table { return t }); err != nil {
		return Tornado{}, err
	}
	for _, c := range consts {
		row := TornadoRow{Constant: c}
		for _, e := range []tech.End{tech.LowEnd, tech.HighEnd} {
			r, err := price(func(t tech.Table) tech.Table { return c.At(t, e) })
			if err != nil {
				return Tornado{}, fmt.Errorf("constant %s at its %s end: %w", c.Name, e, err)
			}
			if e == tech.LowEnd {
				row.Low = r
			} else {
				row.High = r
			}
		}
		out.Rows = append(out.Rows, row)
	}
	sort.SliceStable(out.Rows, func(i, j int) bool { return out.Rows[i].swing() > out.Rows[j].swing() })
	var forR, against [3]float64
	for k := range ratioNames {
		for side, dst := range []*[3]float64{&forR, &against} {
			r, err := price(extreme(out.Rows, k, side == 1))
			if err != nil {
				return Tornado{}, err
			}
			dst[k] = r.get(k)
		}
	}
	out.For = Ratios{forR[0], forR[1], forR[2]}
	out.Against = Ratios{against[0], against[1], against[2]}
	return out, nil
}

// extreme moves every constant to the end that raises (high) or lowers
// ratio k, as each did alone.
func extreme(rows []TornadoRow, k int, high bool) mover {
	return func(t tech.Table) tech.Table {
		for _, r := range rows {
			end := tech.LowEnd
			if (r.High.get(k) > r.Low.get(k)) == high {
				end = tech.HighEnd
			}
			t = r.Constant.At(t, end)
		}
		return t
	}
}

// Sensitivity is the tornado of every design but the baseline on every
// network, from the runs of a comparison (each re-priced, never
// simulated again).
func Sensitivity(res []Result) ([]Tornado, error) {
	var out []Tornado
	for _, r := range res {
		base := r.Rows[0].Run
		for i := 1; i < len(r.Rows); i++ {
			run := r.Rows[i].Run
			t, err := tornado(tech.Constants(), func(m mover) (Ratios, error) { return repricedRatios(run, base, m) })
			if err != nil {
				return nil, fmt.Errorf("%s, design %q: %w", r.Plan.Network.Name, r.Rows[i].Design, err)
			}
			t.Network, t.Design, t.Baseline = r.Plan.Network.Name, r.Rows[i].Design, r.Rows[0].Design
			out = append(out, t)
		}
	}
	return out, nil
}

// repricedRatios re-prices both runs on their tables moved by m.
func repricedRatios(run, base *sim.NetworkResult, m mover) (Ratios, error) {
	rr, err := run.Repriced(run.Design.WithTech(m(run.Design.Tech())))
	if err != nil {
		return Ratios{}, err
	}
	rb, err := base.Repriced(base.Design.WithTech(m(base.Design.Tech())))
	if err != nil {
		return Ratios{}, err
	}
	e, eb := rr.Cost.Energy.Total(), rb.Cost.Energy.Total()
	return Ratios{
		Energy: e / eb,
		Area:   rr.Cost.Area.Total() / rb.Cost.Area.Total(),
		EDP:    e * rr.Cost.Metrics.ElapsedNs / (eb * rb.Cost.Metrics.ElapsedNs),
	}, nil
}

// WriteSensitivity writes each tornado as a Markdown table: a row per
// constant with its range, the three ratios at its low and high ends,
// then the nominal and the extreme combinations.
func WriteSensitivity(w io.Writer, ts []Tornado) error {
	for _, t := range ts {
		fmt.Fprintf(w, "\n### Sensitivity of %s against %s (%s)\n\n", t.Design, t.Baseline, t.Network)
		fmt.Fprint(w, "Each constant alone at the low and the high end of its range (tech.Constants; README, \"Energy and area\"), every other at its value; "+
			"the tiling is the nominal run's, so only prices move. Ratios are the design's over the baseline's; rows sorted by the energy ratio's swing.\n\n")
		tb := &mdTable{}
		tb.add("constant", "range", "energy ×: low", "high", "area ×: low", "high", "EDP ×: low", "high")
		f := func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
		tb.add("nominal", "", f(t.Nominal.Energy), "", f(t.Nominal.Area), "", f(t.Nominal.EDP), "")
		for _, r := range t.Rows {
			tb.add(r.Constant.Name, rangeText(r.Constant), f(r.Low.Energy), f(r.High.Energy), f(r.Low.Area), f(r.High.Area), f(r.Low.EDP), f(r.High.EDP))
		}
		tb.add("all for "+t.Design, "each at the end lowering that ratio", f(t.For.Energy), "", f(t.For.Area), "", f(t.For.EDP), "")
		tb.add("all against "+t.Design, "each at the end raising that ratio", "", f(t.Against.Energy), "", f(t.Against.Area), "", f(t.Against.EDP))
		if err := tb.write(w); err != nil {
			return err
		}
	}
	return nil
}

// rangeText is a constant's estimates' span at its reference, or its two
// choices for a switch.
func rangeText(c tech.Constant) string {
	if len(c.Estimates) == 0 {
		return "switch"
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, e := range c.Estimates {
		lo, hi = math.Min(lo, e.Value), math.Max(hi, e.Value)
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
	return fmt.Sprintf("%s–%s %s", g(lo), g(hi), c.Unit)
}
