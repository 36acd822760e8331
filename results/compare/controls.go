package compare

import (
	"fmt"
	"slices"

	"github.com/logsim/logsim/pe"
)

// addControls adds, when the designs hold a multiplier PE, the multiplier
// at each log-domain design's widths (MultAt) unless a design already is
// that point; controls are appended after the given designs, one per
// distinct point, named by their PE spec (or "<log design>-control" when
// that name is taken).
func addControls(cs []candidate) []candidate {
	if !slices.ContainsFunc(cs, func(c candidate) bool { return c.point.PE.Kind == pe.Mult }) {
		return cs
	}
	given := len(cs)
	for i := 0; i < given; i++ {
		if !cs[i].point.PE.WLog() {
			continue
		}
		ctl := cs[i].point
		ctl.PE = MultAt(ctl.PE)
		if j := slices.IndexFunc(cs, func(c candidate) bool { return samePoint(c.point, ctl) }); j >= 0 {
			cs[j].controlFor = append(cs[j].controlFor, cs[i].name)
			continue
		}
		cs = append(cs, candidate{name: controlName(cs, ctl.PE.String(), cs[i].name), role: Control,
			controlFor: []string{cs[i].name}, point: ctl})
	}
	return cs
}

// MultAt is the multiplier PE at a log-domain PE's widths: the same
// activation and weight bits, activation signedness, accumulator width,
// fractional bits and overflow rule. FSRs, rounding and base are the
// log code's own and are left to the multiplier's defaults.
func MultAt(s pe.Spec) pe.Spec {
	return pe.Spec{Kind: pe.Mult, ABits: s.ABits, WBits: s.WBits, ASigned: s.ASigned,
		AccBits: s.AccBits, Frac: s.Frac, Ovf: s.Ovf}
}

// controlName is name unless a design has it, else "<of>-control" (with a
// number if that is taken too).
func controlName(cs []candidate, name, of string) string {
	taken := func(n string) bool {
		return slices.ContainsFunc(cs, func(c candidate) bool { return c.name == n })
	}
	if !taken(name) {
		return name
	}
	name = of + "-control"
	for k := 2; taken(name); k++ {
		name = fmt.Sprintf("%s-control-%d", of, k)
	}
	return name
}
