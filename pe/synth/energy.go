package synth

import "fmt"

// Energy is a gate-level simulation's energy by the Liberty tables, in pJ
// over the simulated window.
type Energy struct {
	// InternalPJ is the cells' internal energy: per output transition from
	// the output pin's rise/fall tables at the stated input slew and the
	// net's load, averaged over the pin's timing arcs (a zero-delay
	// simulation does not tell which input caused it), plus the input
	// pins' own tables per input transition. Clock net excluded.
	InternalPJ float64
	// SwitchingPJ is ½·C·V² per transition on every net but the clock,
	// C the input capacitance of the pins it drives (no wire).
	SwitchingPJ float64
	// ClockPJ is the clock net's: the clock pins' internal energy and
	// ½·C·V² on their capacitance, per clock transition.
	ClockPJ float64
	// CombPJ and SeqPJ split InternalPJ + SwitchingPJ by who spends it:
	// combinational cells (their pins' internal energy, the nets they
	// drive) and flip-flops (their data pins, the nets they drive, and the
	// PE's input nets, which load registers).
	CombPJ, SeqPJ float64
}

// TotalPJ is the dynamic energy (pJ).
func (e Energy) TotalPJ() float64 { return e.InternalPJ + e.SwitchingPJ + e.ClockPJ }

// add charges pj to the clock, or to the combinational or sequential part
// and to the internal or switching total.
func (e *Energy) add(pj float64, clock, seq, internal bool) {
	switch {
	case clock:
		e.ClockPJ += pj
		return
	case seq:
		e.SeqPJ += pj
	default:
		e.CombPJ += pj
	}
	if internal {
		e.InternalPJ += pj
	} else {
		e.SwitchingPJ += pj
	}
}

// Price prices the toggles of netlist n by lib's tables at input slew
// slewNS (ns). clock is the clock net's bit.
func Price(n *Netlist, lib *Library, t Toggles, clock int, slewNS float64) (Energy, error) {
	load := map[int]float64{}
	combDriven := map[int]bool{} // nets driven by a combinational cell
	for _, c := range n.Cells {
		cell, ok := lib.Cells[c.Type]
		if !ok {
			return Energy{}, fmt.Errorf("cell %s: type %s is not in library %s", c.Name, c.Type, lib.Name)
		}
		for pin, b := range c.Pins {
			p, ok := cell.Pins[pin]
			if !ok {
				return Energy{}, fmt.Errorf("cell %s (%s): no pin %s in the library", c.Name, c.Type, pin)
			}
			if !p.Output {
				load[b] += p.CapPF
			} else if !cell.Sequential {
				combDriven[b] = true
			}
		}
	}
	v2 := lib.VoltageV * lib.VoltageV
	var e Energy
	for b, c := range load {
		if b < 0 {
			continue
		}
		e.add(float64(t.Rise[b]+t.Fall[b])*0.5*c*v2, b == clock, !combDriven[b], false)
	}
	for _, c := range n.Cells {
		cell := lib.Cells[c.Type]
		for pin, b := range c.Pins {
			if b < 0 {
				continue
			}
			p := cell.Pins[pin]
			rise, fall := meanInternal(p.Internal, slewNS, load[b])
			e.add(float64(t.Rise[b])*rise+float64(t.Fall[b])*fall, b == clock, cell.Sequential, true)
		}
	}
	return e, nil
}

// meanInternal is the mean energy per rise and per fall over a pin's
// internal_power groups at slew (ns) and load (pF).
func meanInternal(groups []InternalPower, slew, load float64) (rise, fall float64) {
	if len(groups) == 0 {
		return 0, 0
	}
	for _, g := range groups {
		rise += g.Rise.At(slew, load)
		fall += g.Fall.At(slew, load)
	}
	k := float64(len(groups))
	return rise / k, fall / k
}

// Leakage is the netlist's leakage: the sum of its cells'
// cell_leakage_power (nW, state-averaged as the library gives it), in
// total and of its combinational cells.
func Leakage(n *Netlist, lib *Library) (total, comb float64) {
	for _, c := range n.Cells {
		cell := lib.Cells[c.Type]
		total += cell.LeakageNW
		if !cell.Sequential {
			comb += cell.LeakageNW
		}
	}
	return total, comb
}
