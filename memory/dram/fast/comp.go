package fast

import (
	"log"
	"reflect"

	"github.com/logsim/logsim/memory/dram/addrmap"
	"github.com/logsim/logsim/memory/dram/internal/reply"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
)

// Comp is the `fast` DRAM model: one Akita component for all channels.
//
// Each channel's scheduler decides its commands cycle by cycle, but it
// jumps from one cycle where something can happen to the next, so the cost
// is per command, not per cycle. Decisions are only ever made for cycles
// that no future request can change: a request taken in cycle k can issue
// its first command in cycle k + FrontendCycles at the earliest, and while
// the request at the head of the port cannot be taken, no other can
// either. The model therefore wakes up
//   - when the head of the port can be taken (decided in advance: until
//     then nothing else can enter the model), and
//   - otherwise, while bursts are pending, at the next event plus the
//     shortest command-to-data latency: no request can complete earlier,
//     so every response is known before it is due.
type Comp struct {
	*sim.TickingComponent

	topPort   sim.Port
	responder *reply.Responder
	params    spec.Params
	mapping   addrmap.Mapping
	t         timing

	live    []chanState // per channel
	slots   slotTable
	decided int64 // every cycle up to this one is decided
	seq     int64 // bursts taken so far
	stats   spec.Stats

	onDone  doneFunc
	minLat  int64  // the shortest column-command-to-response latency, in cycles
	touched []bool // scratch: the channels of the head request
}

// TopPort is the port requests arrive on (also registered as "Top").
func (c *Comp) TopPort() sim.Port { return c.topPort }

// Params returns the parameters the model was built with.
func (c *Comp) Params() spec.Params { return c.params }

// Stats returns the counters of the decided cycles (all of them once the
// model is idle).
func (c *Comp) Stats() spec.Stats {
	s := c.stats
	for i := range c.live {
		s = s.Add(c.live[i].stats)
	}
	return s
}

// Handle runs wake-up events and tick events.
func (c *Comp) Handle(e sim.Event) error {
	switch e := e.(type) {
	case reply.WakeEvent:
		c.responder.Fired(e.Time())
		if c.Tick(e.Time()) {
			c.TickLater(e.Time())
		}
	case sim.TickEvent:
		return c.TickingComponent.Handle(e)
	default:
		log.Panicf("fast DRAM %s cannot handle event of type %s", c.Name(), reflect.TypeOf(e))
	}
	return nil
}

// Tick decides the cycles up to the current one, takes a request if it
// can, and arranges the next wake-up. It asks for the next cycle's tick
// only when another request can be taken then.
func (c *Comp) Tick(now sim.VTimeInSec) bool {
	k := int64(c.Freq.Cycle(now))
	c.decideUntil(k)
	more := false
	if c.decided == k && c.parseTop(k) {
		more = c.headReady()
	}
	if !more {
		c.arrangeWake(k)
	}
	c.responder.Respond(now)
	return more
}

// decideUntil decides every cycle up to k in every channel.
func (c *Comp) decideUntil(k int64) {
	if k <= c.decided {
		return
	}
	for i := range c.live {
		c.live[i].runUntil(&c.t, k, c.onDone)
	}
	c.decided = k
}

// arrangeWake schedules the next wake-up after cycle k (see Comp).
func (c *Comp) arrangeWake(k int64) {
	if c.topPort.Peek() != nil {
		c.decideUntilHeadReady()
		c.responder.WakeAt(c.timeOf(max(c.decided, k+1)))
		return
	}
	next := noWork
	for i := range c.live {
		if c.live[i].busy() {
			next = min(next, c.live[i].next)
		}
	}
	if next < noWork {
		c.responder.WakeAt(c.timeOf(max(next+c.minLat, k+1)))
	}
}

// decideUntilHeadReady decides cycles, in time order across channels,
// until the request at the head of the port can be taken.
func (c *Comp) decideUntilHeadReady() {
	c.markHead()
	for !c.headReady() {
		i := c.earliestBusy()
		if i < 0 {
			return // cannot happen: a full queue drains
		}
		cycle := c.live[i].next
		c.live[i].process(&c.t, cycle, c.onDone)
		if cycle > c.decided {
			c.decided = cycle
		}
	}
	for i := range c.live {
		c.live[i].runUntil(&c.t, c.decided, c.onDone)
	}
}

// earliestBusy is the channel with bursts waiting whose next event comes
// first, or −1.
func (c *Comp) earliestBusy() int {
	best := -1
	for i := range c.live {
		if c.live[i].busy() && (best < 0 || c.live[i].next < c.live[best].next) {
			best = i
		}
	}
	return best
}

// done receives the last data cycle of every burst whose column command
// issues, and answers its request after the last one.
func (c *Comp) done(slot int32, end int64) {
	if c.slots.done(slot, end) {
		c.responder.Push(c.timeOf(c.slots.doneAt[slot]+c.t.backend), c.slots.reqs[slot])
		c.slots.release(slot)
	}
}

// head returns the burst range of the request waiting in the port.
func (c *Comp) head() (first, last uint64, ok bool) {
	msg := c.topPort.Peek()
	if msg == nil {
		return 0, 0, false
	}
	req, isReq := msg.(mem.AccessReq)
	if !isReq {
		log.Panicf("fast DRAM %s cannot handle message of type %s", c.Name(), reflect.TypeOf(msg))
	}
	first, last = c.burstRange(req)
	return first, last, true
}

// markHead records which channels the request at the head of the port
// touches.
func (c *Comp) markHead() {
	for i := range c.touched {
		c.touched[i] = false
	}
	first, last, ok := c.head()
	if !ok {
		return
	}
	if len(c.touched) == 1 {
		c.touched[0] = true
		return
	}
	b := c.mapping.BurstBytes()
	for i := first; i < last; i++ {
		c.touched[c.mapping.Map(i*b).Channel] = true
	}
}

// headReady reports whether the request at the head of the port can be
// taken (call markHead first): every channel it touches has nobody waiting
// after the port and room in the queue it goes to — Akita's controller
// takes a request only when its queue has room.
func (c *Comp) headReady() bool {
	if c.topPort.Peek() == nil {
		return false
	}
	write := c.writeHead()
	for i, touched := range c.touched {
		s := &c.live[i]
		if !touched {
			continue
		}
		room := s.txn.len() < c.t.txnDepth
		if write && c.t.drain {
			room = s.writeQ.len() < c.t.writeDepth
		}
		if len(s.inbox) > 0 || !room {
			return false
		}
	}
	return true
}

func (c *Comp) writeHead() bool {
	_, write := c.topPort.Peek().(*mem.WriteReq)
	return write
}

// parseTop takes the request waiting in the port, if it can, at cycle k,
// and marks the next one.
func (c *Comp) parseTop(k int64) bool {
	c.markHead()
	if !c.headReady() {
		return false
	}
	first, last, _ := c.head()
	req := c.topPort.Retrieve(c.timeOf(k)).(mem.AccessReq) // checked by head
	_, write := req.(*mem.WriteReq)
	b := c.mapping.BurstBytes()
	c.stats.TransferredBytes += (last - first) * b
	slot := int32(-1)
	if (write && c.t.drain) || first == last { // posted write, or empty
		c.responder.Push(c.timeOf(k+c.t.frontend+c.t.backend), req)
	} else {
		slot = c.slots.alloc(req, int32(last-first))
	}
	for i := first; i < last; i++ {
		loc := c.mapping.Map(i * b)
		s := &c.live[loc.Channel]
		s.inbox = append(s.inbox, c.burstAt(loc, slot, write, k))
	}
	for i, touched := range c.touched {
		if touched {
			c.live[i].admit(&c.t, k)
			c.live[i].replanAfterAdmit(&c.t)
		}
	}
	c.markHead()
	return true
}

func (c *Comp) burstAt(loc addrmap.Location, slot int32, write bool, k int64) burst {
	bank := (loc.Rank*c.t.bankGroups+loc.BankGroup)*c.t.banksPerGroup + loc.Bank
	c.seq++
	return burst{
		req: slot, rank: int32(loc.Rank), bg: int32(loc.BankGroup), bank: int32(bank),
		row: int32(loc.Row), write: write, movable: k + c.t.frontend - 1, seq: c.seq,
	}
}

// burstRange is the range [first, last) of burst indices req touches.
func (c *Comp) burstRange(req mem.AccessReq) (first, last uint64) {
	b := c.mapping.BurstBytes()
	first = req.GetAddress() / b
	last = first
	if size := req.GetByteSize(); size > 0 {
		last = (req.GetAddress()+size-1)/b + 1
	}
	return first, last
}

func (c *Comp) timeOf(cycle int64) sim.VTimeInSec {
	return reply.CycleTime(c.Freq, uint64(cycle))
}
