package akitadram

import (
	"log"
	"reflect"

	"github.com/logsim/logsim/memory/dram/addrmap"
	"github.com/logsim/logsim/memory/dram/internal/reply"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/mem/dram"
	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
)

// Comp is the front end of the `akita` model; the controllers behind it
// are Akita's own components.
type Comp struct {
	*sim.TickingComponent

	topPort     sim.Port
	bottomPort  sim.Port
	controllers []*dram.MemController
	params      spec.Params
	mapping     addrmap.Mapping
	layout      layout

	pending  map[string]*parent // piece ID → the request it belongs to
	outbound []sim.Msg          // pieces not yet accepted by the connection
	answers  []sim.Msg          // responses not yet accepted by the connection
	deferred []mem.AccessReq    // empty requests, answered in the next tick
	zeros    []byte             // write payload shared by all pieces
	stats    spec.Stats
}

// parent is a request waiting for its pieces.
type parent struct {
	req       mem.AccessReq
	remaining int
}

// TopPort is the port requests arrive on (also registered as "Top").
func (c *Comp) TopPort() sim.Port { return c.topPort }

// Stats returns the counters so far. Every burst is a row miss (close page).
func (c *Comp) Stats() spec.Stats { return c.stats }

// Controllers returns Akita's controllers, one per channel.
func (c *Comp) Controllers() []*dram.MemController { return c.controllers }

// NotifyRecv handles a message the moment it arrives, so that the front
// end adds no cycle on either path.
func (c *Comp) NotifyRecv(now sim.VTimeInSec, _ sim.Port) {
	if c.work(now) {
		c.TickLater(now)
	}
}

// NotifyPortFree retries what a full connection refused.
func (c *Comp) NotifyPortFree(now sim.VTimeInSec, _ sim.Port) {
	if c.work(now) {
		c.TickLater(now)
	}
}

// Tick answers empty requests and retries sends a full connection refused.
func (c *Comp) Tick(now sim.VTimeInSec) bool {
	for _, req := range c.deferred {
		c.answers = append(c.answers, reply.Response(now, c.topPort, req))
		c.count(req)
	}
	c.deferred = c.deferred[:0]
	c.work(now)
	return false
}

// work forwards what can be forwarded and reports whether something is
// still waiting for a connection.
func (c *Comp) work(now sim.VTimeInSec) bool {
	c.collectAnswers(now)
	c.splitRequests(now)
	c.outbound = c.sendAll(c.outbound)
	c.answers = c.sendAll(c.answers)
	return len(c.outbound) > 0 || len(c.answers) > 0
}

func (c *Comp) sendAll(msgs []sim.Msg) []sim.Msg {
	for len(msgs) > 0 {
		if err := msgs[0].Meta().Src.Send(msgs[0]); err != nil {
			break
		}
		msgs = msgs[1:]
	}
	return msgs
}

// splitRequests turns every waiting request into pieces for the controllers.
func (c *Comp) splitRequests(now sim.VTimeInSec) {
	for {
		msg := c.topPort.Retrieve(now)
		if msg == nil {
			return
		}
		req, ok := msg.(mem.AccessReq)
		if !ok {
			log.Panicf("akita DRAM %s cannot handle message of type %s", c.Name(), reflect.TypeOf(msg))
		}
		c.split(now, req)
	}
}

// split cuts req into runs of consecutive bursts in one row of one bank,
// each shorter than the controller's transaction queue.
func (c *Comp) split(now sim.VTimeInSec, req mem.AccessReq) {
	p := &parent{req: req}
	start, end := req.GetAddress(), req.GetAddress()+req.GetByteSize()
	b := c.mapping.BurstBytes()
	maxBursts := c.params.TransactionQueueDepth - 1
	for addr := start; addr < end; {
		loc := c.mapping.Map(addr)
		pieceStart, bursts := addr, 0
		for addr < end && bursts < maxBursts && c.continues(loc, addr, bursts) {
			addr = (addr/b + 1) * b
			bursts++
		}
		size := min(addr, end) - pieceStart
		c.send(now, p, loc, c.layout.address(loc)+pieceStart%b, size)
		c.stats.TransferredBytes += uint64(bursts) * b
		c.stats.RowMisses += uint64(bursts)
		c.stats.BusyNS += float64(bursts*c.params.BurstCycles()) * c.params.CycleNS()
	}
	if p.remaining == 0 { // an empty request: answered from Tick, a primary event
		c.deferred = append(c.deferred, req)
		c.TickLater(now)
	}
}

// continues says whether the burst at addr is the next column of the run
// that started at loc.
func (c *Comp) continues(loc addrmap.Location, addr uint64, bursts int) bool {
	next := c.mapping.Map(addr)
	return next.Channel == loc.Channel && next.Rank == loc.Rank &&
		next.BankGroup == loc.BankGroup && next.Bank == loc.Bank &&
		next.Row == loc.Row && next.Column == loc.Column+bursts
}

func (c *Comp) send(now sim.VTimeInSec, p *parent, loc addrmap.Location, addr, size uint64) {
	dst := c.controllers[loc.Channel].GetPortByName("Top")
	var piece sim.Msg
	if _, write := p.req.(*mem.WriteReq); write {
		piece = mem.WriteReqBuilder{}.WithSendTime(now).WithSrc(c.bottomPort).WithDst(dst).
			WithAddress(addr).WithData(c.zeros[:size]).Build()
	} else {
		piece = mem.ReadReqBuilder{}.WithSendTime(now).WithSrc(c.bottomPort).WithDst(dst).
			WithAddress(addr).WithByteSize(size).Build()
	}
	c.pending[piece.Meta().ID] = p
	p.remaining++
	c.outbound = append(c.outbound, piece)
}

// collectAnswers matches the controllers' responses to their requests and
// answers every request whose pieces are all done.
func (c *Comp) collectAnswers(now sim.VTimeInSec) {
	for {
		msg := c.bottomPort.Retrieve(now)
		if msg == nil {
			return
		}
		rsp, ok := msg.(mem.AccessRsp)
		if !ok {
			log.Panicf("akita DRAM %s cannot handle message of type %s", c.Name(), reflect.TypeOf(msg))
		}
		p := c.pending[rsp.GetRspTo()]
		delete(c.pending, rsp.GetRspTo())
		p.remaining--
		if p.remaining == 0 {
			c.answers = append(c.answers, reply.Response(now, c.topPort, p.req))
			c.count(p.req)
		}
	}
}

func (c *Comp) count(req mem.AccessReq) {
	if _, isWrite := req.(*mem.WriteReq); isWrite {
		c.stats.WriteRequests++
		c.stats.BytesWritten += req.GetByteSize()
		return
	}
	c.stats.ReadRequests++
	c.stats.BytesRead += req.GetByteSize()
}
