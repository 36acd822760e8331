// Package analytic runs a design point at the `analytic` fidelity level:
// the controller, the array and the vector unit of the event simulation,
// driven tile by tile without the Akita engine, with the DMA's transfers
// timed by dma.Timing instead of one event per DRAM request.
//
// The components decide exactly as in the event simulation (the same
// code: the controller's stages, the array's fold placement, the DMA's
// queue); what this package replaces is the engine, ports and wires, by
// the rules they follow in Akita v3 (akita-v3-notes.md §2): a message sent
// at a tick is delivered at once and taken by its receiver at the
// receiver's next clock edge; a component that made progress ticks again
// on the next edge; one that is told of a delivery ticks on the edge after
// it. With the same DRAM timing the results are the event simulation's,
// cycle for cycle (sim's fidelity tests check it on every column). Where
// a layer runs the same stretch of alike tiles over and over, the driver
// moves every component on by whole periods at once (period.go), with the
// same results.
package analytic

import (
	"fmt"
	"math"

	"github.com/sarchlab/akita/v3/sim"

	"github.com/logsim/logsim/internal/fifo"
	"github.com/logsim/logsim/memory/dma"
	"github.com/logsim/logsim/sim/array"
	"github.com/logsim/logsim/sim/controller"
	"github.com/logsim/logsim/sim/vector"
)

// portDepth is the messages a port of the event simulation's connections
// buffers (sim/platform.go): a tick that sends more would stall there.
const portDepth = 64

// CannotFollowError says why the analytic level cannot follow the event
// simulation on a design point: where the event simulation's ports would
// fill up and stall, which the driver does not model. The caller runs the
// event simulation instead.
type CannotFollowError struct{ Reason string }

func (e *CannotFollowError) Error() string { return "the analytic level cannot follow: " + e.Reason }

// Driver ticks the components of one design point.
type Driver struct {
	freq   sim.Freq
	ctrl   *controller.Comp
	array  *array.Comp
	vector *vector.Comp
	dma    *dma.Timing

	ctrlIn   [3]inbox // from the array, the vector unit and the DMA: the order Comp.Tick takes them
	arrayIn  inbox
	vectorIn inbox
	// ctrlNext, arrayNext and vectorNext are the edges after each one's
	// last tick if it made progress, else +Inf.
	ctrlNext, arrayNext, vectorNext sim.VTimeInSec
	arrayOut, vectorOut             []sim.Msg
	ticks                           int64
	repeats                         repeats
}

// inbox is what was delivered to a component and not yet taken, in
// delivery order.
type inbox struct{ fifo.Queue[delivery] }

// The controller's inboxes.
const (
	fromArray = iota
	fromVector
	fromDMA
)

// delivery is a message delivered at a time, and the clock edge after it,
// at which its receiver takes it.
type delivery struct {
	at, edge sim.VTimeInSec
	msg      sim.Msg
}

// put delivers msg at at, to be taken at the clock edge after it.
func (in *inbox) put(at, edge sim.VTimeInSec, msg sim.Msg) {
	in.Push(delivery{at: at, edge: edge, msg: msg})
}

// empty reports whether nothing waits.
func (in *inbox) empty() bool { return in.Len() == 0 }

// firstEdge is the edge at which the oldest message waiting is taken.
func (in *inbox) firstEdge() sim.VTimeInSec { return in.Front().edge }

// take hands each message delivered before now to handle, in delivery
// order, and removes them; it reports whether there was any.
func (in *inbox) take(now sim.VTimeInSec, handle func(sim.Msg)) bool {
	taken := false
	for in.Len() > 0 && in.Front().at < now {
		msg := in.Front().msg
		in.Pop()
		handle(msg)
		taken = true
	}
	return taken
}

// NewDriver returns a driver of the components, all clocked at freq; the
// controller must have been given its layers with Begin.
func NewDriver(freq sim.Freq, ctrl *controller.Comp, arr *array.Comp, vec *vector.Comp, d *dma.Timing) *Driver {
	never := sim.VTimeInSec(math.Inf(1))
	return &Driver{freq: freq, ctrl: ctrl, array: arr, vector: vec, dma: d, ctrlNext: 0, // the controller's first tick, at time 0
		arrayNext: never, vectorNext: never}
}

// Ticks is the number of component ticks the run took.
func (d *Driver) Ticks() int64 { return d.ticks }

// Run ticks the components in time order until none has anything to do.
// It fails where the event simulation would have stalled on a full port,
// which this driver does not model.
func (d *Driver) Run() error {
	if !d.dma.Exact() {
		return &CannotFollowError{fmt.Sprintf("the DMA keeps more requests in flight than a port buffers (%d)", portDepth)}
	}
	for {
		w := d.wakes()
		if math.IsInf(float64(w.next), 1) {
			return nil
		}
		if err := d.tickAll(w); err != nil {
			return err
		}
		d.repeat(w.next)
	}
}

// wakeTimes are when the controller, the array and the vector unit tick
// next, and the earliest time any component (the DMA too) does.
type wakeTimes struct {
	ctrl, array, vector, next sim.VTimeInSec
}

// wakes is when each component ticks next.
func (d *Driver) wakes() wakeTimes {
	w := wakeTimes{ctrl: d.ctrlWake(), array: wake(d.arrayNext, &d.arrayIn), vector: wake(d.vectorNext, &d.vectorIn)}
	w.next = min(w.ctrl, w.array, w.vector)
	if t, ok := d.dma.NextTick(); ok {
		w.next = min(w.next, t)
	}
	return w
}

// wake is when a component ticks next: at next, the edge after a tick that
// made progress, or at the edge after the first delivery it has not taken.
func wake(next sim.VTimeInSec, in *inbox) sim.VTimeInSec {
	if !in.empty() {
		return min(next, in.firstEdge())
	}
	return next
}

// ctrlWake is when the controller ticks next.
func (d *Driver) ctrlWake() sim.VTimeInSec {
	t := d.ctrlNext
	for i := range d.ctrlIn {
		t = wake(t, &d.ctrlIn[i])
	}
	return t
}

// tickAll ticks every component due at w.next. What one sends then is
// taken by the others only at a later edge, so their order does not matter
// and the array's and vector unit's wake times stay w's; the DMA, which
// accepts the controller's requests at once, is asked again.
func (d *Driver) tickAll(w wakeTimes) error {
	now := w.next
	edge := d.freq.NextTick(now)
	if w.ctrl == now {
		if err := d.tickController(now, edge); err != nil {
			return err
		}
	}
	if w.array == now {
		d.arrayNext = d.tickUnit(now, edge, &d.arrayIn, &d.arrayOut, &d.ctrlIn[fromArray], d.array.RunTile)
	}
	if w.vector == now {
		d.vectorNext = d.tickUnit(now, edge, &d.vectorIn, &d.vectorOut, &d.ctrlIn[fromVector], d.vector.RunTile)
	}
	if t, ok := d.dma.NextTick(); ok && t == now {
		d.tickDMA(now, edge, min(w.ctrl, w.array, w.vector))
	}
	return nil
}

// tickDMA ticks the DMA at now and then on, as long as it ticks alone
// before until (the others' next tick) and sends nothing: while it ticks
// alone, nothing else changes, so the driver need not ask the others
// again. A response it sends wakes the controller: it stops there. edge is
// the edge after now (0: not worked out yet; it is needed only then).
func (d *Driver) tickDMA(now, edge, until sim.VTimeInSec) {
	for {
		d.ticks++
		if sent := d.dma.Tick(now); len(sent) > 0 {
			if edge == 0 {
				edge = d.freq.NextTick(now)
			}
			for _, rsp := range sent {
				rsp.SendTime = now
				d.ctrlIn[fromDMA].put(now, edge, rsp)
			}
			return
		}
		next, ok := d.dma.NextTick()
		if !ok || next >= until {
			return
		}
		now, edge = next, 0
	}
}

// after is the wake time a tick's progress sets: the next edge, or never.
func after(progress bool, edge sim.VTimeInSec) sim.VTimeInSec {
	if progress {
		return edge
	}
	return sim.VTimeInSec(math.Inf(1))
}

// tickController is controller.Comp.Tick with the ports replaced: send the
// previous tick's messages, take the responses delivered, step.
func (d *Driver) tickController(now, edge sim.VTimeInSec) error {
	d.ticks++
	out := d.ctrl.TakeOutbox()
	if len(out) > portDepth {
		return &CannotFollowError{fmt.Sprintf("the controller sends %d messages in one cycle, more than a port buffers (%d)", len(out), portDepth)}
	}
	progress := len(out) > 0
	for _, msg := range out {
		msg.Meta().SendTime = now
		d.route(now, edge, msg)
	}
	deliver := func(msg sim.Msg) { d.ctrl.Deliver(now, msg) }
	for i := range d.ctrlIn {
		progress = d.ctrlIn[i].take(now, deliver) || progress
	}
	d.ctrlNext = after(d.ctrl.Step(now) || progress, edge)
	return nil
}

func (d *Driver) route(now, edge sim.VTimeInSec, msg sim.Msg) {
	switch d.ctrl.Destination(msg) {
	case controller.ToArray:
		d.arrayIn.put(now, edge, msg)
	case controller.ToVector:
		d.vectorIn.put(now, edge, msg)
	default:
		d.dma.Accept(now, msg.(*dma.TransferReq))
	}
}

// tickUnit is the array's (or the vector unit's) Tick with the ports
// replaced: send the previous tick's responses, then place the tiles
// delivered. It returns when the unit ticks next.
func (d *Driver) tickUnit(now, edge sim.VTimeInSec, in *inbox, out *[]sim.Msg, ctrl *inbox,
	run func(*array.RunTileReq) *array.TileScheduledRsp) sim.VTimeInSec {
	d.ticks++
	progress := len(*out) > 0
	for _, rsp := range *out {
		rsp.Meta().SendTime = now
		ctrl.put(now, edge, rsp)
	}
	clear(*out)
	*out = (*out)[:0]
	progress = in.take(now, func(msg sim.Msg) { *out = append(*out, run(msg.(*array.RunTileReq))) }) || progress
	return after(progress, edge)
}
