package analytic

import (
	"encoding/binary"

	"github.com/sarchlab/akita/v3/sim"

	"github.com/logsim/logsim/internal/clock"
	"github.com/logsim/logsim/memory/dma"
	"github.com/logsim/logsim/sim/array"
	"github.com/logsim/logsim/sim/controller"
)

// A layer of alike tiles runs the same stretch over and over: once the
// driver sees the whole state at a quiet point (nothing in flight but the
// DMA's queue) equal, relative to its cycle, to the state some tiles
// before, and the tiles ahead are those tiles again, it moves every
// component on by as many whole periods as the tiles allow at once
// (repeats), then steps on. The result is the one stepping through every
// tile gives (TestRepeatsChangeNoResult).

// maxKeys is the quiet points keyed in a layer without finding a period
// after which the driver stops looking there: a period is found within
// its second repetition, so this bounds the periods found to about half
// as many tiles, and the cost of looking in a layer that has none.
const maxKeys = 256

// repeats finds the periods of a run.
type repeats struct {
	off    bool
	seen   map[string]int // key → index in points
	points []quietPoint
	layer  int
	tile   int // the next tile to run at the last quiet point keyed
	key    []int64
	buf    []byte
	n      int64 // periods repeated so far
}

// quietPoint is what the driver saw at a quiet point.
type quietPoint struct {
	cycle int64
	ctrl  controller.PeriodMark
	array array.PeriodMark
	dma   dma.Stats
	ticks int64
}

// WithoutRepeats makes the driver step through every tile (for tests).
func (d *Driver) WithoutRepeats() *Driver {
	d.repeats.off = true
	return d
}

// Repeated is the number of periods the run repeated in closed form.
func (d *Driver) Repeated() int64 { return d.repeats.n }

// quiet reports whether nothing is in flight between the components but
// the DMA's queue.
func (d *Driver) quiet() bool {
	for i := range d.ctrlIn {
		if !d.ctrlIn[i].empty() {
			return false
		}
	}
	return d.arrayIn.empty() && d.vectorIn.empty() && len(d.arrayOut) == 0 && len(d.vectorOut) == 0 && d.dma.Quiet()
}

// repeat, at now (after its ticks), moves the run on by whole periods
// where it can.
func (d *Driver) repeat(now sim.VTimeInSec) {
	rp := &d.repeats
	if rp.off || !d.quiet() {
		return
	}
	cycle := int64(d.freq.Cycle(now))
	here, ok := d.keyAt(cycle)
	if !ok {
		return
	}
	if i, ok := rp.seen[string(rp.buf)]; ok && d.jump(rp.points[i], here) {
		rp.forget()
		return
	}
	if rp.seen == nil {
		rp.seen = map[string]int{}
	}
	rp.seen[string(rp.buf)] = len(rp.points)
	rp.points = append(rp.points, here)
}

// forget drops the quiet points keyed so far.
func (rp *repeats) forget() {
	clear(rp.seen)
	clear(rp.points)
	rp.points = rp.points[:0]
}

// keyAt writes the key of the quiet state at cycle into d.repeats.buf
// and returns the point, if the state can repeat and was not keyed at its
// tile yet.
func (d *Driver) keyAt(cycle int64) (quietPoint, bool) {
	rp := &d.repeats
	layer, tile := d.ctrl.NextTile()
	if layer == rp.layer && (tile == rp.tile || len(rp.points) >= maxKeys) || d.ctrl.Transfers() != d.dma.QueuedTags() {
		return quietPoint{}, false // one key a tile (its first quiet point), maxKeys a layer without a period
	}
	key, mark, ok := d.ctrl.AppendPeriodKey(rp.key[:0], cycle)
	if !ok {
		return quietPoint{}, false
	}
	if layer != rp.layer {
		rp.forget()
	}
	rp.layer, rp.tile = layer, tile
	key = append(key, clock.Relative(d.freq, d.ctrlNext, cycle), clock.Relative(d.freq, d.arrayNext, cycle), clock.Relative(d.freq, d.vectorNext, cycle))
	key = d.array.AppendPeriodKey(key, cycle)
	key, ok = d.dma.AppendPeriodKey(key, cycle, func(key []int64, tag int) ([]int64, bool) {
		return d.ctrl.AppendTransferKey(key, tag, mark)
	})
	rp.key = key
	if !ok {
		return quietPoint{}, false
	}
	rp.buf = rp.buf[:0]
	for _, v := range key {
		rp.buf = binary.AppendVarint(rp.buf, v)
	}
	return quietPoint{cycle: cycle, ctrl: mark, array: d.array.Mark(), dma: d.dma.Stats(), ticks: d.ticks}, true
}

// jump moves every component on by the whole periods like the one from a
// to b that the tiles ahead allow, if any and if every component can.
func (d *Driver) jump(a, b quietPoint) bool {
	periods := d.ctrl.Periods(a.ctrl, b.ctrl)
	if periods < 1 {
		return false
	}
	cycles := b.cycle - a.cycle
	moveCtrl, ok := d.ctrl.Repeat(a.ctrl, b.ctrl, periods, cycles)
	if !ok {
		return false
	}
	moveArray, ok := d.array.Repeat(a.array, periods, cycles)
	if !ok {
		return false
	}
	moveCtrl()
	moveArray()
	d.dma.Repeat(a.dma, periods, cycles)()
	d.ticks += periods * (b.ticks - a.ticks)
	shift := periods * cycles
	for _, t := range []*sim.VTimeInSec{&d.ctrlNext, &d.arrayNext, &d.vectorNext} {
		*t = clock.Later(d.freq, *t, shift)
	}
	d.repeats.n += periods
	return true
}
