package accuracy

import (
	"fmt"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/quant"
)

// Quantization modes of the paper's table: the weights alone quantized
// (activations stay 8-bit linear codes) or weights and activations.
const (
	WeightsOnly = "weights"
	WeightsActs = "weights+acts"
)

// TableSpec is one cell of the table Miyashita, Lee and Murmann's claim
// implies: a quantizer at a bit width, for the weights only or for both
// operands, as the PE spec that computes it.
type TableSpec struct {
	Mode      string // WeightsOnly or WeightsActs
	Quantizer string // "linear", "log2" or "logsqrt2"
	Bits      int
	Spec      pe.Spec
}

// The widths of the table: TableMinBits to TableMaxBits.
const (
	TableMinBits = 2
	TableMaxBits = 8
)

// WeightsOnlyActBits is the activation width of the weights-only rows: an
// 8-bit linear code, the width the weights-only rows keep fixed (on the
// MNIST CNN, mult:a8w8 is 0.05 points from float: results/accuracy).
const WeightsOnlyActBits = 8

// TableSpecs lists the table's specs, mode by mode, bits ascending, then
// linear, log base 2, log base √2: LinearQuant weights are mult:a8wB,
// LogQuant weights shift:a8wB (base=sqrt2); both operands mult:aBwB and
// logboth:aBwB (base=sqrt2). base supplies the rest of each spec
// (accumulator, overflow, rounding).
func TableSpecs(base pe.Spec) []TableSpec {
	var out []TableSpec
	for _, mode := range []string{WeightsOnly, WeightsActs} {
		for b := TableMinBits; b <= TableMaxBits; b++ {
			for _, q := range []string{"linear", "log2", "logsqrt2"} {
				out = append(out, TableSpec{Mode: mode, Quantizer: q, Bits: b, Spec: tableSpec(base, mode, q, b)})
			}
		}
	}
	return out
}

func tableSpec(base pe.Spec, mode, q string, b int) pe.Spec {
	s := base
	s.FP16, s.Base, s.WBits, s.ABits = false, quant.Base2, b, b
	if mode == WeightsOnly {
		s.ABits = WeightsOnlyActBits
	}
	switch {
	case q == "linear":
		s.Kind, s.Round = pe.Mult, quant.LogRound
	case mode == WeightsOnly:
		s.Kind = pe.Shift
	default:
		s.Kind = pe.LogBoth
	}
	if q == "logsqrt2" {
		s.Base = quant.BaseSqrt2
	}
	return s
}

// String names the cell, e.g. "weights+acts log2 4-bit".
func (t TableSpec) String() string { return fmt.Sprintf("%s %s %d-bit", t.Mode, t.Quantizer, t.Bits) }
