package cost

import "github.com/logsim/logsim/tech"

// Vector is the cost of one lane of the vector unit beside the array. A
// lane is a 32-bit adder, a 16×16-bit multiplier and a 32-bit register
// (enough for pooling, residual adds, scale-and-shift, and the polynomial
// of an exponential), priced from the technology table's models; every
// operation is charged one add, one multiply and one register write, an
// upper bound since most operations need only one of the two units.
type Vector struct {
	OpPJ      float64 // per operation (pJ)
	AreaUM2   float64 // per lane (µm²)
	LeakageMW float64 // per lane (mW)
}

// Widths of a vector lane (logsim's assumption: activations and their sums
// fit 16 × 16 → 32 bits).
const (
	vectorAddBits  = 32
	vectorMultBits = 16
)

// VectorOf prices a vector lane on table t.
func VectorOf(t tech.Table) Vector {
	area := t.AdderAreaUM2(vectorAddBits) + t.MultAreaUM2(vectorMultBits, vectorMultBits) + t.RegisterAreaUM2(vectorAddBits)
	return Vector{
		OpPJ: t.AdderEnergyPJ(vectorAddBits) + t.MultEnergyPJ(vectorMultBits, vectorMultBits) +
			t.RegisterWriteEnergyPJ(vectorAddBits),
		AreaUM2:   area,
		LeakageMW: t.LogicLeakageMW(area),
	}
}
