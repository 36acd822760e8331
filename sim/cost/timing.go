package cost

import (
	"fmt"
	"math/bits"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/quant"
	"github.com/logsim/logsim/tech"
)

// Gate-delay model of a PE's register-to-register path, in FO4 inverter
// delays (a documented estimate, not a synthesis result; with the synth
// cost source the synthesized critical path of a spec tech/synth_pes.csv
// has replaces it, PETiming.SynthPathNS):
//
//	flip-flop           clock-to-Q + setup: 3 FO4
//	carry-propagate add N bits, parallel prefix: 2·⌈log2 N⌉ + 4 FO4 (PG, log N
//	                    prefix levels of an AO21 ≈ 2 FO4 each, sum XOR)
//	full adder (3:2)    4 FO4 (two XORs)
//	multiplier a×w      partial-product AND 1 FO4, a Dadda tree reducing
//	                    min(a, w) rows to 2 (its levels × 4 FO4), then one 3:2
//	                    level to merge the partial sum, then the A-bit add
//	barrel shifter      2 FO4 per 2:1 mux stage; sign: one XOR level, 2 FO4
//	one-hot decoder     predecode AND + output AND: 4 FO4
//
// FO4 delay: 0.5 ps per nm of feature size (a recalled rule of thumb that
// gives the 45 ps usually quoted at 90 nm: 22.5 ps at 45 nm, 65 ps at
// 130 nm), at the node's nominal voltage (tech.Table.FO4PS).
const (
	fo4FlipFlop  = 3
	fo4FullAdder = 4
	fo4Mux       = 2
	fo4XOR       = 2
	fo4AND       = 1
	fo4Decoder   = 4
)

// cpaFO4 is an N-bit parallel-prefix adder's delay (FO4).
func cpaFO4(n int) int { return 2*bits.Len(uint(max(n-1, 1))) + 4 }

// daddaLevels is the number of 3:2 levels a Dadda tree needs to reduce h
// rows to two (heights 2, 3, 4, 6, 9, 13, 19, 28, …: each ⌊3/2·d⌋).
func daddaLevels(h int) int {
	levels, d := 0, 2
	for d < h {
		d = d * 3 / 2
		levels++
	}
	return levels
}

// PETiming is a PE's critical path by the gate-delay model: the part
// before the point a pipeline register would cut (the multiplier tree,
// the shifter or the decoder) and after it (the accumulate), flip-flops
// excluded.
type PETiming struct {
	FrontFO4, BackFO4 int     // logic before and after the pipeline cut (FO4)
	FO4PS             float64 // one FO4 delay at the table's node (ps)
	CutBits           int     // bits a pipeline register at the cut holds
	// SynthPathNS, when positive, is the synthesized critical path (synth
	// cost source, OpenSTA at 130 nm scaled to the table's node; ns): the
	// unpipelined path is it, the pipelined one it times the model's
	// ratio of pipelined to unpipelined path (no pipelined PE was
	// synthesized).
	SynthPathNS float64
}

// modelNS is the gate-delay model's path (ns).
func (p PETiming) modelNS(pipelined bool) float64 {
	fo4 := p.FrontFO4 + p.BackFO4 + fo4FlipFlop
	if pipelined {
		fo4 = max(p.FrontFO4, p.BackFO4) + fo4FlipFlop
	}
	return float64(fo4) * p.FO4PS / 1000
}

// PathNS is the register-to-register delay without (false) or with
// (true) the pipeline register (ns).
func (p PETiming) PathNS(pipelined bool) float64 {
	if p.SynthPathNS > 0 {
		return p.SynthPathNS * p.modelNS(pipelined) / p.modelNS(false)
	}
	return p.modelNS(pipelined)
}

// Describe says where the critical path comes from and what it is.
func (p PETiming) Describe() string {
	if p.SynthPathNS > 0 {
		return fmt.Sprintf("its synthesized critical path (sky130, delay-oriented mapping, OpenSTA, scaled by FO4 from 130 nm) is %.3f ns (at most %.0f MHz)",
			p.PathNS(false), p.MaxClockMHz(false))
	}
	return fmt.Sprintf("its critical path by the gate-delay model is %.3f ns (%d + %d + %d FO4 of %.1f ps; at most %.0f MHz)",
		p.PathNS(false), p.FrontFO4, p.BackFO4, fo4FlipFlop, p.FO4PS, p.MaxClockMHz(false))
}

// MaxClockMHz is the highest clock the PE meets, unpipelined or with the
// pipeline register (MHz).
func (p PETiming) MaxClockMHz(pipelined bool) float64 { return 1000 / p.PathNS(pipelined) }

// TimingOf is the gate-delay model of s on table t, with the synthesized
// critical path where the synth source has the spec (fp16 PEs are not
// modelled: an error).
func TimingOf(s pe.Spec, t tech.Table) (PETiming, error) {
	if s.FP16 {
		return PETiming{}, fmt.Errorf("PE %s: no gate-delay model for floating point", s)
	}
	acc := s.Acc()
	back := cpaFO4(acc)
	var front, cut int
	switch s.Kind {
	case pe.Mult:
		front = fo4AND + daddaLevels(min(s.ABits, s.WBits))*fo4FullAdder + fo4FullAdder
		cut = 2 * (s.ABits + s.WBits) // the sum and carry vectors of the product
	case pe.Shift:
		positions := 1<<magBits(s.WBits, true) - 1
		in := s.ABits
		if s.Base == quant.BaseSqrt2 {
			positions, in = positions/2+1, s.ABits+quant.Sqrt2Frac+1
			front += cpaFO4(in) + fo4Mux // x·181 (its adders in a tree, one CPA deep) or x≪7
		}
		out := min(in+positions-1, acc)
		front += stages(positions)*fo4Mux + fo4XOR
		cut = out
	case pe.LogBoth:
		ma, mw := magBits(s.ABits, s.ASigned), magBits(s.WBits, true)
		front = cpaFO4(max(ma, mw)+1) + fo4Decoder + fo4XOR
		cut = min((1<<ma-1)+(1<<mw-1)-1, acc) + 1
	}
	tm := PETiming{FrontFO4: front, BackFO4: back, FO4PS: t.FO4PS(), CutBits: cut}
	if p, ok := t.SynthPEs[s.String()]; ok && t.Source == tech.Synth {
		tm.SynthPathNS = p.PathNS
	}
	return tm, nil
}
