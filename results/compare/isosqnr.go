package compare

import (
	"fmt"
	"strings"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// Widths lists the PE specs the iso-SQNR search tries for s, fewest bits
// first: mult and logboth take equal activation and weight bits (a = w =
// b), shift takes weight bits only (its activations are linear, as a
// multiplier's, and keep their width); b runs over every width
// pe.Spec.Validate accepts for the kind (2–16 for mult, 2–8 for the log
// codes). Everything else in s is kept. mult:fp16 has no width to search.
func Widths(s pe.Spec) []pe.Spec {
	if s.FP16 {
		return nil
	}
	var out []pe.Spec
	for b := 1; b <= 32; b++ {
		c := s
		c.WBits = b
		if s.Kind != pe.Shift {
			c.ABits = b
		}
		if c.Validate() == nil {
			out = append(out, c)
		}
	}
	return out
}

// Tried is one width the search measured.
type Tried struct {
	Spec  pe.Spec
	Value float64 // the measured figure (the metric's unit)
}

// Metric is what a width search measures: the lowest per-layer SQNR (dB)
// or the top-1 accuracy (%). A width qualifies when its value reaches the
// target.
type Metric struct {
	Option string // the option's name in errors, e.g. "iso-sqnr"
	Label  string // the figure, e.g. "lowest layer SQNR"
	Unit   string // "dB" or "%"
}

// The metrics of --iso-sqnr-db and --iso-top1-drop.
var (
	SQNRMetric = Metric{Option: "iso-sqnr", Label: "lowest layer SQNR", Unit: "dB"}
	Top1Metric = Metric{Option: "iso-top1", Label: "top-1", Unit: "%"}
)

// WidthSearch is what a width search found for one design on one
// network: the widths it tried, fewest bits first; the last one tried is
// the first to reach the target.
type WidthSearch struct {
	Metric Metric
	Target float64
	Tried  []Tried
}

// Chosen is the width the search chose.
func (w WidthSearch) Chosen() Tried { return w.Tried[len(w.Tried)-1] }

// SearchWidths measures p's PE at each of Widths(p.PE), fewest bits first,
// with measure (nothing is simulated) and stops at the first whose value
// reaches target. It is an error, naming the PE kind, when none does.
func SearchWidths(p design.Point, net string, m Metric, target float64, measure func(design.Resolved) (float64, error)) (WidthSearch, error) {
	ws := WidthSearch{Metric: m, Target: target}
	for _, s := range Widths(p.PE) {
		at := p
		at.PE = s
		r, err := at.Resolve()
		if err != nil {
			return ws, err
		}
		v, err := measure(r)
		if err != nil {
			return ws, err
		}
		ws.Tried = append(ws.Tried, Tried{Spec: s, Value: v})
		if v >= target {
			return ws, nil
		}
	}
	return ws, unreachable(p.PE, net, ws)
}

func unreachable(s pe.Spec, net string, ws WidthSearch) error {
	m := ws.Metric
	if len(ws.Tried) == 0 {
		return fmt.Errorf("%s: %s has no widths to search", m.Option, s)
	}
	best := ws.Tried[0]
	for _, t := range ws.Tried {
		if t.Value > best.Value {
			best = t
		}
	}
	return fmt.Errorf("%s: no %s width reaches %g %s on %s (tried %s to %s; best %.1f %s at %s)",
		m.Option, s.Kind, ws.Target, m.Unit, net, ws.Tried[0].Spec, ws.Tried[len(ws.Tried)-1].Spec, best.Value, m.Unit, best.Spec)
}

// checkIsoWidths checks, before anything is measured, that the searches
// can run: at most one, what it measures given, and every design with
// widths to search.
func checkIsoWidths(designs []Design, nets []workloads.Network, opts Options) error {
	switch {
	case opts.IsoSQNRdB == nil && opts.IsoTop1Drop == nil:
		return nil
	case opts.IsoSQNRdB != nil && opts.IsoTop1Drop != nil:
		return fmt.Errorf("give --iso-sqnr-db or --iso-top1-drop, not both")
	case opts.IsoSQNRdB != nil && opts.Numerics == nil:
		return fmt.Errorf("iso-sqnr: needs numerics")
	case opts.IsoTop1Drop != nil && len(opts.Accuracy) != len(nets):
		return fmt.Errorf("iso-top1: needs accuracy on every network (models with weights and --data)")
	}
	for _, d := range designs {
		if len(Widths(d.Point.PE)) == 0 {
			return fmt.Errorf("design %q: %s has no widths to search", d.Name, d.Point.PE)
		}
	}
	return nil
}

// searcher is the metric, target and measure of network i's searches.
func (o Options) searcher(nets []workloads.Network, i int) (Metric, float64, func(design.Resolved) (float64, error)) {
	net := nets[i]
	if o.IsoSQNRdB != nil {
		return SQNRMetric, *o.IsoSQNRdB, func(r design.Resolved) (float64, error) { return o.Numerics.MinSQNRdB(net, r) }
	}
	ev := o.Accuracy[i]
	return Top1Metric, 100*ev.Float.Top1 - *o.IsoTop1Drop, func(r design.Resolved) (float64, error) {
		res, err := ev.Run(r.Point().SpecFor)
		return 100 * res.Top1, err
	}
}

// isoWidths searches every design's widths on every network (nil when no
// iso search is on), in parallel; designs whose points differ only in the
// searched widths share one search.
func isoWidths(designs []Design, nets []workloads.Network, opts Options) ([][]WidthSearch, error) {
	if opts.IsoSQNRdB == nil && opts.IsoTop1Drop == nil {
		return nil, nil
	}
	type task struct {
		net   int
		point design.Point
	}
	var tasks []task
	index := map[string]int{}
	at := make([][]int, len(nets)) // [net][design] → task
	for i := range nets {
		for _, d := range designs {
			key := fmt.Sprint(i, "\n", searchKey(d.Point))
			if _, ok := index[key]; !ok {
				index[key] = len(tasks)
				tasks = append(tasks, task{i, d.Point})
			}
			at[i] = append(at[i], index[key])
		}
	}
	found := make([]WidthSearch, len(tasks))
	err := forEach(len(tasks), opts.workers(), func(k int) (err error) {
		t := tasks[k]
		m, target, measure := opts.searcher(nets, t.net)
		if found[k], err = SearchWidths(t.point, nets[t.net].Name, m, target, measure); err != nil {
			return err
		}
		opts.Log.Debug().Str("network", nets[t.net].Name).Stringer("pe", found[k].Chosen().Spec).Msg(m.Option + " search done")
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([][]WidthSearch, len(nets))
	for i := range nets {
		for _, k := range at[i] {
			out[i] = append(out[i], found[k])
		}
	}
	return out, nil
}

// searchKey is the point's text with the searched widths left out.
func searchKey(p design.Point) string {
	p.PE.WBits = 0
	if p.PE.Kind != pe.Shift {
		p.PE.ABits = 0
	}
	return strings.Join(pointText(p), "\n")
}

// apply gives the candidate the chosen widths.
func (w WidthSearch) apply(c candidate) candidate {
	ch := w.Chosen()
	change := fmt.Sprintf("%s → %s", c.point.PE, ch.Spec)
	if ch.Spec == c.point.PE {
		change = fmt.Sprintf("%s kept", ch.Spec)
	}
	m := w.Metric
	note := fmt.Sprintf("%s: %s, %s %.2f %s ≥ %.2f %s", m.Option, change, m.Label, ch.Value, m.Unit, w.Target, m.Unit)
	if n := len(w.Tried); n > 1 {
		note += fmt.Sprintf(" (%s: %.2f %s)", w.Tried[n-2].Spec, w.Tried[n-2].Value, m.Unit)
	}
	c.changes = append(c.changes, note)
	c.point.PE = ch.Spec
	return c
}
