package compare

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/tech"
)

// TestTornadoTwoConstants works a two-constant tornado by hand: the ratio
// of shift:a8w4's arithmetic per MAC to mult:a8w8's on the aladdin
// table, with the multiplier's and the mux bit's energy moved.
//
//	mult:a8w8   8×8 multiplier 8.625·1.15/16 = 0.619921875 + 32-bit adder
//	            0.0856·1.15 = 0.09844: 0.718361875 pJ
//	shift:a8w4  42 mux bits · 0.4165·1.15/160 = 0.1257309375 + 14 XORs ·
//	            0.018·1.15/32 = 0.00905625 + 0.09844: 0.2332271875 pJ
//	mult_energy low: Horowitz 0.2 pJ → mult 0.29844; high: Aladdin 1 ns
//	            12.683·1.15/16 = 0.911590625 → 1.010030625
//	mux_energy  low: ShiftAddNet 0.13/160 → shift 42·0.8125e-3 + 0.10749625
//	            = 0.14162125; high: older Aladdin 0.8055·1.15/160 →
//	            0.2431603125 + 0.10749625 = 0.3506565625
//
// The multiplier swings the ratio more, so it comes first. For the shift
// PE: cheap muxes, costly multiplier; against it: the reverse. Areas do not
// move: (42·249.6·1.26/160 + 14·50.37·1.26/32 + 179.4·1.26) /
// (4595·1.26/16 + 179.4·1.26) = 336.3656625/587.90025.
func TestTornadoTwoConstants(t *testing.T) {
	mult, _ := pe.Parse("mult:a8w8")
	shift, _ := pe.Parse("shift:a8w4")
	price := func(m mover) (Ratios, error) {
		aladdin, err := tech.ForSource(tech.Aladdin, tech.Nominal)
		if err != nil {
			return Ratios{}, err
		}
		tb := m(aladdin)
		cm, err := cost.PEOf(mult, tb, dataflow.WS, dataflow.Pipelined)
		if err != nil {
			return Ratios{}, err
		}
		cs, err := cost.PEOf(shift, tb, dataflow.WS, dataflow.Pipelined)
		if err != nil {
			return Ratios{}, err
		}
		e := cs.PerMAC.ArithmeticPJ() / cm.PerMAC.ArithmeticPJ()
		return Ratios{Energy: e, Area: cs.Area.ArithmeticUM2() / cm.Area.ArithmeticUM2(), EDP: e}, nil
	}
	me, _ := tech.ConstantByName("mult_energy")
	mx, _ := tech.ConstantByName("mux_energy")
	got, err := tornado([]tech.Constant{mx, me}, price)
	require.NoError(t, err)

	const multN, multLo, multHi = 0.718361875, 0.29844, 1.010030625
	const shiftN, shiftLo, shiftHi = 0.2332271875, 0.14162125, 0.3506565625
	const area = 336.3656625 / 587.90025
	near := func(want, got float64, what string) { require.InEpsilon(t, want, got, 1e-6, what) }
	near(shiftN/multN, got.Nominal.Energy, "nominal")
	near(area, got.Nominal.Area, "area")
	require.Len(t, got.Rows, 2)
	require.Equal(t, "mult_energy", got.Rows[0].Constant.Name, "sorted by swing")
	near(shiftN/multLo, got.Rows[0].Low.Energy, "mult low")
	near(shiftN/multHi, got.Rows[0].High.Energy, "mult high")
	near(shiftLo/multN, got.Rows[1].Low.Energy, "mux low")
	near(shiftHi/multN, got.Rows[1].High.Energy, "mux high")
	near(area, got.Rows[1].High.Area, "area does not move")
	near(shiftLo/multHi, got.For.Energy, "all for")
	near(shiftHi/multLo, got.Against.Energy, "all against")
	near(area, got.For.Area, "area for")
}
