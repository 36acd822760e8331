package dma

import (
	"math"

	"github.com/sarchlab/akita/v3/sim"

	"github.com/logsim/logsim/internal/clock"
	"github.com/logsim/logsim/internal/fifo"
)

// DRAMTiming is a DRAM model as the transfer-level DMA sees it: when the
// response to a request sent at a time is sent back. Requests are given in
// the order they are sent; responses must come back in that order.
type DRAMTiming interface {
	Respond(sent sim.VTimeInSec, bytes uint64) sim.VTimeInSec
}

// Timing is the DMA engine without the Akita engine, for a driver that
// ticks it itself (package sim/analytic): the same stages as Comp's Tick,
// the same queue and the same request sizes and outstanding limit, with
// each DRAM request reduced to the time its response arrives (DRAMTiming)
// instead of messages and events. Its transfers finish at the cycles
// Comp's would, as long as the DRAM answers in order and no port fills
// (Exact).
type Timing struct {
	freq           sim.Freq
	requestBytes   int64
	maxOutstanding int
	dram           DRAMTiming

	queue     queue
	arrivals  fifo.Queue[arrival] // transfer requests delivered, not yet taken
	inflight  fifo.Queue[inflightReq]
	responses []*TransferRsp
	sent      []*TransferRsp // the responses the last Tick returned; their slice is reused
	lastTick  sim.VTimeInSec
	nextEdge  sim.VTimeInSec // the edge after lastTick if that tick made progress, else +Inf
	stats     Stats
	edges     clock.Edges // of freq
}

// arrival is a transfer request delivered at at, which the DMA takes at
// the edge after it.
type arrival struct {
	at, edge sim.VTimeInSec
	req      *TransferReq
}

// inflightReq is a DRAM request in flight: its transfer, its bytes and the
// DMA tick that takes its response.
type inflightReq struct {
	t     *transfer
	bytes int64
	done  sim.VTimeInSec
}

// NewTiming returns the transfer-level DMA with the clock freq, the largest
// DRAM request in bytes and the requests it keeps in flight, in front of
// dram.
func NewTiming(freq sim.Freq, requestBytes, maxOutstanding int, dram DRAMTiming) *Timing {
	return &Timing{freq: freq, edges: clock.NewEdges(freq), requestBytes: int64(requestBytes), maxOutstanding: maxOutstanding,
		dram: dram, lastTick: -1, nextEdge: sim.VTimeInSec(math.Inf(1))}
}

// Exact reports whether the model follows Comp cycle for cycle: Comp sends
// all of a tick's requests through a port that buffers 64 messages.
func (d *Timing) Exact() bool { return d.maxOutstanding <= 64 }

// Stats returns the traffic so far.
func (d *Timing) Stats() Stats { return d.stats }

// Accept hands the DMA a transfer request delivered to its port at at.
func (d *Timing) Accept(at sim.VTimeInSec, req *TransferReq) {
	d.arrivals.Push(arrival{at: at, edge: d.edges.After(at), req: req})
}

// NextTick is the next time the DMA ticks, if it has anything to do: the
// edge after a tick that made progress or after a delivery, the tick that
// takes the oldest response, or the time a queued transfer becomes ready.
// Ticking at a time Comp would not is harmless (nothing is ready then).
func (d *Timing) NextTick() (sim.VTimeInSec, bool) {
	next := d.nextEdge
	if d.arrivals.Len() > 0 {
		next = min(next, d.arrivals.Front().edge)
	}
	if d.inflight.Len() > 0 {
		next = min(next, d.inflight.Front().done)
	}
	if d.inflight.Len() < d.maxOutstanding {
		for _, t := range d.queue {
			if t.req.NotBefore > d.lastTick {
				next = min(next, t.req.NotBefore)
			}
		}
	}
	return next, !math.IsInf(float64(next), 1)
}

// Tick runs Comp's stages at now and returns the responses it sends, which
// reach the controller at now. The slice returned is valid until the next
// Tick.
func (d *Timing) Tick(now sim.VTimeInSec) []*TransferRsp {
	clear(d.sent)
	d.sent, d.responses = d.responses, d.sent[:0]
	progress := len(d.sent) > 0
	progress = d.takeResponses(now) || progress
	progress = d.issueRequests(now) || progress
	progress = d.acceptTransfers(now) || progress
	d.lastTick, d.nextEdge = now, sim.VTimeInSec(math.Inf(1))
	if progress {
		d.nextEdge = d.edges.After(now)
	}
	return d.sent
}

// takeResponses completes the requests whose responses the DMA takes now.
func (d *Timing) takeResponses(now sim.VTimeInSec) bool {
	taken := false
	for d.inflight.Len() > 0 && d.inflight.Front().done <= now {
		p := *d.inflight.Front()
		d.inflight.Pop()
		p.t.remaining -= p.bytes
		d.count(p.t, p.bytes)
		if p.t.remaining == 0 {
			d.finish(p.t, now)
		}
		taken = true
	}
	return taken
}

func (d *Timing) count(t *transfer, bytes int64) {
	if t.req.Dir == Load {
		d.stats.BytesRead += bytes
	} else {
		d.stats.BytesWritten += bytes
	}
}

func (d *Timing) finish(t *transfer, now sim.VTimeInSec) {
	d.stats.Transfers++
	d.responses = append(d.responses, t.response(now))
}

// issueRequests sends requests of the transfer the queue picks while the
// outstanding limit allows, as Comp.issueRequests does.
func (d *Timing) issueRequests(now sim.VTimeInSec) bool {
	progress := false
	for len(d.queue) > 0 && d.inflight.Len() < d.maxOutstanding {
		i, _ := d.queue.pick(now)
		if i < 0 {
			return progress
		}
		t := d.queue[i]
		if t.req.Bytes == 0 {
			t.startedAt = now
			d.finish(t, now)
			d.queue.remove(i)
			continue
		}
		n := min(d.requestBytes, t.req.Bytes-t.issued)
		if t.issued == 0 {
			t.startedAt = now
		}
		d.inflight.Push(inflightReq{t: t, bytes: n, done: d.freq.NextTick(d.dram.Respond(now, uint64(n)))})
		t.issued += n
		d.stats.Requests++
		progress = true
		if t.issued == t.req.Bytes {
			d.queue.remove(i)
		}
	}
	return progress
}

// acceptTransfers queues the transfers delivered before now.
func (d *Timing) acceptTransfers(now sim.VTimeInSec) bool {
	taken := false
	for d.arrivals.Len() > 0 && d.arrivals.Front().at < now {
		req := d.arrivals.Front().req
		d.arrivals.Pop()
		d.queue.add(&transfer{req: req, remaining: req.Bytes})
		taken = true
	}
	return taken
}
