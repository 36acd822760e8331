package bandwidth

import (
	"log"
	"math"
	"reflect"

	"github.com/logsim/logsim/internal/clock"
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

	bus     Bus
	cycleNS float64 // clock period, ns

	stats spec.Stats
}

// TopPort is the port requests arrive on (also registered as "Top").
func (c *Comp) TopPort() sim.Port { return c.topPort }

// Stats returns the counters so far.
func (c *Comp) Stats() spec.Stats { return c.stats }

// BytesPerCycle is the peak bandwidth in bytes per cycle of the model's
// clock.
func (c *Comp) BytesPerCycle() float64 { return c.bus.BytesPerCycle }

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
	due, service := c.bus.Serve(c.Freq.Cycle(now), req.GetByteSize())
	c.responder.Push(reply.CycleTime(c.Freq, due), req)
	c.stats.TransferredBytes += req.GetByteSize()
	c.stats.BusyNS += service * c.cycleNS
}

// Bus is the model's data bus: requests are served one after the other at
// the peak bandwidth, each answered a fixed latency after its last byte.
// The event model (Comp) and the transfer-level one (Timing) share it.
type Bus struct {
	BytesPerCycle float64 // peak bandwidth, bytes per cycle of the clock (+Inf: no limit)
	LatencyCycles float64 // latency, cycles of the clock
	free          float64 // cycle at which the bus finishes its last request
}

// Serve books bytes on the bus for a request taken in cycle now and returns
// the cycle its response is due and the cycles the bus spends on it.
func (b *Bus) Serve(now uint64, bytes uint64) (due uint64, service float64) {
	service = float64(bytes) / b.BytesPerCycle
	start := math.Max(float64(now), b.free)
	b.free = start + service
	return uint64(math.Ceil(b.free + b.LatencyCycles - roundingSlack)), service
}

// Timing is the model as a DMA engine's transfer-level model sees it
// (package dma): when the response to a request sent at a time is sent
// back, as Comp would send it. Requests must be given in the order they
// are sent.
type Timing struct {
	freq  sim.Freq
	edges clock.Edges // of freq
	bus   Bus
}

// NewTiming returns the timing of a model with the clock freq, the peak
// bandwidth in bytes per cycle of that clock (+Inf: none) and the latency
// in ns.
func NewTiming(freq sim.Freq, bytesPerCycle, latencyNS float64) *Timing {
	return &Timing{freq: freq, edges: clock.NewEdges(freq), bus: Bus{BytesPerCycle: bytesPerCycle, LatencyCycles: latencyNS * float64(freq) / 1e9}}
}

// Respond books a request of bytes sent (delivered to the model's port)
// at sent and returns when its response is sent: the model takes the
// request at its next clock edge and answers when its data is due.
func (t *Timing) Respond(sent sim.VTimeInSec, bytes uint64) sim.VTimeInSec {
	taken := t.edges.After(sent)
	due, _ := t.bus.Serve(t.freq.Cycle(taken), bytes)
	return max(taken, reply.CycleTime(t.freq, due))
}
