package cost

import (
	"testing"

	"github.com/logsim/logsim/tech"
	"github.com/stretchr/testify/require"
)

func TestSRAMCost(t *testing.T) {
	tb := tech.Default()
	// 64 KiB in two 32 KiB banks (double buffered), 64-bit words: the
	// CACTI 32 KB × 64 b point (TR §3.1): read 17.04, write 15.40 pJ,
	// 0.0949 mm², 0.0009 mW per bank.
	s := SRAM{CapacityKiB: 64, WordBits: 64, Banks: 2}
	r, err := s.ReadPJ(tb)
	require.NoError(t, err)
	require.InDelta(t, 17.04, r, 1e-12)
	w, _ := s.WritePJ(tb)
	require.InDelta(t, 15.40, w, 1e-12)
	rmw, _ := s.ReadModifyWritePJ(tb)
	require.InDelta(t, 32.44, rmw, 1e-12)
	a, _ := s.AreaMM2(tb)
	require.InDelta(t, 2*0.0949, a, 1e-12)
	l, _ := s.LeakageMW(tb)
	require.InDelta(t, 2*0.0009, l, 1e-12)
	_, err = SRAM{CapacityKiB: 64, WordBits: 64}.ReadPJ(tb)
	require.ErrorContains(t, err, "banks 0")
}
