package cost

import (
	"testing"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/design"
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

// TestBuffersAsBuilt prices the reference point's buffers by hand (32×32
// WS, 64 KiB buffers of 64-bit words, CACTI 45 nm, TR §3.1):
//
//	mult:a8w8 ifmap  32 activations × 8 b = 256 b = 4 words per cycle: 4
//	                 macros per half, 8 of 8 KiB: read 6.14, write 7.88 pJ,
//	                 8·0.0263 = 0.2104 mm², 1.06 ns (> 1 ns: flagged)
//	          filter 32 weights × 8 b: the same
//	          ofmap  32 partial sums × 32 b = 16 words written + 16 read: 32
//	                 macros per half, 64 of 1 KiB: read 1.67, write 3.49 pJ,
//	                 64·0.0036 = 0.2304 mm², 0.79 ns
//	shift:a8w4 filter 32 × 4 b = 128 b = 2 words: 4 macros of 16 KiB: read
//	                 11.61, write 10.70 pJ, 4·0.0507 = 0.2028 mm², 1.14 ns
//
// With ports set (2 banks of 4 words per cycle): 2 macros per half, each
// 256 b wide: 4 macros of 16 KiB × 256 b; a 64-bit word costs a quarter
// of an access: read 14.32/4, write 44.52/4 pJ, area 4·0.0537 mm².
func TestBuffersAsBuilt(t *testing.T) {
	tb := tech.Default()
	type want struct{ read, write, area, access float64 }
	check := func(s SRAM, w want, what string) {
		b, err := bufferOf(s, tb)
		require.NoError(t, err)
		require.InDelta(t, w.read, b.ReadPJ, 1e-9, what)
		require.InDelta(t, w.write, b.WritePJ, 1e-9, what)
		require.InDelta(t, w.area, b.AreaMM2, 1e-9, what)
		require.InDelta(t, w.access, b.AccessNS, 1e-9, what)
	}
	p := design.Default()
	bufs := BuffersOf(p)
	check(bufs[0], want{6.14, 7.88, 0.2104, 1.06}, "mult ifmap")
	check(bufs[1], want{6.14, 7.88, 0.2104, 1.06}, "mult filter")
	check(bufs[2], want{1.67, 3.49, 0.2304, 0.79}, "mult ofmap")
	p.PE, _ = pe.Parse("shift:a8w4")
	check(BuffersOf(p)[1], want{11.61, 10.70, 0.2028, 1.14}, "shift filter")
	p.SRAMBanks, p.SRAMWordsPerCycle = 2, 4
	check(BuffersOf(p)[1], want{14.32 / 4, 44.52 / 4, 4 * 0.0537, 1.33}, "ports set")

	pr, err := PricesFor(design.MustResolve(design.Default()))
	require.NoError(t, err)
	notes := pr.Notes()
	require.Len(t, notes, 2)
	require.Contains(t, notes[0], "ifmap SRAM: its 8 macros of 8 KiB × 64 b have a CACTI access time of 1.06 ns")
}
