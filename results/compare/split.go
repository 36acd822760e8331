package compare

import (
	"math"
	"slices"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
)

// The split's quanta: every part is rounded to a whole number of them
// before any difference is taken, so the savings add up exactly, in the
// data and as printed.
const (
	EnergyQuantumPJ = 1e3  // 1 nJ
	EnergyDecimals  = 3    // decimals of an energy in µJ: one quantum
	AreaQuantumMM2  = 1e-4 // 100 µm²
	AreaDecimals    = 4    // decimals of an area in mm²: one quantum
)

// Split is where a log-domain design's saving against the baseline comes
// from, by the control runs: the baseline → the multiplier at the log
// design's widths (the control: the effect of fewer bits) → the log design
// (the effect of its arithmetic), per energy part and per area part.
type Split struct {
	Baseline, Control, Log string // design names
	// Differs lists the parameters other than the PE in which the control
	// differs from the baseline (their effect is in the "fewer bits" step).
	Differs []string
	Energy  []SplitLine // one per part, then the total (quanta of EnergyQuantumPJ)
	Area    []SplitLine // one per part, then the total (quanta of AreaQuantumMM2)
	// SQNRdB is the lowest per-layer SQNR of the baseline, the control and
	// the log design, when numerics were measured (nil otherwise).
	SQNRdB []float64
}

// SplitLine is one part of a split, in whole quanta.
type SplitLine struct {
	Part                   string // the part's name, "total" for the sum of the parts
	Baseline, Control, Log int64
}

// Bits is the saving from the baseline to the control.
func (l SplitLine) Bits() int64 { return l.Baseline - l.Control }

// Arithmetic is the saving from the control to the log design.
func (l SplitLine) Arithmetic() int64 { return l.Control - l.Log }

// Total is the saving from the baseline to the log design: Bits +
// Arithmetic, exactly.
func (l SplitLine) Total() int64 { return l.Baseline - l.Log }

// Splits returns a split for every log-domain design that has a control,
// when the baseline is a multiplier PE, in the designs' order.
func Splits(r Result) []Split {
	ds := r.Plan.Designs
	if ds[0].Point.Point().PE.Kind != pe.Mult {
		return nil
	}
	var out []Split
	for i, d := range ds {
		if !d.Point.Point().PE.WLog() {
			continue
		}
		j := slices.IndexFunc(ds, func(c Planned) bool { return slices.Contains(c.ControlFor, d.Name) })
		if j < 0 {
			continue
		}
		out = append(out, splitOf(ds[0], ds[j], d, r.Rows[0].Run, r.Rows[j].Run, r.Rows[i].Run))
	}
	return out
}

func splitOf(base, ctl, log Planned, b, c, l *sim.NetworkResult) Split {
	s := Split{Baseline: splitName(base), Control: splitName(ctl), Log: splitName(log), Differs: differs(base.Point.Point(), ctl.Point.Point())}
	runs := []*sim.NetworkResult{b, c, l}
	for _, p := range cost.EnergyParts() {
		s.Energy = append(s.Energy, line(p.String(), runs, func(r *sim.NetworkResult) float64 { return r.Cost.Energy[p] / EnergyQuantumPJ }))
	}
	for _, p := range cost.AreaParts() {
		s.Area = append(s.Area, line(p.String(), runs, func(r *sim.NetworkResult) float64 { return r.Cost.Area[p] / AreaQuantumMM2 }))
	}
	s.Energy = append(s.Energy, total(s.Energy))
	s.Area = append(s.Area, total(s.Area))
	for _, r := range runs {
		if m, ok := r.MinSQNRdB(); ok {
			s.SQNRdB = append(s.SQNRdB, m)
		}
	}
	return s
}

// splitName names a design in a split by the PE it ran with: its name,
// followed by "as SPEC" when planning (iso-SQNR, iso-top-1) gave it
// another PE spec than the one its name says.
func splitName(p Planned) string {
	spec := p.Point.Point().PE.String()
	if len(p.Changes) == 0 || spec == p.Name {
		return p.Name
	}
	return p.Name + " as " + spec
}

// line rounds one part of the three runs to whole quanta.
func line(part string, runs []*sim.NetworkResult, quanta func(*sim.NetworkResult) float64) SplitLine {
	q := func(r *sim.NetworkResult) int64 { return int64(math.Round(quanta(r))) }
	return SplitLine{Part: part, Baseline: q(runs[0]), Control: q(runs[1]), Log: q(runs[2])}
}

// total sums the parts.
func total(parts []SplitLine) SplitLine {
	t := SplitLine{Part: "total"}
	for _, p := range parts {
		t.Baseline += p.Baseline
		t.Control += p.Control
		t.Log += p.Log
	}
	return t
}

// differs lists the parameters, other than the PE, in which a and b differ.
func differs(a, b design.Point) []string {
	var keys []string
	for _, pr := range design.Params() {
		if pr.Key != "pe" && pr.Get(a) != pr.Get(b) {
			keys = append(keys, pr.Key)
		}
	}
	return keys
}
