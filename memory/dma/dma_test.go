package dma

import (
	"testing"

	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"
	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/memory"
)

// stubMemory answers every request exactly latency cycles after it takes
// it and records how many were in flight at once.
type stubMemory struct {
	*sim.TickingComponent
	top         sim.Port
	latency     int
	inflight    []answer
	maxInflight int
	sizes       []uint64
}

type answer struct {
	at  sim.VTimeInSec
	rsp sim.Msg
}

func newStubMemory(engine sim.Engine, latency int) *stubMemory {
	m := &stubMemory{latency: latency}
	m.TickingComponent = sim.NewTickingComponent("Mem", engine, 1*sim.GHz, m)
	m.top = sim.NewLimitNumMsgPort(m, 64, "Mem.Top")
	return m
}

func (m *stubMemory) Tick(now sim.VTimeInSec) bool {
	progress := false
	for len(m.inflight) > 0 && m.inflight[0].at <= now {
		rsp := m.inflight[0].rsp
		rsp.Meta().SendTime = now
		if m.top.Send(rsp) != nil {
			break
		}
		m.inflight = m.inflight[1:]
		progress = true
	}
	for msg := m.top.Retrieve(now); msg != nil; msg = m.top.Retrieve(now) {
		m.take(now, msg)
		progress = true
	}
	m.maxInflight = max(m.maxInflight, len(m.inflight))
	return progress || len(m.inflight) > 0
}

func (m *stubMemory) take(now sim.VTimeInSec, msg sim.Msg) {
	at := m.Freq.NCyclesLater(m.latency, now)
	switch r := msg.(type) {
	case *mem.ReadReq:
		m.sizes = append(m.sizes, r.AccessByteSize)
		m.inflight = append(m.inflight, answer{at, mem.DataReadyRspBuilder{}.WithSrc(m.top).WithDst(r.Src).WithRspTo(r.ID).Build()})
	case *mem.WriteReq:
		m.sizes = append(m.sizes, uint64(len(r.Data)))
		m.inflight = append(m.inflight, answer{at, mem.WriteDoneRspBuilder{}.WithSrc(m.top).WithDst(r.Src).WithRspTo(r.ID).Build()})
	}
}

// requester sends transfer requests and collects the responses.
type requester struct {
	*sim.TickingComponent
	port    sim.Port
	toSend  []*TransferReq
	replies []*TransferRsp
}

func (r *requester) Tick(now sim.VTimeInSec) bool {
	progress := false
	for len(r.toSend) > 0 {
		req := r.toSend[0]
		req.SendTime = now
		if r.port.Send(req) != nil {
			break
		}
		r.toSend = r.toSend[1:]
		progress = true
	}
	for msg := r.port.Retrieve(now); msg != nil; msg = r.port.Retrieve(now) {
		r.replies = append(r.replies, msg.(*TransferRsp))
		progress = true
	}
	return progress
}

type rig struct {
	engine sim.Engine
	dma    *Comp
	mem    *stubMemory
	req    *requester
	buf    *memory.Buffer
	tasks  []tracing.Task
}

func newRig(t *testing.T, reqBytes, outstanding, latency int) *rig {
	r := &rig{engine: sim.NewSerialEngine()}
	r.mem = newStubMemory(r.engine, latency)
	r.dma = MakeBuilder().WithEngine(r.engine).WithRequestBytes(reqBytes).WithMaxOutstanding(outstanding).
		WithDRAM(r.mem.top).WithTaskSink(func(task tracing.Task) { r.tasks = append(r.tasks, task) }).Build("DMA")
	r.req = &requester{}
	r.req.TickingComponent = sim.NewTickingComponent("Req", r.engine, 1*sim.GHz, r.req)
	r.req.port = sim.NewLimitNumMsgPort(r.req, 64, "Req.Port")
	for _, pair := range [][2]sim.Port{{r.req.port, r.dma.CtrlPort()}, {r.dma.MemPort(), r.mem.top}} {
		conn := sim.NewDirectConnection("Conn", r.engine, 1*sim.GHz)
		conn.PlugIn(pair[0], 64)
		conn.PlugIn(pair[1], 64)
	}
	var err error
	r.buf, err = memory.MakeBufferBuilder().Build("Buf")
	require.NoError(t, err)
	return r
}

func (r *rig) run(t *testing.T, reqs ...*TransferReq) {
	for _, q := range reqs {
		q.Src, q.Dst = r.req.port, r.dma.CtrlPort()
	}
	r.req.toSend = reqs
	r.req.TickNow(0)
	require.NoError(t, r.engine.Run())
	require.Len(t, r.req.replies, len(reqs), "every transfer answered")
	require.True(t, r.dma.Idle())
}

func TestTransfersAreSplitAndBounded(t *testing.T) {
	r := newRig(t, 1024, 3, 10)
	load := TransferReqBuilder{}.WithLoad(r.buf, 0, 10*1024+100).WithTag(7).Build()
	store := TransferReqBuilder{}.WithStore(r.buf, 1<<20, 2048).WithTag(8).Build()
	r.run(t, load, store)
	// 10 full requests and one of 100 bytes for the load, 2 for the store.
	require.Len(t, r.mem.sizes, 13)
	require.Equal(t, uint64(100), r.mem.sizes[10])
	require.Equal(t, 3, r.mem.maxInflight, "never more than the outstanding limit")
	s := r.dma.Stats()
	require.Equal(t, int64(10*1024+100), s.BytesRead)
	require.Equal(t, int64(2048), s.BytesWritten)
	require.Equal(t, int64(13), s.Requests)
	// The DMA side of the buffer is counted by the transfer's owner, not here.
	require.Zero(t, r.buf.Stats().DMAWriteWords+r.buf.Stats().DMAReadWords)
	require.Equal(t, []int{7, 8}, []int{r.req.replies[0].Tag, r.req.replies[1].Tag})
}

func TestNotBeforeHoldsATransferBack(t *testing.T) {
	r := newRig(t, 1024, 16, 5)
	late := TransferReqBuilder{}.WithLoad(r.buf, 0, 512).WithNotBefore(sim.VTimeInSec(300e-9)).WithTag(1).Build()
	early := TransferReqBuilder{}.WithLoad(r.buf, 4096, 512).WithTag(2).Build()
	r.run(t, late, early)
	// The early transfer is served first although it came second. The late
	// one sends its request in cycle 300; the memory takes it in its next
	// tick (301, one cycle per hop through an Akita port), answers 5 cycles
	// later (306), and the DMA handles the answer in 307.
	require.Equal(t, 2, r.req.replies[0].Tag)
	require.Len(t, r.tasks, 2)
	require.InDelta(t, 300e-9, float64(r.tasks[1].StartTime), 1e-12)
	require.InDelta(t, 307e-9, float64(r.req.replies[1].DoneAt), 1e-12)
}

// A prefetch goes only while no other transfer is ready: sent first and
// ready first, it still waits for a regular transfer that is ready; with a
// single request in flight at a time, the regular transfer's two requests
// are served before the prefetch's, and the prefetch still goes while the
// regular one must wait (its NotBefore in the future). Once its
// PrefetchUntil has passed, it is served in its turn.
func TestPrefetchYieldsToReadyTransfers(t *testing.T) {
	r := newRig(t, 256, 1, 5)
	pre := TransferReqBuilder{}.WithLoad(r.buf, 0, 512).WithPrefetchUntil(sim.VTimeInSec(1)).WithTag(1).Build()
	now := TransferReqBuilder{}.WithLoad(r.buf, 4096, 512).WithTag(2).Build()
	r.run(t, pre, now)
	require.Equal(t, []int{2, 1}, []int{r.req.replies[0].Tag, r.req.replies[1].Tag})

	r = newRig(t, 256, 1, 5)
	pre = TransferReqBuilder{}.WithLoad(r.buf, 0, 512).WithPrefetchUntil(sim.VTimeInSec(1)).WithTag(1).Build()
	later := TransferReqBuilder{}.WithLoad(r.buf, 4096, 512).WithNotBefore(sim.VTimeInSec(500e-9)).WithTag(2).Build()
	r.run(t, pre, later)
	require.Equal(t, []int{1, 2}, []int{r.req.replies[0].Tag, r.req.replies[1].Tag}, "nothing else ready: the prefetch goes")
	require.Less(t, float64(r.req.replies[0].DoneAt), 500e-9)
}

func TestPrefetchBecomesOrdinary(t *testing.T) {
	r := newRig(t, 256, 1, 5)
	pre := TransferReqBuilder{}.WithLoad(r.buf, 0, 512).WithPrefetchUntil(sim.VTimeInSec(1e-12)).WithTag(1).Build()
	pre.NotBefore = sim.VTimeInSec(2e-12)
	now := TransferReqBuilder{}.WithLoad(r.buf, 4096, 512).WithNotBefore(sim.VTimeInSec(2e-12)).WithTag(2).Build()
	r.run(t, pre, now)
	require.Equal(t, []int{1, 2}, []int{r.req.replies[0].Tag, r.req.replies[1].Tag}, "no longer a prefetch: first come")
}
