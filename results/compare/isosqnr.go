package compare

import (
	"fmt"
	"strings"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim"
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
	Spec   pe.Spec
	SQNRdB float64 // lowest per-layer SQNR on the network (dB)
}

// WidthSearch is what the iso-SQNR search found for one design on one
// network: the widths it tried, fewest bits first; the last one tried is
// the first to reach the target.
type WidthSearch struct {
	Target float64 // dB
	Tried  []Tried
}

// Chosen is the width the search chose.
func (w WidthSearch) Chosen() Tried { return w.Tried[len(w.Tried)-1] }

// SearchWidths measures p's PE at each of Widths(p.PE), fewest bits first,
// on net (numerics only, nothing is simulated) and stops at the first
// whose lowest per-layer SQNR reaches target. It is an error, naming the
// PE kind, when none does.
func SearchWidths(p design.Point, net workloads.Network, num *sim.Numerics, target float64) (WidthSearch, error) {
	ws := WidthSearch{Target: target}
	for _, s := range Widths(p.PE) {
		at := p
		at.PE = s
		r, err := at.Resolve()
		if err != nil {
			return ws, err
		}
		m, err := num.MinSQNRdB(net, r)
		if err != nil {
			return ws, err
		}
		ws.Tried = append(ws.Tried, Tried{Spec: s, SQNRdB: m})
		if m >= target {
			return ws, nil
		}
	}
	return ws, unreachable(p.PE, net.Name, ws)
}

func unreachable(s pe.Spec, net string, ws WidthSearch) error {
	if len(ws.Tried) == 0 {
		return fmt.Errorf("iso-sqnr: %s has no widths to search", s)
	}
	best := ws.Tried[0]
	for _, t := range ws.Tried {
		if t.SQNRdB > best.SQNRdB {
			best = t
		}
	}
	return fmt.Errorf("iso-sqnr: no %s width reaches %g dB on %s (tried %s to %s; best %.1f dB at %s)",
		s.Kind, ws.Target, net, ws.Tried[0].Spec, ws.Tried[len(ws.Tried)-1].Spec, best.SQNRdB, best.Spec)
}

// checkIsoSQNR checks, before anything is measured, that the search can
// run: numerics on, and every design with widths to search.
func checkIsoSQNR(designs []Design, opts Options) error {
	if opts.IsoSQNRdB == nil {
		return nil
	}
	if opts.Numerics == nil {
		return fmt.Errorf("iso-sqnr: needs numerics")
	}
	for _, d := range designs {
		if len(Widths(d.Point.PE)) == 0 {
			return fmt.Errorf("iso-sqnr: design %q: %s has no widths to search", d.Name, d.Point.PE)
		}
	}
	return nil
}

// isoSQNRWidths searches every design's widths on every network (nil when
// iso-SQNR is off), in parallel; designs whose points differ only in the
// searched widths share one search.
func isoSQNRWidths(designs []Design, nets []workloads.Network, opts Options) ([][]WidthSearch, error) {
	if opts.IsoSQNRdB == nil {
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
		if found[k], err = SearchWidths(t.point, nets[t.net], opts.Numerics, *opts.IsoSQNRdB); err != nil {
			return err
		}
		opts.Log.Debug().Str("network", nets[t.net].Name).Stringer("pe", found[k].Chosen().Spec).Msg("iso-sqnr search done")
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
	note := fmt.Sprintf("iso-SQNR: %s, lowest layer SQNR %.1f dB ≥ %g dB", change, ch.SQNRdB, w.Target)
	if n := len(w.Tried); n > 1 {
		note += fmt.Sprintf(" (%s: %.1f dB)", w.Tried[n-2].Spec, w.Tried[n-2].SQNRdB)
	}
	c.changes = append(c.changes, note)
	c.point.PE = ch.Spec
	return c
}
