package dramcheck

import (
	"bytes"
	"strings"
	"testing"

	"github.com/logsim/logsim/memory/dram/internal/requester"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

// Ten 64 B requests answered 10 ns apart, each 100 ns after it was sent.
// The window starts at the answer of response 2 (10/5, t = 120 ns) and
// ends at response 9 (10 − Outstanding, t = 190 ns): responses 3–9, 7 × 64 B
// in 70 ns = 6.4 GB/s, 100 ns each. Its first half, responses 3–5, moves
// 3 × 64 B in 30 ns: the same.
func TestMeasureSteadyWindow(t *testing.T) {
	var recs []requester.Record
	var order []int
	for i := 0; i < 10; i++ {
		sent := sim.VTimeInSec(float64(i) * 10e-9)
		recs = append(recs, requester.Record{Sent: sent, Received: sent + 100e-9, Bytes: 64})
		order = append(order, i)
	}
	m := measure(recs, order, 1)
	require.Equal(t, 7, m.Window)
	require.InDelta(t, 6.4, m.BandwidthGBps, 1e-9)
	require.InDelta(t, 100, m.LatencyNS, 1e-9)
	require.InDelta(t, 6.4, m.HalfBandwidthGBps, 1e-9)
	require.InDelta(t, 100, m.HalfLatencyNS, 1e-9)
}

func TestPatternsGenerateWhatTheyName(t *testing.T) {
	take := func(p Pattern, n int) ([]uint64, []bool) {
		next := p.Generator()
		var addrs []uint64
		var writes []bool
		for i := 0; i < n; i++ {
			a, w := next()
			addrs, writes = append(addrs, a), append(writes, w)
		}
		return addrs, writes
	}
	a, w := take(Pattern{Kind: Sequential, Op: Reads, Size: 256}, 4)
	require.Equal(t, []uint64{0, 256, 512, 768}, a)
	require.Equal(t, []bool{false, false, false, false}, w)
	a, w = take(Pattern{Kind: Strided, Op: Mix, Size: 64, Stride: 8192}, 6)
	require.Equal(t, []uint64{0, 8192, 16384, 24576, 32768, 40960}, a)
	require.Equal(t, []bool{false, false, true, false, false, true}, w)
	p := Pattern{Kind: Random, Op: Writes, Size: 1024, Region: 1 << 20, Seed: 9}
	a, w = take(p, 1000)
	again, _ := take(p, 1000)
	require.Equal(t, a, again, "seeded: the same sequence every time")
	for i := range a {
		require.Zero(t, a[i]%1024)
		require.Less(t, a[i], uint64(1<<20))
		require.True(t, w[i])
	}
}

func TestPatternValidation(t *testing.T) {
	tests := []struct {
		p    Pattern
		want string
	}{
		{Pattern{Kind: "zigzag", Op: Reads, Size: 64}, `unknown kind "zigzag"`},
		{Pattern{Kind: Sequential, Op: "rmw", Size: 64}, `unknown operation "rmw"`},
		{Pattern{Kind: Sequential, Op: Reads}, "size must be positive"},
		{Pattern{Kind: Strided, Op: Reads, Size: 64}, "stride must be positive"},
		{Pattern{Kind: Random, Op: Reads, Size: 64, Region: 32}, "region 32 B is smaller"},
	}
	for _, tt := range tests {
		require.ErrorContains(t, tt.p.Validate(), tt.want)
	}
	_, err := Measure(Run{Pattern: Pattern{Kind: Sequential, Op: Reads, Size: 64}, Requests: 10, Outstanding: 4})
	require.ErrorContains(t, err, "need at least 5·(outstanding+2) requests")
}

// fast and akita, run with the same parameters (CheckOverrides), agree
// within 10 % in saturated bandwidth and unloaded latency on every pattern
// (kinds × operation mixes, at 64 B and 1 KiB, and 4 KiB sequential reads).
// The runs are short to keep the test fast (Akita costs ~15 µs of host
// time per busy DRAM cycle); BuildTable's defaults run longer.
func TestFastAgreesWithAkita(t *testing.T) {
	opts := TableOptions{Sizes: []uint64{64, 1024}, SaturatedBytes: 48 << 10, UnloadedRequests: 40}
	rows, err := BuildTable(opts)
	require.NoError(t, err)
	big, err := BuildTable(TableOptions{Kinds: []string{Sequential}, Ops: []string{Reads}, Sizes: []uint64{4096},
		SaturatedBytes: 48 << 10, UnloadedRequests: 20})
	require.NoError(t, err)
	rows = append(rows, big...)
	require.Len(t, rows, 19)
	for _, r := range rows {
		require.InDelta(t, 0, r.BandwidthError(), 0.10, "%s: fast %.2f GB/s, akita %.2f GB/s",
			r.Pattern.Name(), r.Fast.Saturated.BandwidthGBps, r.Akita.Saturated.BandwidthGBps)
		require.InDelta(t, 0, r.LatencyError(), 0.10, "%s: fast %.1f ns, akita %.1f ns",
			r.Pattern.Name(), r.Fast.Unloaded.LatencyNS, r.Akita.Unloaded.LatencyNS)
	}
	var out bytes.Buffer
	require.NoError(t, PrintTable(&out, opts, rows[:2]))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 7)
	require.Contains(t, lines[0], "preset DDR4-3200 with CommandQueueDepth=8, DualCommandBus=off, PagePolicy=close")
	require.Contains(t, lines[1], "saturated: 48 KiB per run")
	require.Contains(t, lines[5], "seq/read/64B")
}
