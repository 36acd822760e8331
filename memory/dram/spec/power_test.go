package spec

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCommandEnergyByHand recomputes the command energies from the raw
// IDD currents, voltages and timings:
//
// DDR4-3200 (VDD 1.2 V, tCK 0.625 ns, 8 x8 devices per rank, tRAS 52,
// tRP 22, tRC 74, BL8 = 4 cycles, tRFC 560):
//
//	ACT  1.2·(57·74 − (52·52 + 37·22))·0.625·8 = 1.2·700·5 = 4200 pJ
//	RD   1.2·(168 − 52)·4·0.625·8 = 2784 pJ per 64-B burst (5.4375 pJ/bit)
//	WR   1.2·(150 − 52)·4·0.625·8 = 2352 pJ
//	REF  1.2·(250 − 52)·560·0.625·8 = 665280 pJ
//	background 1.2·52·8 = 499.2 mW per rank (power-down 1.2·25·8 = 240)
//
// HBM2 (1.2 V, tCK 1 ns, one 128-bit device, tRAS 34, tRP 14, BL4 = 2):
//
//	ACT 1.2·(65·48 − (55·34 + 40·14)) = 828 pJ (DRAMsim3's own worked value)
//	RD 1.2·(390 − 55)·2 = 804 pJ per 64-B burst; WR 1.2·445·2 = 1068
//	REF 1.2·(250 − 55)·260 = 60840; background 1.2·55 = 66 mW
//
// LPDDR4-4266 (tCK 1000/2133 ns, one x16 device per channel, tRAS 90,
// tRP 37, BL16 = 8 cycles, tRFC 598), VDD1 1.8 V and VDD2 1.1 V:
//
//	ACT (1.8·(3.5·127 − (2.25·90 + 2·37)) + 1.1·(45·127 − (30·90 + 27·37)))·tCK
//	    = (1.8·168 + 1.1·2016)·tCK = 2520 · 0.468823 = 1181.43 pJ
//	RD  (1.8·0 + 1.1·245)·8·tCK = 269.5·8·0.468823 = 1010.78 pJ per 32-B burst
func TestCommandEnergyByHand(t *testing.T) {
	ddr4, err := Preset(PresetDDR4)
	require.NoError(t, err)
	e, err := CommandEnergyOf(ddr4)
	require.NoError(t, err)
	require.InDelta(t, 4200, e.ActivatePJ, 1e-9)
	require.InDelta(t, 2784, e.ReadPJ, 1e-9)
	require.InDelta(t, 2352, e.WritePJ, 1e-9)
	require.InDelta(t, 665280, e.RefreshPJ, 1e-6)
	require.InDelta(t, 499.2, e.StandbyMW, 1e-9)
	require.InDelta(t, 240, e.PowerDownMW, 1e-9)
	require.Equal(t, 512, e.BurstBits)

	hbm, _ := Preset(PresetHBM2Stack)
	e, err = CommandEnergyOf(hbm)
	require.NoError(t, err)
	require.InDelta(t, 828, e.ActivatePJ, 1e-9)
	require.InDelta(t, 804, e.ReadPJ, 1e-9)
	require.InDelta(t, 1068, e.WritePJ, 1e-9)
	require.InDelta(t, 60840, e.RefreshPJ, 1e-9)
	require.InDelta(t, 66, e.StandbyMW, 1e-9)

	lp, _ := Preset(PresetLPDDR4)
	e, err = CommandEnergyOf(lp)
	require.NoError(t, err)
	tck := 1000 / 2133.0
	require.InDelta(t, 2520*tck, e.ActivatePJ, 1e-9)
	require.InDelta(t, 269.5*8*tck, e.ReadPJ, 1e-9)

	// A close-page controller's background is the precharge standby.
	require.NoError(t, ddr4.Set("PagePolicy", "close"))
	e, _ = CommandEnergyOf(ddr4)
	require.InDelta(t, 1.2*37*8, e.StandbyMW, 1e-9)
}
