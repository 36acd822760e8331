// Package pe models logsim's processing elements: their spec grammar, their
// bit-exact arithmetic and their energy and area. Quantizers and the
// array-edge encoders are in pe/quant, the numerical-error study in
// pe/numerics. Design: design.md §1 and §6; constants: package tech.
//
// # Kinds
//
//	mult     integer multiplier + accumulator, 2–16-bit operands (the baseline:
//	         every shift and logboth spec has a mult control at its widths);
//	         mult:fp16 is fp16 × fp16 with fp32 accumulation (reference only)
//	shift    log-coded weights (sign + exponent, FSR), linear activations:
//	         Σ Bitshift(x_i, w̃_i) by a barrel shifter + accumulator
//	logboth  log-coded weights and activations: Σ Bitshift(1, w̃_i + x̃_i) by an
//	         exponent adder, a one-hot decoder and a linear accumulator
//
// A log-domain accumulator (max plus a correction table) is not modelled.
// Bit counts are total bits of the code, sign included. Weights are signed;
// activations are unsigned (post-ReLU) unless marked signed. The GEMM's
// second operand (K×N: weights, or Kᵀ and V in attention) takes the weight
// code.
//
// # Spec grammar
//
//	spec     = kind ":" operands { "," field }
//	kind     = "mult" | "shift" | "logboth"
//	operands = "a" ["s"] bits "w" bits       (s: signed activations)
//	         | "fp16"                         (mult only; takes no fields)
//	field    = "acc=" 4..62                   accumulator bits (default 32)
//	         | "frac=" ("auto" | int)         accumulator fractional bits (default auto: FracBits)
//	         | "fsr=" ("auto" | int)          FSR of both operands (default auto, per tensor)
//	         | "fsra=" ("auto" | int)         activation FSR only
//	         | "fsrw=" ("auto" | int)         weight FSR only
//	         | "round=" ("log" | "lin")       log-code rounding (shift, logboth; default log)
//	         | "base=" ("2" | "sqrt2")        log-code base (shift, logboth; default 2)
//	         | "ovf=" ("sat" | "wrap")        accumulator overflow (default sat)
//	         | "signed=" ("true" | "false")   activation signedness (as "as8")
//
// Widths: mult a, w ∈ 2..16; shift a ∈ 2..16, w ∈ 2..8; logboth a, w ∈ 2..8.
// A signed linear code of b bits has the levels −(2^(b−1)−1) … 2^(b−1)−1
// (2 bits: −1, 0, +1); its pattern −2^(b−1) (2 bits: 10₂ = −2) is never
// produced by the quantizer but decodes, and the datapath multiplies it
// like any level (FracBits counts it), at every width.
// FSRs are in units of the code's base (log_β of the full-scale range), and
// log2 for linear codes. Spec.String gives the canonical form (defaults
// left out), which Parse reads back. Specs also read from YAML, as a short
// spec string or as a mapping (Spec.UnmarshalYAML).
//
// # Bit-exact datapath (Datapath)
//
// The accumulator is a two's complement integer of A bits whose value is
// acc·2^(−F). One MAC:
//
//  1. the product, as v·2^e in real units: mult  v = q_a·q_w, e = e_a + e_w
//     (linear levels and step exponents); shift  v = ±x, e = e_a + w̃ for
//     base 2; logboth  v = ±1, e = x̃ + w̃ (exponent adder, decoder). For base
//     √2 a power √2^n with odd n is 181·2^((n−1)/2 − 7) (quant.Sqrt2Num: the
//     4 shift-adds x·181 = (x≪7)+(x≪5)+(x≪4)+(x≪2)+x), even n is 2^(n/2).
//  2. alignment: aligned = ⌊v·2^(e+F)⌋ (two's complement: the bits below the
//     LSB are dropped, floor); a product whose dropped bits are nonzero is
//     one truncation event.
//  3. the exact sum acc + aligned; outside [−2^(A−1), 2^(A−1) − 1] it
//     saturates (sat) or keeps its low A bits (wrap): one overflow event.
//
// The default F (FracBits) is the largest that keeps every product exact,
// reduced if needed so that K products of the largest magnitude cannot
// overflow (⌈log2 K⌉ guard bits). mult:fp16 (FP16Datapath) rounds operands
// to binary16, multiplies exactly and accumulates in binary32 with
// round-to-nearest-even; inexact additions count as truncations and
// additions to ±Inf as overflows. The tests check every pair of codes of
// every kind at every operand width from 2 to 8 bits against a big-integer
// reference that works from the dequantized values.
//
// Costs (energy, area, registers) are priced in package sim/cost.
package pe
