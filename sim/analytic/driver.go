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
// cycle for cycle (sim's fidelity tests check it on every column).
package analytic

import (
	"fmt"
	"math"

	"github.com/sarchlab/akita/v3/sim"

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
	ctrlProgress,
	arrayProgress,
	vectorProgress bool
	ctrlLast, arrayLast, vectorLast sim.VTimeInSec
	arrayOut, vectorOut             []sim.Msg
	ticks                           int64
}

// inbox is what was delivered to a component and not yet taken, in
// delivery order.
type inbox []delivery

// The controller's inboxes.
const (
	fromArray = iota
	fromVector
	fromDMA
)

type delivery struct {
	at  sim.VTimeInSec
	msg sim.Msg
}

// take removes and returns the messages delivered before now.
func (in *inbox) take(now sim.VTimeInSec) []sim.Msg {
	var out []sim.Msg
	n := 0
	for n < len(*in) && (*in)[n].at < now {
		out = append(out, (*in)[n].msg)
		n++
	}
	*in = (*in)[n:]
	return out
}

// NewDriver returns a driver of the components, all clocked at freq; the
// controller must have been given its layers with Begin.
func NewDriver(freq sim.Freq, ctrl *controller.Comp, arr *array.Comp, vec *vector.Comp, d *dma.Timing) *Driver {
	return &Driver{freq: freq, ctrl: ctrl, array: arr, vector: vec, dma: d, ctrlProgress: true, ctrlLast: -1,
		arrayLast: -1, vectorLast: -1}
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
	}
}

// wakeTimes are when the controller, the array and the vector unit tick
// next, and the earliest time any component (the DMA too) does.
type wakeTimes struct {
	ctrl, array, vector, next sim.VTimeInSec
}

// wakes is when each component ticks next.
func (d *Driver) wakes() wakeTimes {
	w := wakeTimes{ctrl: d.ctrlWake(), array: d.wake(d.arrayProgress, d.arrayLast, d.arrayIn),
		vector: d.wake(d.vectorProgress, d.vectorLast, d.vectorIn)}
	w.next = min(w.ctrl, w.array, w.vector)
	if t, ok := d.dma.NextTick(); ok {
		w.next = min(w.next, t)
	}
	return w
}

// wake is when a component ticks next: on the edge after a tick that made
// progress, or after the first delivery it has not taken.
func (d *Driver) wake(progress bool, last sim.VTimeInSec, in inbox) sim.VTimeInSec {
	t := sim.VTimeInSec(math.Inf(1))
	if progress {
		t = d.freq.NextTick(last)
		if last < 0 {
			t = 0 // the controller's first tick, at time 0
		}
	}
	if len(in) > 0 {
		t = min(t, d.freq.NextTick(in[0].at))
	}
	return t
}

// ctrlWake is when the controller ticks next.
func (d *Driver) ctrlWake() sim.VTimeInSec {
	t := d.wake(d.ctrlProgress, d.ctrlLast, nil)
	for _, in := range d.ctrlIn {
		t = min(t, d.wake(false, 0, in))
	}
	return t
}

// tickAll ticks every component due at w.next. What one sends then is
// taken by the others only at a later edge, so their order does not matter
// and the array's and vector unit's wake times stay w's; the DMA, which
// accepts the controller's requests at once, is asked again.
func (d *Driver) tickAll(w wakeTimes) error {
	now := w.next
	if w.ctrl == now {
		if err := d.tickController(now); err != nil {
			return err
		}
	}
	if w.array == now {
		d.arrayProgress = d.tickUnit(now, &d.arrayIn, &d.arrayOut, &d.ctrlIn[fromArray], d.array.RunTile)
		d.arrayLast = now
	}
	if w.vector == now {
		d.vectorProgress = d.tickUnit(now, &d.vectorIn, &d.vectorOut, &d.ctrlIn[fromVector], d.vector.RunTile)
		d.vectorLast = now
	}
	if t, ok := d.dma.NextTick(); ok && t == now {
		d.ticks++
		for _, rsp := range d.dma.Tick(now) {
			rsp.SendTime = now
			d.ctrlIn[fromDMA] = append(d.ctrlIn[fromDMA], delivery{at: now, msg: rsp})
		}
	}
	return nil
}

// tickController is controller.Comp.Tick with the ports replaced: send the
// previous tick's messages, take the responses delivered, step.
func (d *Driver) tickController(now sim.VTimeInSec) error {
	d.ticks++
	out := d.ctrl.TakeOutbox()
	if len(out) > portDepth {
		return &CannotFollowError{fmt.Sprintf("the controller sends %d messages in one cycle, more than a port buffers (%d)", len(out), portDepth)}
	}
	progress := len(out) > 0
	for _, msg := range out {
		msg.Meta().SendTime = now
		d.route(now, msg)
	}
	for i := range d.ctrlIn {
		for _, msg := range d.ctrlIn[i].take(now) {
			d.ctrl.Deliver(now, msg)
			progress = true
		}
	}
	d.ctrlProgress = d.ctrl.Step(now) || progress
	d.ctrlLast = now
	return nil
}

func (d *Driver) route(now sim.VTimeInSec, msg sim.Msg) {
	switch d.ctrl.Destination(msg) {
	case controller.ToArray:
		d.arrayIn = append(d.arrayIn, delivery{at: now, msg: msg})
	case controller.ToVector:
		d.vectorIn = append(d.vectorIn, delivery{at: now, msg: msg})
	default:
		d.dma.Accept(now, msg.(*dma.TransferReq))
	}
}

// tickUnit is the array's (or the vector unit's) Tick with the ports
// replaced: send the previous tick's responses, then place the tiles
// delivered.
func (d *Driver) tickUnit(now sim.VTimeInSec, in *inbox, out *[]sim.Msg, ctrl *inbox,
	run func(*array.RunTileReq) *array.TileScheduledRsp) bool {
	d.ticks++
	progress := len(*out) > 0
	for _, rsp := range *out {
		rsp.Meta().SendTime = now
		*ctrl = append(*ctrl, delivery{at: now, msg: rsp})
	}
	*out = (*out)[:0]
	for _, msg := range in.take(now) {
		*out = append(*out, run(msg.(*array.RunTileReq)))
		progress = true
	}
	return progress
}
