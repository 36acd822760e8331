package pe

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/logsim/logsim/pe/quant"
)

// Kind is the arithmetic of a PE.
type Kind int

// The PE kinds (design.md §1).
const (
	Mult    Kind = iota // integer multiplier + accumulator (or fp16 × fp16 → fp32)
	Shift               // log weight, linear activation: barrel shifter + accumulator
	LogBoth             // log weight and activation: exponent adder + decoder + accumulator
)

// String returns the spec name of the kind.
func (k Kind) String() string {
	switch k {
	case Mult:
		return "mult"
	case Shift:
		return "shift"
	case LogBoth:
		return "logboth"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Overflow is what the accumulator does with a sum that does not fit.
type Overflow int

// The overflow rules. Saturate is the default.
const (
	Saturate Overflow = iota // clamp to the largest or smallest value
	Wrap                     // keep the low AccBits bits (two's complement)
)

// String returns "sat" or "wrap".
func (o Overflow) String() string {
	if o == Wrap {
		return "wrap"
	}
	return "sat"
}

// OptInt is an integer that may be left to a default ("auto").
type OptInt struct {
	Set   bool // false means auto
	Value int  // meaningful when Set
}

// String returns "auto" or the value.
func (o OptInt) String() string {
	if !o.Set {
		return "auto"
	}
	return strconv.Itoa(o.Value)
}

// DefaultAccBits is the default accumulator width (bits), design.md §7.
const DefaultAccBits = 32

// Spec describes one PE: its kind, operand codes and accumulator. The zero
// values of the optional fields are the defaults. Bit counts are total bits
// of the code, sign included. Weights are always signed.
type Spec struct {
	Kind    Kind
	FP16    bool // mult:fp16 — fp16 operands, fp32 accumulation (reference PE)
	ABits   int  // activation code bits
	WBits   int  // weight code bits
	ASigned bool // signed activations (as8); false: unsigned post-ReLU (a8)
	AccBits int  // accumulator width (bits); 0 means DefaultAccBits
	Frac    OptInt
	FSRA    OptInt // activation FSR (units of the activation code's base)
	FSRW    OptInt // weight FSR
	Round   quant.Rounding
	Base    quant.Base
	Ovf     Overflow
}

// Acc returns the accumulator width (bits), DefaultAccBits if unset.
func (s Spec) Acc() int {
	if s.AccBits == 0 {
		return DefaultAccBits
	}
	return s.AccBits
}

// ALog reports whether activations are log-coded; WLog whether weights are.
func (s Spec) ALog() bool { return s.Kind == LogBoth }

// WLog reports whether weights are log-coded.
func (s Spec) WLog() bool { return s.Kind == Shift || s.Kind == LogBoth }

// ActQuantizer returns the activation quantizer at the given FSR.
func (s Spec) ActQuantizer(fsr int) quant.Quantizer {
	if s.FP16 {
		return quant.FP16{}
	}
	if s.ALog() {
		return quant.Log{Bits: s.ABits, Signed: s.ASigned, FSR: fsr, Base: s.Base, Round: s.Round}
	}
	return quant.Linear{Bits: s.ABits, Signed: s.ASigned, FSR: fsr}
}

// WeightQuantizer returns the weight quantizer at the given FSR.
func (s Spec) WeightQuantizer(fsr int) quant.Quantizer {
	if s.FP16 {
		return quant.FP16{}
	}
	if s.WLog() {
		return quant.Log{Bits: s.WBits, Signed: true, FSR: fsr, Base: s.Base, Round: s.Round}
	}
	return quant.Linear{Bits: s.WBits, Signed: true, FSR: fsr}
}

// ActFSR is the activation FSR: the spec's if given, else the smallest
// that does not clip maxAbs.
func (s Spec) ActFSR(maxAbs float64) int {
	if s.FSRA.Set {
		return s.FSRA.Value
	}
	if s.ALog() {
		return quant.LogFSR(maxAbs, s.Base, s.Round)
	}
	return quant.LinearFSR(maxAbs, s.ABits, s.ASigned)
}

// WeightFSR is the weight FSR: the spec's if given, else the smallest that
// does not clip maxAbs.
func (s Spec) WeightFSR(maxAbs float64) int {
	if s.FSRW.Set {
		return s.FSRW.Value
	}
	if s.WLog() {
		return quant.LogFSR(maxAbs, s.Base, s.Round)
	}
	return quant.LinearFSR(maxAbs, s.WBits, true)
}

// String returns the canonical short spec: fields at their defaults are
// left out, the rest follow in the order acc, frac, fsr (or fsra, fsrw),
// round, base, ovf.
func (s Spec) String() string {
	if s.FP16 {
		return "mult:fp16"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s:a", s.Kind)
	if s.ASigned {
		b.WriteByte('s')
	}
	fmt.Fprintf(&b, "%dw%d", s.ABits, s.WBits)
	if s.Acc() != DefaultAccBits {
		fmt.Fprintf(&b, ",acc=%d", s.Acc())
	}
	if s.Frac.Set {
		fmt.Fprintf(&b, ",frac=%d", s.Frac.Value)
	}
	switch {
	case s.FSRA.Set && s.FSRW.Set && s.FSRA.Value == s.FSRW.Value:
		fmt.Fprintf(&b, ",fsr=%d", s.FSRA.Value)
	default:
		if s.FSRA.Set {
			fmt.Fprintf(&b, ",fsra=%d", s.FSRA.Value)
		}
		if s.FSRW.Set {
			fmt.Fprintf(&b, ",fsrw=%d", s.FSRW.Value)
		}
	}
	if s.Round != quant.LogRound {
		fmt.Fprintf(&b, ",round=%s", s.Round)
	}
	if s.Base != quant.Base2 {
		fmt.Fprintf(&b, ",base=%s", s.Base)
	}
	if s.Ovf != Saturate {
		fmt.Fprintf(&b, ",ovf=%s", s.Ovf)
	}
	return b.String()
}

// Limits of the spec fields.
const (
	minAccBits = 4
	maxAccBits = 62 // the datapath keeps sums in int64 with headroom
	maxFracAbs = 256
	maxFSRAbs  = 1024
)

// Parse reads a short spec (see the package doc for the grammar).
func Parse(text string) (Spec, error) {
	s, err := parse(strings.TrimSpace(text))
	if err != nil {
		return Spec{}, fmt.Errorf("PE spec %q: %w", text, err)
	}
	return s, nil
}

func parse(text string) (Spec, error) {
	head, rest, _ := strings.Cut(text, ",")
	kindName, operands, ok := strings.Cut(head, ":")
	if !ok {
		return Spec{}, fmt.Errorf("want <kind>:<operands>, e.g. shift:a8w4")
	}
	var s Spec
	switch strings.ToLower(kindName) {
	case "mult":
		s.Kind = Mult
	case "shift":
		s.Kind = Shift
	case "logboth":
		s.Kind = LogBoth
	default:
		return Spec{}, fmt.Errorf("field kind: unknown kind %q (want mult, shift or logboth)", kindName)
	}
	if err := s.parseOperands(strings.ToLower(operands)); err != nil {
		return Spec{}, err
	}
	if rest != "" {
		for _, f := range strings.Split(rest, ",") {
			key, val, ok := strings.Cut(f, "=")
			if !ok {
				return Spec{}, fmt.Errorf("field %q: want key=value", f)
			}
			if err := s.setField(strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)); err != nil {
				return Spec{}, err
			}
		}
	}
	return s, s.Validate()
}

// parseOperands reads "a8w4", "as8w4" or "fp16".
func (s *Spec) parseOperands(op string) error {
	if op == "fp16" {
		if s.Kind != Mult {
			return fmt.Errorf("field operands: fp16 is only for mult")
		}
		s.FP16, s.ABits, s.WBits, s.ASigned = true, 16, 16, true
		return nil
	}
	rest, ok := strings.CutPrefix(op, "a")
	if !ok {
		return fmt.Errorf("field operands: want a<bits>w<bits>, as<bits>w<bits> or fp16, got %q", op)
	}
	if r, ok := strings.CutPrefix(rest, "s"); ok {
		s.ASigned, rest = true, r
	}
	aText, wText, ok := strings.Cut(rest, "w")
	if !ok {
		return fmt.Errorf("field operands: want a<bits>w<bits>, got %q", op)
	}
	var err error
	if s.ABits, err = strconv.Atoi(aText); err != nil {
		return fmt.Errorf("field operands: activation bits %q: not an integer", aText)
	}
	if s.WBits, err = strconv.Atoi(wText); err != nil {
		return fmt.Errorf("field operands: weight bits %q: not an integer", wText)
	}
	return nil
}

func parseOptInt(field, val string, limit int) (OptInt, error) {
	if strings.EqualFold(val, "auto") {
		return OptInt{}, nil
	}
	v, err := strconv.Atoi(val)
	if err != nil || v < -limit || v > limit {
		return OptInt{}, fmt.Errorf("field %s: want auto or an integer in [%d, %d], got %q", field, -limit, limit, val)
	}
	return OptInt{Set: true, Value: v}, nil
}

// setField applies one key=value field.
func (s *Spec) setField(key, val string) error {
	if s.FP16 {
		return fmt.Errorf("field %s: mult:fp16 takes no fields (fp32 accumulation is fixed)", key)
	}
	var err error
	switch key {
	case "acc":
		v, e := strconv.Atoi(val)
		if e != nil || v < minAccBits || v > maxAccBits {
			return fmt.Errorf("field acc: want an integer %d..%d, got %q", minAccBits, maxAccBits, val)
		}
		s.AccBits = v
	case "frac":
		s.Frac, err = parseOptInt("frac", val, maxFracAbs)
	case "fsr":
		s.FSRA, err = parseOptInt("fsr", val, maxFSRAbs)
		s.FSRW = s.FSRA
	case "fsra":
		s.FSRA, err = parseOptInt("fsra", val, maxFSRAbs)
	case "fsrw":
		s.FSRW, err = parseOptInt("fsrw", val, maxFSRAbs)
	case "round":
		if !s.WLog() {
			return fmt.Errorf("field round: applies to log codes only (shift, logboth)")
		}
		s.Round, err = quant.ParseRounding(val)
	case "base":
		if !s.WLog() {
			return fmt.Errorf("field base: applies to log codes only (shift, logboth)")
		}
		s.Base, err = quant.ParseBase(val)
	case "ovf":
		switch strings.ToLower(val) {
		case "sat":
			s.Ovf = Saturate
		case "wrap":
			s.Ovf = Wrap
		default:
			return fmt.Errorf("field ovf: want sat or wrap, got %q", val)
		}
	case "signed":
		b, e := strconv.ParseBool(val)
		if e != nil {
			return fmt.Errorf("field signed: want true or false, got %q", val)
		}
		s.ASigned = b
	default:
		return fmt.Errorf("field %q: unknown (want acc, frac, fsr, fsra, fsrw, round, base, ovf or signed)", key)
	}
	if err != nil {
		return fmt.Errorf("field %s: %w", key, err)
	}
	return nil
}

// Validate checks the operand widths for the kind (mult a, w ∈ 2..16;
// shift a ∈ 2..16, w ∈ 2..8; logboth a, w ∈ 2..8) and the accumulator width.
func (s Spec) Validate() error {
	if s.FP16 {
		if s.Kind != Mult {
			return fmt.Errorf("field operands: fp16 is only for mult")
		}
		return nil
	}
	check := func(field string, bits, lo, hi int, what string) error {
		if bits < lo || bits > hi {
			return fmt.Errorf("field operands: %s bits %d: want %d..%d for %s", field, bits, lo, hi, what)
		}
		return nil
	}
	type lim struct{ lo, hi int }
	// Linear codes take 2..16 bits (a 2-bit signed code has the levels −1,
	// 0, +1), so every log spec has a mult control at the same widths.
	linear, logCode := lim{2, 16}, lim{2, 8}
	var a, w lim
	switch s.Kind {
	case Mult:
		a, w = linear, linear
	case Shift:
		a, w = linear, logCode
	case LogBoth:
		a, w = logCode, logCode
	default:
		return fmt.Errorf("field kind: unknown kind %d", int(s.Kind))
	}
	if err := check("activation", s.ABits, a.lo, a.hi, s.Kind.String()); err != nil {
		return err
	}
	if err := check("weight", s.WBits, w.lo, w.hi, s.Kind.String()); err != nil {
		return err
	}
	if s.AccBits != 0 && (s.AccBits < minAccBits || s.AccBits > maxAccBits) {
		return fmt.Errorf("field acc: %d bits: want %d..%d", s.AccBits, minAccBits, maxAccBits)
	}
	return nil
}
