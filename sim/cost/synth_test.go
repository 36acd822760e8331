package cost

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/tech"
)

// TestSynthSourcePE: with the synth source at 130 nm a PE's logic is the
// committed synthesis (values copied from tech/synth_pes.csv's shift:a8w4
// row), its registers are the table's, and its critical path is
// OpenSTA's on the delay-oriented netlist; a spec that was not synthesized is an error naming it.
func TestSynthSourcePE(t *testing.T) {
	t45, err := tech.ForSource(tech.Synth, tech.Nominal)
	require.NoError(t, err)
	t130, err := t45.Scaled(130)
	require.NoError(t, err)
	s, err := pe.Parse("shift:a8w4")
	require.NoError(t, err)
	c, err := PEOf(s, t130, dataflow.WS, dataflow.Pipelined)
	require.NoError(t, err)
	require.InDelta(t, 2172.0832, c.Area.LogicUM2, 1e-6) // area_comb_um2
	require.InDelta(t, 2172.0832, c.Area.ArithmeticUM2(), 1e-6)
	require.InDelta(t, 1.26762, c.PerMAC.LogicPJ, 1e-9) // comb_pj_per_mac
	require.Zero(t, c.PerMAC.ShifterPJ)
	require.Equal(t, t130.RegisterAreaUM2(c.Regs.BitsPerPE), c.Area.RegisterUM2)
	tm, err := TimingOf(s, t130)
	require.NoError(t, err)
	require.InDelta(t, 3.6198, tm.PathNS(false), 1e-9) // fastest_path_ns
	require.Contains(t, tm.Describe(), "synthesized")
	require.Less(t, tm.PathNS(true), tm.PathNS(false))

	other, err := pe.Parse("shift:a4w4")
	require.NoError(t, err)
	_, err = PEOf(other, t130, dataflow.WS, dataflow.Pipelined)
	require.ErrorContains(t, err, "shift:a4w4 was not synthesized")
	// The aladdin source keeps the gate-delay model.
	al, err := tech.ForSource(tech.Aladdin, tech.Nominal)
	require.NoError(t, err)
	tm, err = TimingOf(s, al)
	require.NoError(t, err)
	require.Zero(t, tm.SynthPathNS)
	require.Contains(t, tm.Describe(), "gate-delay model")
}
