package cost

import (
	"fmt"
	"math/bits"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/pe/quant"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/tech"
)

// MACEnergy is the energy of one MAC in one PE (pJ), by component. Energies
// assume the average switching activity behind the source tables (tech
// package doc); data-dependent activity is not modelled.
type MACEnergy struct {
	MultiplierPJ  float64 // integer or fp16 multiplier (mult)
	ShifterPJ     float64 // barrel shifter (shift)
	ExpAdderPJ    float64 // exponent adder (logboth)
	DecoderPJ     float64 // one-hot decoder (logboth)
	Sqrt2PJ       float64 // √2 correction: shift-adds (shift) or pattern select (logboth), base √2 only
	SignPJ        float64 // sign handling: conditional-negate XORs and the sign XOR
	AccumulatorPJ float64 // accumulator adder (fp32 adder for fp16)
	// LogicPJ is the synthesized logic of the synth cost source (all the
	// above in one netlist; they are zero then).
	LogicPJ    float64
	RegisterPJ float64 // registers per MAC: RegisterClockPJ + RegisterDataPJ
	// RegisterClockPJ is the clock energy of the flip-flops clocked in a MAC
	// cycle (streamed and partial-sum registers; stationary ones too
	// without clock gating); RegisterDataPJ the energy of their bits that
	// toggle (RegisterActivity).
	RegisterClockPJ, RegisterDataPJ float64
}

// ArithmeticPJ is the energy of the arithmetic, registers excluded (pJ).
func (e MACEnergy) ArithmeticPJ() float64 {
	return e.MultiplierPJ + e.ShifterPJ + e.ExpAdderPJ + e.DecoderPJ + e.Sqrt2PJ + e.SignPJ + e.AccumulatorPJ + e.LogicPJ
}

// TotalPJ is the energy of one MAC, registers included (pJ).
func (e MACEnergy) TotalPJ() float64 { return e.ArithmeticPJ() + e.RegisterPJ }

// PEArea is the area of one PE (µm²), by component.
type PEArea struct {
	MultiplierUM2  float64
	ShifterUM2     float64
	ExpAdderUM2    float64
	DecoderUM2     float64
	Sqrt2UM2       float64
	SignUM2        float64
	AccumulatorUM2 float64
	LogicUM2       float64 // the synthesized logic of the synth cost source (the others are zero then)
	RegisterUM2    float64 // every register bit of the PE, shadow registers included
}

// ArithmeticUM2 is the area of the arithmetic, registers excluded (µm²).
func (a PEArea) ArithmeticUM2() float64 {
	return a.MultiplierUM2 + a.ShifterUM2 + a.ExpAdderUM2 + a.DecoderUM2 + a.Sqrt2UM2 + a.SignUM2 + a.AccumulatorUM2 + a.LogicUM2
}

// TotalUM2 is the area of one PE (µm²).
func (a PEArea) TotalUM2() float64 { return a.ArithmeticUM2() + a.RegisterUM2 }

// Registers counts the register bits of one PE under a dataflow and timing
// (design.md §6).
type Registers struct {
	BitsPerPE        int // register bits in the PE, shadow registers included
	WriteBitsPerMAC  int // bits written per MAC
	WriteBitsPerFold int // bits written per PE per fold (stationary operand loads)
}

// Edge is the cost of the units at the array edge.
type Edge struct {
	// EncoderPJ is the energy of one output conversion (accumulator to the
	// activation code: linear-to-log encoder or requantizer), per output
	// element (pJ); EncoderUM2 its area, one per column (µm²).
	EncoderPJ  float64
	EncoderUM2 float64
	// PsumAdderPJ is the energy of one partial-sum addition at the array
	// edge (accumulator width) (pJ); PsumAdderUM2 its area per column (µm²).
	PsumAdderPJ  float64
	PsumAdderUM2 float64
	// LeakageMWPerColumn is the logic leakage of one column's edge units (mW).
	LeakageMWPerColumn float64
}

// PE is the cost model of one PE spec for a technology table, dataflow
// and timing mode (formulas in the package doc).
type PE struct {
	Spec     pe.Spec
	Dataflow dataflow.Dataflow
	Timing   dataflow.Timing
	PerMAC   MACEnergy // pJ per MAC
	Regs     Registers // register bits
	// FoldPJPerPE is the register-write energy of one PE per fold (the
	// stationary operand's load, and its shadow transfer when pipelined) (pJ).
	FoldPJPerPE float64
	Area        PEArea // µm² per PE
	// LeakageMWPerPE is the logic leakage of one PE (mW): area × density.
	LeakageMWPerPE float64
	// PipelineBits is the pipeline register added to meet the clock
	// (AddPipeline), 0 without one; it is in Regs, PerMAC and Area.
	PipelineBits int
	Edge         Edge
	synthLeakMW  float64 // leakage of synthesized logic (synth source), mW
}

// stages is ⌈log2 n⌉, the mux stages to select among n positions.
func stages(n int) int {
	if n <= 1 {
		return 0
	}
	return bits.Len(uint(n - 1))
}

// magBits is the magnitude-field width of a log code.
func magBits(b int, signed bool) int {
	if signed {
		return b - 1
	}
	return b
}

// RegisterActivity is how a PE's registers are clocked and how often
// their bits toggle.
type RegisterActivity struct {
	// Toggles are the fractions of bits that change per clocked write, by
	// register (activation, weight, accumulator).
	Toggles numerics.Toggles
	// ClockGating gates the clock of stationary registers while they hold
	// their value: they cost nothing between loads; without it, their
	// clock energy every MAC cycle.
	ClockGating bool
}

// DefaultToggleRate is the stated default toggle rate of every register
// bit (--activity default): random data, half the bits change, the rate
// the register source's energy assumes (tech.RegisterToggleRateSource).
const DefaultToggleRate = tech.RegisterToggleRateSource

// DefaultActivity is the default register activity: every bit at
// DefaultToggleRate, stationary registers clock-gated.
func DefaultActivity() RegisterActivity {
	r := DefaultToggleRate
	return RegisterActivity{Toggles: numerics.Toggles{Act: r, Weight: r, Acc: r}, ClockGating: true}
}

// ActivityFor is the register activity of --activity mode ("default" or
// "measured": toggle rates measured on the numerics module's default
// synthetic operands, numerics.MeasureToggles) with clock gating on or
// off.
func ActivityFor(mode string, s pe.Spec, gating bool) (RegisterActivity, error) {
	a := DefaultActivity()
	a.ClockGating = gating
	switch mode {
	case "", design.ActivityDefault:
		return a, nil
	case design.ActivityMeasured:
		tg, err := numerics.MeasureToggles(s, numerics.DefaultWeights, numerics.DefaultSeed)
		if err != nil {
			return RegisterActivity{}, fmt.Errorf("activity measured: %w", err)
		}
		a.Toggles = tg
		return a, nil
	}
	return RegisterActivity{}, fmt.Errorf("unknown register activity %q (want default or measured)", mode)
}

// PEOf returns the cost model of s with the default register activity
// (see the package doc for every formula).
func PEOf(s pe.Spec, t tech.Table, df dataflow.Dataflow, tm dataflow.Timing) (PE, error) {
	return PEOfWith(s, t, df, tm, DefaultActivity())
}

// PEOfWith returns the cost model of s with register activity act.
func PEOfWith(s pe.Spec, t tech.Table, df dataflow.Dataflow, tm dataflow.Timing, act RegisterActivity) (PE, error) {
	if err := s.Validate(); err != nil {
		return PE{}, fmt.Errorf("PE %s: %w", s, err)
	}
	c := PE{Spec: s, Dataflow: df, Timing: tm}
	acc := s.Acc()
	if s.FP16 {
		acc = 32
	}
	synthLeakMW, err := c.logic(t, acc)
	if err != nil {
		return PE{}, err
	}
	regs, err := RegistersOf(s, df, tm)
	if err != nil {
		return PE{}, err
	}
	c.Regs = regs
	c.registerEnergy(t, act, acc)
	c.Area.RegisterUM2 = t.RegisterAreaUM2(regs.BitsPerPE)
	c.synthLeakMW = synthLeakMW
	c.LeakageMWPerPE = c.leakageMW(t)
	c.Edge = edgeCost(s, t, acc)
	return c, nil
}

// registerEnergy prices the registers (RegistersOf's bits): every MAC
// cycle the streamed operand and partial-sum registers are clocked and
// their bits toggle at their rates; stationary registers (WS w, IS a, and
// the pipelined shadow) hold their value and cost their clock energy
// unless clock-gated; a fold loads the stationary operand (and, pipelined,
// copies it), clocked bits toggling at that operand's rate. A bit clocked
// and toggling at rate α costs clock + α·toggle energy
// (tech.Table.RegisterClockPJ, RegisterTogglePJ).
func (c *PE) registerEnergy(t tech.Table, act RegisterActivity, accBits int) {
	s, tg := c.Spec, act.Toggles
	bit := func(bits int, rate float64) (clock, data float64) {
		return t.RegisterClockPJ(float64(bits)), t.RegisterTogglePJ(float64(bits) * rate)
	}
	type reg struct {
		bits int
		rate float64
	}
	var streamed []reg
	held, foldRate := c.Regs.BitsPerPE-c.Regs.WriteBitsPerMAC, tg.Acc
	switch c.Dataflow {
	case dataflow.WS:
		streamed, foldRate = []reg{{s.ABits, tg.Act}, {accBits, tg.Acc}}, tg.Weight
	case dataflow.IS:
		streamed, foldRate = []reg{{s.WBits, tg.Weight}, {accBits, tg.Acc}}, tg.Act
	default:
		streamed = []reg{{s.ABits, tg.Act}, {s.WBits, tg.Weight}, {accBits, tg.Acc}}
	}
	e := &c.PerMAC
	for _, r := range streamed {
		clk, data := bit(r.bits, r.rate)
		e.RegisterClockPJ += clk
		e.RegisterDataPJ += data
	}
	if !act.ClockGating {
		e.RegisterClockPJ += t.RegisterClockPJ(float64(held))
	}
	e.RegisterPJ = e.RegisterClockPJ + e.RegisterDataPJ
	clk, data := bit(c.Regs.WriteBitsPerFold, foldRate)
	c.FoldPJPerPE = clk + data
}

// logic prices the PE's arithmetic: with the synth source (integer PEs)
// from the synthesized netlist, whose leakage (mW) it returns, else by
// the table's primitives (arithmetic).
func (c *PE) logic(t tech.Table, acc int) (leakMW float64, err error) {
	if t.Source != tech.Synth || c.Spec.FP16 {
		c.arithmetic(t, acc)
		return 0, nil
	}
	p, err := t.SynthPEs.Lookup(c.Spec.String())
	if err != nil {
		return 0, err
	}
	c.PerMAC.LogicPJ, c.Area.LogicUM2 = p.LogicPJ, p.LogicUM2
	return p.LeakageMW, nil
}

// arithmetic fills the per-MAC energy and the area of the arithmetic.
func (c *PE) arithmetic(t tech.Table, acc int) {
	s := c.Spec
	e, a := &c.PerMAC, &c.Area
	if s.FP16 {
		e.MultiplierPJ, a.MultiplierUM2 = t.FP.FP16MultPJ, t.FP.FP16MultUM2
		e.AccumulatorPJ, a.AccumulatorUM2 = t.FP.FP32AddPJ, t.FP.FP32AddUM2
		return
	}
	e.AccumulatorPJ, a.AccumulatorUM2 = t.AdderEnergyPJ(acc), t.AdderAreaUM2(acc)
	sqrt2 := s.Base == quant.BaseSqrt2
	switch s.Kind {
	case pe.Mult:
		e.MultiplierPJ, a.MultiplierUM2 = t.MultEnergyPJ(s.ABits, s.WBits), t.MultAreaUM2(s.ABits, s.WBits)
	case pe.Shift:
		positions := 1<<magBits(s.WBits, true) - 1 // weight exponents
		in := s.ABits
		if sqrt2 {
			positions = positions/2 + 1 // integer shifts of the half-step exponents
			in = s.ABits + quant.Sqrt2Frac + 1
			// x·181 by Sqrt2Adders adders of in bits, then a 2:1 mux choosing
			// x·181 or x≪7 (in mux bits, shifter mux model).
			e.Sqrt2PJ = float64(quant.Sqrt2Adders)*t.AdderEnergyPJ(in) + t.ShifterEnergyPJ(in, 1)
			a.Sqrt2UM2 = float64(quant.Sqrt2Adders)*t.AdderAreaUM2(in) + t.ShifterAreaUM2(in, 1)
		}
		out := min(in+positions-1, acc)
		st := stages(positions)
		e.ShifterPJ, a.ShifterUM2 = t.ShifterEnergyPJ(out, st), t.ShifterAreaUM2(out, st)
		// Conditional negation of the shifter output (XOR per bit; the +1
		// enters as the accumulator adder's carry-in).
		e.SignPJ, a.SignUM2 = t.GateEnergyPJ(out), t.GateAreaUM2(out)
	case pe.LogBoth:
		ma, mw := magBits(s.ABits, s.ASigned), magBits(s.WBits, true)
		expBits := max(ma, mw) + 1
		e.ExpAdderPJ, a.ExpAdderUM2 = t.AdderEnergyPJ(expBits), t.AdderAreaUM2(expBits)
		positions := (1<<ma - 1) + (1<<mw - 1) - 1 // distinct exponent sums
		width := 1                                 // the decoded pattern: a single one
		if sqrt2 {
			positions = positions/2 + 1
			width = quant.Sqrt2Frac + 1 // 1.0110101 or 1.0000000
			// Selecting the 8-bit pattern by the sum's parity: 8 mux bits.
			e.Sqrt2PJ, a.Sqrt2UM2 = t.ShifterEnergyPJ(width, 1), t.ShifterAreaUM2(width, 1)
		}
		out := min(positions+width-1, acc)
		st := stages(positions)
		e.DecoderPJ, a.DecoderUM2 = t.DecoderEnergyPJ(out, st), t.DecoderAreaUM2(out, st)
		// Sign XOR of the two operand signs plus the conditional negation.
		e.SignPJ, a.SignUM2 = t.GateEnergyPJ(out+1), t.GateAreaUM2(out+1)
	}
}

// RegistersOf counts the register bits of one PE (design.md §6), with a and
// w the operand code widths and A the accumulator width:
//
//	WS  per MAC a + A (activation pipeline, partial sum); stationary weight w,
//	    written once per fold
//	OS  per MAC a + w + A (both pipelines, accumulator); stationary output:
//	    the accumulator itself
//	IS  per MAC w + A (weight pipeline, partial sum); stationary input a,
//	    written once per fold
//
// Pipelined timing adds a shadow register for the stationary operand (WS w,
// IS a, OS the A-bit output register): it is written once per fold (the
// preload, or the drain copy for OS) and, for WS and IS, copied into the
// active register once per fold, so the fold writes 2w (2a) bits, and A
// bits for OS.
func RegistersOf(s pe.Spec, df dataflow.Dataflow, tm dataflow.Timing) (Registers, error) {
	a, w, acc := s.ABits, s.WBits, s.Acc()
	if s.FP16 {
		acc = 32
	}
	pipelined := tm == dataflow.Pipelined
	if tm != dataflow.Pipelined && tm != dataflow.ScaleSim {
		return Registers{}, fmt.Errorf("unknown timing mode %v", tm)
	}
	var r Registers
	switch df {
	case dataflow.WS, dataflow.IS:
		streamed, stationary := a, w
		if df == dataflow.IS {
			streamed, stationary = w, a
		}
		r = Registers{BitsPerPE: streamed + acc + stationary, WriteBitsPerMAC: streamed + acc, WriteBitsPerFold: stationary}
		if pipelined {
			r.BitsPerPE += stationary
			r.WriteBitsPerFold += stationary
		}
	case dataflow.OS:
		r = Registers{BitsPerPE: a + w + acc, WriteBitsPerMAC: a + w + acc}
		if pipelined {
			r.BitsPerPE += acc
			r.WriteBitsPerFold = acc
		}
	default:
		return Registers{}, fmt.Errorf("unknown dataflow %v", df)
	}
	return r, nil
}

// edgeCost is the cost of the output encoder and the partial-sum adder of
// one column (see the package doc).
func edgeCost(s pe.Spec, t tech.Table, acc int) Edge {
	ed := Edge{PsumAdderPJ: t.AdderEnergyPJ(acc), PsumAdderUM2: t.AdderAreaUM2(acc)}
	outBits := s.ABits
	if s.FP16 {
		// fp32 partial sums add in an fp32 adder; the fp32 → fp16 rounding is
		// modelled as the linear requantizer below on the 24-bit significand
		// (no source gives a converter's cost).
		ed.PsumAdderPJ, ed.PsumAdderUM2 = t.FP.FP32AddPJ, t.FP.FP32AddUM2
		acc, outBits = 24, 16
	}
	lg := stages(acc)
	// Both encoders: a normalising or aligning barrel shifter of acc bits and
	// ⌈log2 acc⌉ stages, and the output code register.
	ePJ := t.ShifterEnergyPJ(acc, lg) + t.RegisterWriteEnergyPJ(outBits)
	aUM2 := t.ShifterAreaUM2(acc, lg) + t.RegisterAreaUM2(outBits)
	if s.ALog() {
		// Leading-one detector (acc·⌈log2 acc⌉ gates), threshold comparators
		// of acc − 1 bits (adder model; none for base-2 linear rounding,
		// which reads one bit), and the exponent arithmetic: p − F + up, the
		// clamp and the underflow compare (3 adders of ⌈log2 acc⌉ + 3 bits).
		cmp := float64(len(thresholdCount(s)))
		ePJ += t.GateEnergyPJ(acc*lg) + cmp*t.AdderEnergyPJ(acc-1) + 3*t.AdderEnergyPJ(lg+3)
		aUM2 += t.GateAreaUM2(acc*lg) + cmp*t.AdderAreaUM2(acc-1) + 3*t.AdderAreaUM2(lg+3)
	} else {
		// Round-half-away adder of acc bits and the clamp (overflow detection
		// and output select: acc + outBits gates).
		ePJ += t.AdderEnergyPJ(acc) + t.GateEnergyPJ(acc+outBits)
		aUM2 += t.AdderAreaUM2(acc) + t.GateAreaUM2(acc+outBits)
	}
	ed.EncoderPJ, ed.EncoderUM2 = ePJ, aUM2
	ed.LeakageMWPerColumn = t.LogicLeakageMW(ed.EncoderUM2 + ed.PsumAdderUM2)
	return ed
}

// thresholdCount lists the irrational thresholds the log encoder compares
// against (one entry per comparator).
func thresholdCount(s pe.Spec) []string {
	switch {
	case s.Base == quant.Base2 && s.Round == quant.LogRound:
		return []string{"√2"}
	case s.Base == quant.Base2:
		return nil // 1.5: the bit after the leading one
	case s.Round == quant.LogRound:
		return []string{"2^(1/4)", "2^(3/4)"}
	}
	return []string{"(1+√2)/2", "(2+√2)/2"}
}

// AddPipeline adds a pipeline register of bits bits at the PE's pipeline
// cut (TimingOf): clocked every MAC, its bits toggling at the activation
// rate, its area and leakage added.
func (c *PE) AddPipeline(t tech.Table, act RegisterActivity, bits int) {
	c.PipelineBits = bits
	clk, data := t.RegisterClockPJ(float64(bits)), t.RegisterTogglePJ(float64(bits)*act.Toggles.Act)
	c.PerMAC.RegisterClockPJ += clk
	c.PerMAC.RegisterDataPJ += data
	c.PerMAC.RegisterPJ += clk + data
	c.Regs.BitsPerPE += bits
	c.Regs.WriteBitsPerMAC += bits
	c.Area.RegisterUM2 += t.RegisterAreaUM2(bits)
	c.LeakageMWPerPE = c.leakageMW(t)
}

// leakageMW is the PE's leakage: the table's density over its area, but
// for synthesized logic, which leaks what the synthesis said.
func (c *PE) leakageMW(t tech.Table) float64 {
	return t.LogicLeakageMW(c.Area.TotalUM2()-c.Area.LogicUM2) + c.synthLeakMW
}
