package dma

import (
	"fmt"
	"log"
	"reflect"

	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"
)

// Comp is the DMA engine.
type Comp struct {
	*sim.TickingComponent

	ctrlPort, memPort sim.Port
	requestBytes      int
	maxOutstanding    int
	zeros             []byte // payload of write requests (timing only)
	dram              sim.Port
	sink              func(tracing.Task)

	queue     queue               // accepted transfers not yet fully issued, in order
	inflight  map[string]*pending // DRAM request ID → its transfer
	responses []*TransferRsp
	wakeAt    sim.VTimeInSec // a wake-up is scheduled for this time (0: none)
	stats     Stats
}

// Stats counts the DMA's traffic.
type Stats struct {
	BytesRead    int64 // from DRAM
	BytesWritten int64 // to DRAM
	Requests     int64 // DRAM requests sent
	Transfers    int64 // transfers finished
}

type transfer struct {
	req       *TransferReq
	issued    int64 // bytes sent to DRAM
	remaining int64 // bytes not yet answered
	startedAt sim.VTimeInSec
}

type pending struct {
	t     *transfer
	bytes int64
}

// wakeEvent ends a NotBefore wait.
type wakeEvent struct{ *sim.EventBase }

// CtrlPort is the port transfer requests arrive on.
func (c *Comp) CtrlPort() sim.Port { return c.ctrlPort }

// MemPort is the port connected to DRAM.
func (c *Comp) MemPort() sim.Port { return c.memPort }

// Stats returns the traffic so far.
func (c *Comp) Stats() Stats { return c.stats }

// Idle reports whether the DMA has nothing queued or in flight.
func (c *Comp) Idle() bool { return len(c.queue) == 0 && len(c.inflight) == 0 && len(c.responses) == 0 }

// Handle handles ticks and wake-ups.
func (c *Comp) Handle(e sim.Event) error {
	switch e := e.(type) {
	case *wakeEvent:
		c.wakeAt = 0
		c.TickNow(e.Time())
	case sim.TickEvent:
		return c.TickingComponent.Handle(e)
	default:
		log.Panicf("%s cannot handle event of %s", c.Name(), reflect.TypeOf(e))
	}
	return nil
}

// Tick runs the stages back to front.
func (c *Comp) Tick(now sim.VTimeInSec) bool {
	progress := c.sendResponses(now)
	progress = c.handleMemResponses(now) || progress
	progress = c.issueRequests(now) || progress
	progress = c.acceptTransfers(now) || progress
	return progress
}

func (c *Comp) sendResponses(now sim.VTimeInSec) bool {
	progress := false
	for len(c.responses) > 0 {
		rsp := c.responses[0]
		rsp.SendTime = now
		if c.ctrlPort.Send(rsp) != nil {
			break
		}
		c.responses = c.responses[1:]
		progress = true
	}
	return progress
}

func (c *Comp) acceptTransfers(now sim.VTimeInSec) bool {
	progress := false
	for {
		msg := c.ctrlPort.Retrieve(now)
		if msg == nil {
			return progress
		}
		req, ok := msg.(*TransferReq)
		if !ok {
			log.Panicf("%s cannot handle message of %s", c.Name(), reflect.TypeOf(msg))
		}
		c.queue.add(&transfer{req: req, remaining: req.Bytes})
		progress = true
	}
}

// issueRequests sends requests while the outstanding limit allows: of the
// transfer pick chooses. With nothing ready, the DMA sleeps until the
// earliest NotBefore.
func (c *Comp) issueRequests(now sim.VTimeInSec) bool {
	progress := false
	for len(c.queue) > 0 && len(c.inflight) < c.maxOutstanding {
		i, wake := c.queue.pick(now)
		if i < 0 {
			c.sleepUntil(wake)
			return progress
		}
		t := c.queue[i]
		if t.req.Bytes == 0 {
			t.startedAt = now
			c.finish(t, now)
			c.queue.remove(i)
			continue
		}
		if !c.sendOne(t, now) {
			return progress
		}
		progress = true
		if t.issued == t.req.Bytes {
			c.queue.remove(i)
		}
	}
	return progress
}

func (c *Comp) sleepUntil(t sim.VTimeInSec) {
	if c.wakeAt == t {
		return
	}
	c.wakeAt = t
	c.Engine.Schedule(&wakeEvent{sim.NewEventBase(t, c)})
}

func (c *Comp) sendOne(t *transfer, now sim.VTimeInSec) bool {
	n := min(int64(c.requestBytes), t.req.Bytes-t.issued)
	addr := t.req.Addr + uint64(t.issued)
	var msg sim.Msg
	if t.req.Dir == Load {
		msg = mem.ReadReqBuilder{}.WithSendTime(now).WithSrc(c.memPort).WithDst(c.dramPort()).
			WithAddress(addr).WithByteSize(uint64(n)).Build()
	} else {
		msg = mem.WriteReqBuilder{}.WithSendTime(now).WithSrc(c.memPort).WithDst(c.dramPort()).
			WithAddress(addr).WithData(c.zeros[:n]).Build()
	}
	if c.memPort.Send(msg) != nil {
		return false
	}
	if t.issued == 0 {
		t.startedAt = now
	}
	c.inflight[msg.Meta().ID] = &pending{t: t, bytes: n}
	t.issued += n
	c.stats.Requests++
	return true
}

func (c *Comp) handleMemResponses(now sim.VTimeInSec) bool {
	progress := false
	for {
		msg := c.memPort.Retrieve(now)
		if msg == nil {
			return progress
		}
		rsp, ok := msg.(mem.AccessRsp)
		if !ok {
			log.Panicf("%s cannot handle message of %s", c.Name(), reflect.TypeOf(msg))
		}
		c.complete(rsp.GetRspTo(), now)
		progress = true
	}
}

func (c *Comp) complete(reqID string, now sim.VTimeInSec) {
	p, ok := c.inflight[reqID]
	if !ok {
		log.Panicf("%s: response to unknown request %s", c.Name(), reqID)
	}
	delete(c.inflight, reqID)
	t := p.t
	t.remaining -= p.bytes
	if t.req.Dir == Load {
		c.stats.BytesRead += p.bytes
	} else {
		c.stats.BytesWritten += p.bytes
	}
	if t.remaining == 0 {
		c.finish(t, now)
	}
}

func (c *Comp) finish(t *transfer, now sim.VTimeInSec) {
	c.stats.Transfers++
	c.trace(t, now)
	rsp := t.response(now)
	rsp.ID, rsp.Src = sim.GetIDGenerator().Generate(), c.ctrlPort
	c.responses = append(c.responses, rsp)
}

// response is the answer to the transfer, finished at now.
func (t *transfer) response(now sim.VTimeInSec) *TransferRsp {
	return &TransferRsp{MsgMeta: sim.MsgMeta{Dst: t.req.Src}, RespondTo: t.req.ID, Tag: t.req.Tag,
		StartedAt: t.startedAt, DoneAt: now}
}

// dramPort is the DRAM model's Top port.
func (c *Comp) dramPort() sim.Port { return c.dram }

func (c *Comp) trace(t *transfer, now sim.VTimeInSec) {
	if c.sink == nil {
		return
	}
	kind := "load"
	if t.req.Dir == Store {
		kind = "store"
	}
	c.sink(tracing.Task{ID: fmt.Sprintf("%s.X%d", c.Name(), c.stats.Transfers), Kind: kind, What: t.req.What, Where: c.Name(),
		StartTime: t.startedAt, EndTime: now, Detail: t.req.Info})
}
