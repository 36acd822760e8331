package bandwidth

import (
	"testing"

	"github.com/logsim/logsim/memory/dram/internal/requester"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

func seq(size uint64) func() (uint64, bool) {
	var i uint64
	return func() (uint64, bool) { i++; return (i - 1) * size, false }
}

// 64 B requests sent one per ns (requester at 1 GHz), 25.6 GB/s and 100 ns
// at 1 GHz: a request occupies the bus 2.5 cycles. Request i is taken in
// cycle i+1, starts at max(i+1, end of i−1), and is answered at
// ceil(end + 100): 103.5→104, 106, 108.5→109, 111, 113.5→114, 116.
func TestFIFOServiceThenLatency(t *testing.T) {
	engine := sim.NewSerialEngine()
	c := MakeBuilder().WithEngine(engine).Build("DRAM")
	r, err := requester.Drive(engine, sim.GHz, c.TopPort(), seq(64), 64, 6, 64)
	require.NoError(t, err)
	want := []float64{104, 106, 109, 111, 114, 116}
	for i, rec := range r.Records() {
		require.InDelta(t, float64(i), float64(rec.Sent)*1e9, 1e-6)
		require.InDelta(t, want[i], float64(rec.Received)*1e9, 1e-6, "request %d", i)
	}
	require.InDelta(t, 6*2.5, c.Stats().BusyNS, 1e-9)
}

// 8 bytes per cycle at 1 GHz: a 64 B request holds the bus 8 cycles, so a
// saturated stream answers one request every 8 ns (8 GB/s).
func TestBytesPerCycle(t *testing.T) {
	engine := sim.NewSerialEngine()
	c := MakeBuilder().WithEngine(engine).WithBytesPerCycle(8).WithLatencyNS(0).Build("DRAM")
	require.Equal(t, 8.0, c.BytesPerCycle())
	r, err := requester.Drive(engine, sim.GHz, c.TopPort(), seq(64), 64, 20, 20)
	require.NoError(t, err)
	recs := r.Records()
	for i := 1; i < len(recs); i++ {
		require.InDelta(t, 8, float64(recs[i].Received-recs[i-1].Received)*1e9, 1e-6)
	}
	require.InDelta(t, 9, float64(recs[0].Received)*1e9, 1e-6) // taken at 1, served 1–9
}

// An idle bus serves a request as soon as it is taken: a lone 256 B
// request at 25.6 GB/s takes 10 ns, plus 100 ns, plus the one-cycle hop.
func TestIdleBusStartsAtOnce(t *testing.T) {
	engine := sim.NewSerialEngine()
	c := MakeBuilder().WithEngine(engine).Build("DRAM")
	r, err := requester.Drive(engine, sim.GHz, c.TopPort(), seq(256), 256, 1, 1)
	require.NoError(t, err)
	require.InDelta(t, 111, float64(r.Records()[0].Received)*1e9, 1e-6)
}
