// Package reply holds the response side shared by logsim's event-driven
// DRAM models: a queue of responses ordered by the time they are due, sent
// through the model's top port, and a wake-up event that brings a sleeping
// model back at the first due time. A model that uses it costs one engine
// event per distinct response time, not one per cycle.
package reply

import (
	"container/heap"

	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
)

// Queue holds the requests whose responses are not sent yet.
type Queue struct {
	port    sim.Port
	pending pendingHeap
	seq     uint64
}

// NewQueue makes a queue that answers through port.
func NewQueue(port sim.Port) *Queue {
	return &Queue{port: port}
}

// Push records that req must be answered at time at (or as soon after as
// the port allows). Responses due at the same time go out in push order.
func (q *Queue) Push(at sim.VTimeInSec, req mem.AccessReq) {
	q.seq++
	heap.Push(&q.pending, pending{at: at, seq: q.seq, req: req})
}

// Len is the number of responses not sent yet.
func (q *Queue) Len() int { return len(q.pending) }

// NextDue returns the earliest due time, and false when nothing is pending.
func (q *Queue) NextDue() (sim.VTimeInSec, bool) {
	if len(q.pending) == 0 {
		return 0, false
	}
	return q.pending[0].at, true
}

// SendDue sends every response due at or before now, in due order, until
// the port refuses one (it is retried when the port frees). It reports
// whether it sent anything; onSent is called with each answered request.
func (q *Queue) SendDue(now sim.VTimeInSec, onSent func(mem.AccessReq)) bool {
	sent := false
	for len(q.pending) > 0 && q.pending[0].at <= now {
		req := q.pending[0].req
		if err := q.port.Send(Response(now, q.port, req)); err != nil {
			break
		}
		heap.Pop(&q.pending)
		sent = true
		if onSent != nil {
			onSent(req)
		}
	}
	return sent
}

// Response builds the answer to req sent from port at time now: a
// DataReadyRsp (without data: logsim models timing only) for a read, a
// WriteDoneRsp for a write.
func Response(now sim.VTimeInSec, port sim.Port, req mem.AccessReq) sim.Msg {
	if _, isWrite := req.(*mem.WriteReq); isWrite {
		return mem.WriteDoneRspBuilder{}.
			WithSendTime(now).WithSrc(port).WithDst(req.Meta().Src).
			WithRspTo(req.Meta().ID).Build()
	}
	return mem.DataReadyRspBuilder{}.
		WithSendTime(now).WithSrc(port).WithDst(req.Meta().Src).
		WithRspTo(req.Meta().ID).Build()
}

type pending struct {
	at  sim.VTimeInSec
	seq uint64
	req mem.AccessReq
}

type pendingHeap []pending

func (h pendingHeap) Len() int { return len(h) }
func (h pendingHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].seq < h[j].seq
}
func (h pendingHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *pendingHeap) Push(x any)   { *h = append(*h, x.(pending)) }
func (h *pendingHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// WakeEvent brings a sleeping model back at a given time.
type WakeEvent struct {
	*sim.EventBase
}

// Waker schedules WakeEvents for one handler, keeping at most one pending
// wake-up at or before any requested time.
type Waker struct {
	engine  sim.Engine
	handler sim.Handler
	has     bool
	at      sim.VTimeInSec
}

// NewWaker makes a waker whose events go to handler.
func NewWaker(engine sim.Engine, handler sim.Handler) *Waker {
	return &Waker{engine: engine, handler: handler}
}

// WakeAt makes sure a WakeEvent fires at time t or earlier.
func (w *Waker) WakeAt(t sim.VTimeInSec) {
	if w.has && w.at <= t {
		return
	}
	w.has, w.at = true, t
	w.engine.Schedule(WakeEvent{sim.NewEventBase(t, w.handler)})
}

// Fired must be called with the time of every WakeEvent handled.
func (w *Waker) Fired(t sim.VTimeInSec) {
	if w.has && w.at == t {
		w.has = false
	}
}

// Responder is the response side of a model: a Queue whose sends are
// counted into the model's statistics, and a Waker that brings the model
// back when the next response is due.
type Responder struct {
	queue *Queue
	waker *Waker
	stats *spec.Stats
}

// NewResponder makes a responder answering through port, waking handler,
// and counting answered requests into stats.
func NewResponder(
	engine sim.Engine,
	handler sim.Handler,
	port sim.Port,
	stats *spec.Stats,
) *Responder {
	return &Responder{queue: NewQueue(port), waker: NewWaker(engine, handler), stats: stats}
}

// Push schedules the response to req for time at. The wake-up for it is
// armed by the next call of Respond, which the model's Tick makes after
// taking requests.
func (r *Responder) Push(at sim.VTimeInSec, req mem.AccessReq) {
	r.queue.Push(at, req)
}

// Respond sends the responses due at now and arms a wake-up for the next
// one. It reports whether it sent anything.
func (r *Responder) Respond(now sim.VTimeInSec) bool {
	sent := r.queue.SendDue(now, r.count)
	if t, ok := r.queue.NextDue(); ok && t > now {
		r.waker.WakeAt(t)
	}
	return sent
}

// Fired must be called with the time of every WakeEvent the model handles.
func (r *Responder) Fired(t sim.VTimeInSec) { r.waker.Fired(t) }

// WakeAt asks for a WakeEvent at time t or earlier (t ≥ the current time).
func (r *Responder) WakeAt(t sim.VTimeInSec) { r.waker.WakeAt(t) }

// Pending is the number of responses not sent yet.
func (r *Responder) Pending() int { return r.queue.Len() }

func (r *Responder) count(req mem.AccessReq) {
	if _, isWrite := req.(*mem.WriteReq); isWrite {
		r.stats.WriteRequests++
		r.stats.BytesWritten += req.GetByteSize()
		return
	}
	r.stats.ReadRequests++
	r.stats.BytesRead += req.GetByteSize()
}

// CycleTime is the time of clock edge number cycle of a clock of frequency
// freq, computed as Akita's TickScheduler does so that both agree exactly.
func CycleTime(freq sim.Freq, cycle uint64) sim.VTimeInSec {
	return sim.VTimeInSec(float64(cycle) / float64(freq))
}
