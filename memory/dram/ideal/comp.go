package ideal

import (
	"log"
	"reflect"

	"github.com/logsim/logsim/memory/dram/internal/reply"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
)

// Comp is an ideal DRAM: fixed latency, unlimited bandwidth.
type Comp struct {
	*sim.TickingComponent

	topPort       sim.Port
	responder     *reply.Responder
	latencyCycles uint64
	stats         spec.Stats
}

// TopPort is the port requests arrive on (also registered as "Top").
func (c *Comp) TopPort() sim.Port { return c.topPort }

// Stats returns the counters so far.
func (c *Comp) Stats() spec.Stats { return c.stats }

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
		log.Panicf("ideal DRAM %s cannot handle event of type %s", c.Name(), reflect.TypeOf(e))
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
			log.Panicf("ideal DRAM %s cannot handle message of type %s", c.Name(), reflect.TypeOf(msg))
		}
		cycle := c.Freq.Cycle(now) + c.latencyCycles
		c.responder.Push(reply.CycleTime(c.Freq, cycle), req)
		c.stats.TransferredBytes += req.GetByteSize()
		madeProgress = true
	}
}
