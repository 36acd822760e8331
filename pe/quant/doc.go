// Package quant holds logsim's quantizers exactly as design.md §1 fixes
// them, and the output encoders at the array edge.
//
// # Codes
//
// A code is the raw b-bit pattern an operand register holds, in a uint16:
//
//	linear unsigned  q ∈ [0, 2^b − 1]                          value q·2^(FSR−b)
//	linear signed    q ∈ [−(2^(b−1)−1), 2^(b−1)−1], two's      value q·2^(FSR−(b−1))
//	                 complement in b bits (−2^(b−1) is never produced but decodes;
//	                 b = 2: levels −1, 0, +1, and 10₂ decodes to −2)
//	log unsigned     c ∈ [0, 2^b − 1], m = b magnitude bits     0 if c = 0, else β^(FSR − 2^m + c)
//	log signed       bit b−1 = sign, low m = b−1 bits = c       ±β^(FSR − 2^m + c), 0 if c = 0
//
// β is the base: 2, or √2 (half-step exponents). A log code of m magnitude
// bits has 2^m − 1 exponents, FSR − 2^m + 1 … FSR − 1, and one zero code
// (the signed pattern "−0" decodes to zero too; the quantizer never emits it).
// FSR is in units of the base's exponent: log_β of the full-scale range.
//
// # Quantizers (design.md §1)
//
//	LinearQuant  q = clamp(Round(x/step), lo, hi), Round ties away from zero
//	LogQuant     x̃ = min(Round(log_β|x|), FSR − 1); 0 if x̃ ≤ FSR − 2^m (underflow)
//
// Round for LogQuant is either log-domain rounding (LogRound, default:
// round log_β|x| to the nearest integer, ties up; for β = 2 a mantissa
// ≥ √2 rounds up, for β = √2 the half-step thresholds are 2^(1/4) and
// 2^(3/4)) or linear-domain rounding (LinRound: to the nearest power of β in
// value; for β = 2 a mantissa ≥ 1.5 rounds up, for β = √2 the thresholds are
// (1+√2)/2 and (2+√2)/2). Negative inputs to an unsigned code become 0 (the
// ReLU is fused into the quantizer and the encoder).
//
// Float inputs are split exactly with math.Frexp; the irrational thresholds
// are compared with their nearest float64 and a precomputed flag that says
// on which side of the true threshold that float64 lies, so the comparison is
// exact for every float64 input.
//
// FSR, unless given, is chosen per tensor as the smallest integer that does
// not clip the largest magnitude: LinearFSR and LogFSR.
//
// # Relative error bounds of LogQuant inside its range
//
//	base 2, log rounding      up 2^0.5 − 1 ≈ 0.414, down 1 − 2^−0.5 ≈ 0.293
//	base 2, linear rounding   1/3 both ways (at mantissa 1.5: 0.5/1.5)
//	base √2, log rounding     up 2^0.25 − 1 ≈ 0.189, down 1 − 2^−0.25 ≈ 0.159
//	base √2, linear rounding  (√2−1)/(√2+1) = 3 − 2√2 ≈ 0.172 both ways
//
// # √2 in hardware
//
// x·√2 is not representable; the datapath multiplies by the fixed-point
// constant Sqrt2Num/2^Sqrt2Frac = 181/128 = 1.0110101₂ = 1.4140625
// (relative error −1.1e-4), built from Sqrt2Adders = 4 shift-adds:
// x·181 = (x≪7) + (x≪5) + (x≪4) + (x≪2) + x. The bit-exact reference uses
// the same constant.
//
// # Output encoders (array edge)
//
// EncodeFixed turns an accumulator value acc·2^(−F) into the next layer's
// activation code, exactly as the hardware does: for a log code, a
// leading-one detector finds p = ⌊log2|acc|⌋, a normalising shifter puts the
// leading one at bit 62, and the bits below it are compared with the
// constant ⌊t·2^62⌋ of each threshold t (a strict > for the irrational
// thresholds, which is exact: see thresholdFixed); for a linear code, a
// shifter and a round-half-away adder then a clamp.
package quant
