package bandwidth

import (
	"log"
	"math"
	"reflect"

	"github.com/logsim/logsim/memory/dram/internal/reply"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
)

// roundingSlack absorbs floating-point error when a time in fractional
// cycles is rounded up to a clock edge, in cycles.
const roundingSlack = 1e-6

// Comp is a bandwidth-and-latency DRAM.
type Comp struct {
	*sim.TickingComponent

	topPort   sim.Port
	responder *reply.Responder

	bytesPerCycle float64 // peak bandwidth, bytes per cycle of the clock
	latencyCycles float64 // latency, cycles of the clock
	cycleNS       float64 // clock period, ns
	busFree       float64 // cycle at which the bus finishes its last request

	stats spec.Stats
}

// TopPort is the port requests arrive on (also registered as "Top").
func (c *Comp) TopPort() sim.Port { return c.topPort }

// Stats returns the counters so far.
func (c *Comp) Stats() spec.Stats { return c.stats }

// BytesPerCycle is the peak bandwidth in bytes per cycle of the model's
// clock.
func (c *Comp) BytesPerCycle() float64 { return c.bytesPerCycle }

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
		log.Panicf("bandwidth DRAM %s cannot handle event of type %s", c.Name(), reflect.TypeOf(e))
	}
	return nil
}

// Tick takes every waiting request, then sends the responses that are due.
func (c *Comp) Tick(now sim.VTimeInSec) bool {
	madeProgress := c.parseTop(now)
	madeProgress = c.responder.Respond(now) || madeProgress
	return madeProgress
}

func (c *Comp) parseTop(now sim.VTimeInSec) bool {
	madeProgress := false
	for {
		msg := c.topPort.Retrieve(now)
		if msg == nil {
			return madeProgress
		}
		req, ok := msg.(mem.AccessReq)
		if !ok {
			log.Panicf("bandwidth DRAM %s cannot handle message of type %s", c.Name(), reflect.TypeOf(msg))
		}
		c.serve(now, req)
		madeProgress = true
	}
}

// serve books the bus for req and schedules its response.
func (c *Comp) serve(now sim.VTimeInSec, req mem.AccessReq) {
	service := float64(req.GetByteSize()) / c.bytesPerCycle
	start := math.Max(float64(c.Freq.Cycle(now)), c.busFree)
	c.busFree = start + service
	due := uint64(math.Ceil(c.busFree + c.latencyCycles - roundingSlack))
	c.responder.Push(reply.CycleTime(c.Freq, due), req)
	c.stats.TransferredBytes += req.GetByteSize()
	c.stats.BusyNS += service * c.cycleNS
}
