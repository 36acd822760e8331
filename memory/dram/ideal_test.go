package dram

import (
	"fmt"
	"testing"

	"github.com/logsim/logsim/memory/dram/internal/requester"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

// newIdeal is the ideal model as Build makes it: the bandwidth model with
// unlimited bandwidth.
func newIdeal(t *testing.T, engine sim.Engine, latencyNS float64) Model {
	r, err := Resolve(Config{Model: ModelIdeal, LatencyNS: &latencyNS})
	require.NoError(t, err)
	m, err := Build(engine, "DRAM", r)
	require.NoError(t, err)
	return m
}

func seq(size uint64, write bool) func() (uint64, bool) {
	var i uint64
	return func() (uint64, bool) { i++; return (i - 1) * size, write }
}

// A request sent in requester cycle t (1 GHz) is taken by the model in its
// next cycle t+1 and answered latency later: every latency is latency + 1 ns,
// however many requests are in flight (no bandwidth limit).
func TestIdealLatencyIsFixedAndLoadIndependent(t *testing.T) {
	tests := []struct {
		latencyNS   float64
		outstanding int
		wantNS      float64
	}{
		{0, 1, 1}, {0, 64, 1}, {100, 1, 101}, {100, 64, 101}, {2.5, 8, 4}, // 2.5 ns rounds up to 3 cycles
	}
	for _, tt := range tests {
		engine := sim.NewSerialEngine()
		c := newIdeal(t, engine, tt.latencyNS)
		r, err := requester.Drive(engine, sim.GHz, c.TopPort(), seq(4096, false), 4096, 200, tt.outstanding)
		require.NoError(t, err)
		for i, rec := range r.Records() {
			require.InDelta(t, tt.wantNS, float64(rec.Received-rec.Sent)*1e9, 1e-6, "request %d", i)
		}
		s := c.Stats()
		require.Equal(t, uint64(200), s.ReadRequests)
		require.Equal(t, uint64(200*4096), s.BytesRead)
		require.Equal(t, uint64(200*4096), s.TransferredBytes)
	}
}

func TestIdealAnswersWritesWithWriteDone(t *testing.T) {
	engine := sim.NewSerialEngine()
	c := newIdeal(t, engine, 0)
	_, err := requester.Drive(engine, sim.GHz, c.TopPort(), seq(64, true), 64, 10, 2)
	require.NoError(t, err)
	require.Equal(t, uint64(10), c.Stats().WriteRequests)
	require.Equal(t, uint64(640), c.Stats().BytesWritten)
	require.Same(t, c.TopPort(), c.GetPortByName("Top"))
}

// Two requesters send in the same cycles, so two responses are due in
// each cycle; the connection holds one message from the model at a time,
// so the second is refused and must be sent when the connection frees.
func TestIdealRetriesRefusedResponses(t *testing.T) {
	engine := sim.NewSerialEngine()
	c := newIdeal(t, engine, 0)
	conn := sim.NewDirectConnection("Conn", engine, sim.GHz)
	conn.PlugIn(c.TopPort(), 1)
	var rs []*requester.Requester
	for i := 0; i < 2; i++ {
		r := requester.NewRequester(fmt.Sprintf("Requester%d", i), engine, sim.GHz, c.TopPort(),
			seq(64, false), 64, 50, 16)
		conn.PlugIn(r.MemPort(), 64)
		r.Start()
		rs = append(rs, r)
	}
	require.NoError(t, engine.Run())
	for _, r := range rs {
		require.True(t, r.Done())
	}
	require.Equal(t, uint64(100), c.Stats().ReadRequests)
}
