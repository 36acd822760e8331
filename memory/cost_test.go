package memory

import (
	"testing"

	"github.com/logsim/logsim/tech"
	"github.com/stretchr/testify/require"
)

func TestWordsFor(t *testing.T) {
	cases := []struct {
		n          int64
		b, w       int
		wantWords  int64
		wantDRAMBy int64
	}{
		{1, 3, 64, 1, 8},
		{21, 3, 64, 1, 8},  // ⌊64/3⌋ = 21 codes per word
		{22, 3, 64, 2, 16}, // the 22nd code does not straddle: a new word
		{100, 8, 64, 13, 104},
		{100, 8, 8, 100, 104}, // SCALE-Sim 8-bit words
		{10, 5, 8, 10, 8},     // 5-bit codes in 8-bit words: one per word; DRAM: 12 per 64-b word
		{7, 32, 64, 4, 32},
		{3, 48, 32, 6, 24}, // a code wider than the word takes 2 words
		{0, 8, 64, 0, 0},
	}
	for _, c := range cases {
		require.Equal(t, c.wantWords, WordsFor(c.n, c.b, c.w), "%+v", c)
		require.Equal(t, c.wantDRAMBy, BytesPacked(c.n, c.b), "%+v", c)
	}
}

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
	hi, _ := tech.ForCorner(tech.High)
	d, err := DRAMEnergyPJPerBit(hi, "DDR4")
	require.NoError(t, err)
	require.Equal(t, 72.0, d)
}
