package numerics

import (
	"github.com/logsim/logsim/pe/quant"
)

// QuantizerSQNR is the element-wise SQNR of a quantizer on xs (dB):
// 10·log10(Σ x² / Σ (Value(Quantize(x)) − x)²).
func QuantizerSQNR(q quant.Quantizer, xs []float64) float64 {
	var sig, noise float64
	for _, x := range xs {
		e := q.Value(q.Quantize(x)) - x
		sig += x * x
		noise += e * e
	}
	return SQNRdB(sig, noise)
}

// QuantRow is one row of the LogQuant vs LinearQuant table: SQNR (dB) of
// each quantizer at Bits total bits on one distribution, FSR chosen per
// tensor as the smallest that does not clip its largest magnitude.
type QuantRow struct {
	Dist           Dist
	Bits           int     // total bits, sign included
	Signed         bool    // signed codes (Gaussian, Laplacian) or unsigned (ReLU'd)
	LineardB       float64 // LinearQuant (symmetric signed or unsigned)
	Log2dB         float64 // LogQuant base 2, log-domain rounding
	Log2LinRounddB float64 // LogQuant base 2, linear-domain rounding
	LogSqrt2dB     float64 // LogQuant base √2, log-domain rounding
}

// TableSamples is the default sample size of QuantTable.
const TableSamples = 1 << 16

// QuantTable computes LogQuant vs LinearQuant SQNR at 3, 4 and 5 total bits
// on Gaussian, Laplacian and ReLU'd Gaussian data: samples values per
// distribution (TableSamples if ≤ 0) drawn with Dist.Sample(samples, seed).
func QuantTable(seed uint64, samples int) []QuantRow {
	if samples <= 0 {
		samples = TableSamples
	}
	var rows []QuantRow
	for _, d := range []Dist{Gaussian, Laplacian, ReLUGaussian} {
		xs := d.Sample(samples, seed)
		m := 0.0
		for _, x := range xs {
			m = max(m, abs(x))
		}
		signed := d != ReLUGaussian
		for _, b := range []int{3, 4, 5} {
			lg := func(base quant.Base, r quant.Rounding) float64 {
				q := quant.Log{Bits: b, Signed: signed, Base: base, Round: r, FSR: quant.LogFSR(m, base, r)}
				return QuantizerSQNR(q, xs)
			}
			lin := quant.Linear{Bits: b, Signed: signed, FSR: quant.LinearFSR(m, b, signed)}
			rows = append(rows, QuantRow{
				Dist: d, Bits: b, Signed: signed,
				LineardB:       QuantizerSQNR(lin, xs),
				Log2dB:         lg(quant.Base2, quant.LogRound),
				Log2LinRounddB: lg(quant.Base2, quant.LinRound),
				LogSqrt2dB:     lg(quant.BaseSqrt2, quant.LogRound),
			})
		}
	}
	return rows
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
