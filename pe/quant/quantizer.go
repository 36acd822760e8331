package quant

// Quantizer is what Linear and Log have in common: float to code, code to
// value, and the array-edge encoder from a fixed-point accumulator value.
type Quantizer interface {
	// Quantize returns the code of x.
	Quantize(x float64) uint16
	// Value is the dequantized value of a code (with the true √2).
	Value(code uint16) float64
	// EncodeFixed returns the code of acc·2^(−frac), bit-exactly as the
	// array-edge encoder computes it. |acc| must be below 2^62.
	EncodeFixed(acc int64, frac int) uint16
	// Validate checks the quantizer's parameters.
	Validate() error
}

var (
	_ Quantizer = Linear{}
	_ Quantizer = Log{}
	_ Quantizer = FP16{}
)
