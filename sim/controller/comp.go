package controller

import (
	"fmt"
	"log"
	"reflect"

	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/memory/dma"
	"github.com/logsim/logsim/sim/array"
)

// Comp is the controller.
type Comp struct {
	*sim.TickingComponent

	arrayPort, vectorPort, dmaPort sim.Port
	array, vector, dma             sim.Port
	buffers                        [numOperands]*memory.Buffer
	sink                           func(tracing.Task)

	prefetch   bool
	plans      []LayerPlan
	next       int // next layer to start
	cur        *layerRun
	pre        *layerRun // the next layer, while its first filter tile is prefetched
	last       *layerRun // the previous layer
	outbox     []sim.Msg
	transfers  map[int]transferRef // tag → what it moves
	nextTag    int
	onLayer    func(index int, s LayerStats)
	lastEnd    int64 // previous layer's last output cycle (−1 before the first)
	finishedAt int64
	done       bool
}

type transferRef struct {
	r     *layerRun
	o     *occupant
	store bool
	bytes int64
	copy  int64 // buffer words copied from the other half (an ifmap band's halo)
}

// Start gives the controller its layers and a callback run when each layer
// finishes (all its outputs stored), and kicks it off at time 0.
func (c *Comp) Start(plans []LayerPlan, onLayer func(index int, s LayerStats)) {
	c.Begin(plans, onLayer)
	c.TickNow(0)
}

// Begin gives the controller its layers and the callback, without
// scheduling a tick: for a driver other than the Akita engine (package
// sim/analytic), which then calls Step, Deliver and TakeOutbox.
func (c *Comp) Begin(plans []LayerPlan, onLayer func(index int, s LayerStats)) {
	c.plans, c.onLayer = plans, onLayer
	c.transfers = map[int]transferRef{}
	c.lastEnd = -1
}

// Done reports whether every layer has finished.
func (c *Comp) Done() bool { return c.done }

// Tick runs the stages back to front: it sends what the previous tick
// produced, takes the responses that have arrived, and Steps.
func (c *Comp) Tick(now sim.VTimeInSec) bool {
	progress := c.send(now)
	progress = c.receive(now) || progress
	return c.Step(now) || progress
}

// Step runs the stages that follow the ports: finish and start layers,
// send tiles whose operands are in, issue loads and the next layer's
// prefetch. What it sends waits in the outbox for the next tick.
func (c *Comp) Step(now sim.VTimeInSec) bool {
	progress := c.finishLayer(now)
	progress = c.startLayer() || progress
	progress = c.runTiles(now) || progress
	progress = c.issueLoads(now) || progress
	progress = c.prefetchNext(now) || progress
	return progress
}

// TakeOutbox returns the messages Step produced and empties the outbox:
// for a driver without ports (Tick sends them through the ports instead).
func (c *Comp) TakeOutbox() []sim.Msg {
	out := c.outbox
	c.outbox = nil
	return out
}

// Deliver handles a response from the array, the vector unit or the DMA
// taken at now.
func (c *Comp) Deliver(now sim.VTimeInSec, msg sim.Msg) {
	switch m := msg.(type) {
	case *array.TileScheduledRsp:
		c.tileScheduled(now, m)
	case *dma.TransferRsp:
		c.transferDone(m)
	default:
		log.Panicf("%s cannot handle message of %s", c.Name(), reflect.TypeOf(msg))
	}
}

// Destination says where a message of the outbox goes.
func (c *Comp) Destination(msg sim.Msg) Destination {
	switch msg.Meta().Dst {
	case c.array:
		return ToArray
	case c.vector:
		return ToVector
	}
	return ToDMA
}

func (c *Comp) cycle(t sim.VTimeInSec) int64 { return int64(c.Freq.Cycle(t)) }

func (c *Comp) timeOf(cycle int64) sim.VTimeInSec {
	return sim.VTimeInSec(float64(cycle) / float64(c.Freq))
}

func (c *Comp) send(now sim.VTimeInSec) bool {
	progress := false
	for len(c.outbox) > 0 {
		msg := c.outbox[0]
		msg.Meta().SendTime = now
		port := [...]sim.Port{ToArray: c.arrayPort, ToVector: c.vectorPort, ToDMA: c.dmaPort}[c.Destination(msg)]
		if port.Send(msg) != nil {
			return progress
		}
		c.outbox = c.outbox[1:]
		progress = true
	}
	return progress
}

func (c *Comp) receive(now sim.VTimeInSec) bool {
	progress := false
	for _, port := range []sim.Port{c.arrayPort, c.vectorPort, c.dmaPort} {
		for msg := port.Retrieve(now); msg != nil; msg = port.Retrieve(now) {
			c.Deliver(now, msg)
			progress = true
		}
	}
	return progress
}

func (c *Comp) startLayer() bool {
	if c.cur != nil || c.done {
		return false
	}
	if c.next == len(c.plans) {
		c.done = true
		return true
	}
	if c.pre != nil {
		c.cur, c.pre = c.pre, nil
		c.cur.begin(c.lastEnd + 1)
	} else {
		c.cur = newLayerRun(&c.plans[c.next], c.next, c.lastEnd+1, c.last)
	}
	c.next++
	return true
}

// prefetchNext loads the next layer's first filter tile once every tile of
// the current layer is placed in time (so the prefetch cannot delay it),
// into the half its predecessor has left, as a low-priority DMA transfer.
// The next layer's input is not prefetched: it is the current layer's
// output (a network is a list of layers here, not a graph).
func (c *Comp) prefetchNext(now sim.VTimeInSec) bool {
	r := c.cur
	if !c.prefetch || r == nil || c.pre != nil || c.next == len(c.plans) || r.scheduled < r.tiles {
		return false
	}
	c.pre = newLayerRun(&c.plans[c.next], c.next, -1, r)
	o := c.pre.occupantOf(0, Filter)
	from, ok := c.loadPrerequisites(c.pre, o)
	if !ok {
		c.pre = nil // cannot happen: every tile of the current layer has read its operands
		return false
	}
	c.issueLoad(now, c.pre, 0, o, from)
	return true
}

func (c *Comp) finishLayer(now sim.VTimeInSec) bool {
	if c.cur == nil || !c.cur.done() {
		return false
	}
	s := c.cur.stats
	s.StoresDoneAt = c.cycle(now)
	c.traceLayer(s)
	c.lastEnd = s.LastEnd
	c.finishedAt = s.StoresDoneAt
	if c.onLayer != nil {
		c.onLayer(c.cur.index, s)
	}
	c.cur, c.last = nil, c.cur
	return true
}

// issueLoads issues, tile by tile in order, the loads each tile needs, as
// soon as the half they go to is known to be free.
func (c *Comp) issueLoads(now sim.VTimeInSec) bool {
	r := c.cur
	progress := false
	for r != nil && r.nextLoad < r.tiles {
		t := r.nextLoad
		for op := Ifmap; op < numOperands; op++ {
			o := r.occupantOf(t, op)
			if o.first != t || !o.needsLoad || o.loadIssued {
				continue
			}
			notBefore, ok := c.loadPrerequisites(r, o)
			if !ok {
				return progress
			}
			c.issueLoad(now, r, t, o, notBefore)
			progress = true
		}
		r.nextLoad++
	}
	return progress
}

// loadPrerequisites says from which cycle o may be loaded, if that is known
// yet: after the previous user of its half has read it for the last time
// (ifmap, filter) or has been stored (partial sums), and after the partial
// sums it reads back have been stored.
func (c *Comp) loadPrerequisites(r *layerRun, o *occupant) (int64, bool) {
	from := max(r.start, 0)
	if p := r.halfPredecessor(o); p != nil {
		switch {
		case o.operand != Ofmap && p.released:
			from = max(from, p.releaseAt+1)
		case o.operand == Ofmap && p.stored:
			from = max(from, p.storedAt)
		default:
			return 0, false
		}
	}
	if o.operand == Ofmap {
		at, stored := r.psumsStored(o)
		if !stored {
			return 0, false
		}
		from = max(from, at)
	}
	return from, true
}

func (c *Comp) issueLoad(now sim.VTimeInSec, r *layerRun, t int, o *occupant, from int64) {
	bytes := r.loadBytes(t, o.operand)
	if bytes == 0 { // nothing to move (a vector-unit layer's filter)
		o.loadIssued, o.loaded, o.readyAt = true, true, from
		return
	}
	psum := o.operand == Ofmap
	switch o.operand {
	case Ifmap:
		r.stats.DRAMBytes.IfmapRead += bytes
	case Filter:
		r.stats.DRAMBytes.FilterRead += bytes
	default:
		r.stats.DRAMBytes.PsumRead += bytes
		r.readBack(o)
	}
	o.loadIssued = true
	b := c.described(dma.TransferReqBuilder{}.WithSendTime(now).WithSrc(c.dmaPort).WithDst(c.dma).
		WithLoad(c.buffers[o.operand], r.address(o.operand, psum, o.id, bytes), bytes).
		WithNotBefore(c.timeOf(from)).WithTag(c.tag(transferRef{r: r, o: o, bytes: bytes, copy: r.haloWords(t, o, c.buffers[o.operand])})),
		r, o, false)
	if r.start < 0 { // a prefetch until the layer starts, the cycle after the current one's last output
		b = b.WithPrefetchUntil(c.timeOf(c.cur.stats.LastEnd + 1))
	}
	c.outbox = append(c.outbox, b.Build())
}

func (c *Comp) tag(ref transferRef) int {
	c.nextTag++
	c.transfers[c.nextTag] = ref
	return c.nextTag
}

// runTiles sends the next tiles, in order, once their operands are in and
// their output half is free.
func (c *Comp) runTiles(now sim.VTimeInSec) bool {
	r := c.cur
	progress := false
	for r != nil && r.nextRun < r.tiles {
		req, ok := c.tileRequest(now, r, r.nextRun)
		if !ok {
			return progress
		}
		c.outbox = append(c.outbox, req)
		r.nextRun++
		r.prune()
		progress = true
	}
	return progress
}

func (c *Comp) tileRequest(now sim.VTimeInSec, r *layerRun, t int) (*array.RunTileReq, bool) {
	in, w, out := r.occupantOf(t, Ifmap), r.occupantOf(t, Filter), r.occupantOf(t, Ofmap)
	if !in.loaded || !w.loaded || (out.needsLoad && !out.loaded) {
		return nil, false
	}
	outFree := r.start
	if p := r.halfPredecessor(out); p != nil {
		if !p.stored {
			return nil, false
		}
		outFree = max(outFree, p.storedAt)
	}
	req := &array.RunTileReq{
		Tag: t, Layer: r.index, Schedule: &r.plan.Tiling.Schedule,
		NewLayer: t == 0, LayerStart: r.start,
		IfmapAt: in.readyAt, FilterAt: w.readyAt, OutFreeAt: outFree, Bits: r.plan.Bits,
	}
	if out.needsLoad && out.first == t {
		req.PsumAt = out.readyAt
	}
	req.ID = sim.GetIDGenerator().Generate()
	req.Src, req.Dst, req.SendTime = c.arrayPort, c.array, now
	tile := r.tile(t)
	if r.plan.Tiling.Vector {
		req.Vector = &array.VectorTile{Cycles: tile.VectorCycles, InElems: tile.IfmapElems, OutElems: tile.OfmapElems, Ops: tile.VectorOps}
		req.Src, req.Dst = c.vectorPort, c.vector
		return req, true
	}
	s := &r.plan.Tiling.Schedule
	req.Folds = dataflow.TileFolds(tile, s.Array, s.Dataflow)
	return req, true
}

func (c *Comp) tileScheduled(now sim.VTimeInSec, rsp *array.TileScheduledRsp) {
	r := c.cur
	t := rsp.Tag
	r.scheduled++
	if t == 0 {
		r.stats.FirstFold = rsp.FirstStart
	}
	r.stats.LastEnd = max(r.stats.LastEnd, rsp.LastEnd)
	c.release(r.occupantOf(t, Ifmap), t, rsp.IfmapLast)
	c.release(r.occupantOf(t, Filter), t, rsp.FilterLast)
	if out := r.occupantOf(t, Ofmap); out.last == t {
		c.issueStore(now, r, t, out, rsp.OutLast+1)
	}
}

func (c *Comp) release(o *occupant, t int, at int64) {
	if o.last == t {
		o.released, o.releaseAt = true, at
	}
}

func (c *Comp) issueStore(now sim.VTimeInSec, r *layerRun, t int, o *occupant, from int64) {
	bytes, final := r.storeBytes(t)
	if final {
		r.stats.DRAMBytes.OfmapWrite += bytes
	} else {
		r.stats.DRAMBytes.PsumWrite += bytes
	}
	req := c.described(dma.TransferReqBuilder{}.WithSendTime(now).WithSrc(c.dmaPort).WithDst(c.dma).
		WithStore(c.buffers[Ofmap], r.address(Ofmap, !final, o.id, bytes), bytes).
		WithNotBefore(c.timeOf(from)).WithTag(c.tag(transferRef{r: r, o: o, store: true, bytes: bytes})),
		r, o, true).Build()
	c.outbox = append(c.outbox, req)
}

func (c *Comp) transferDone(rsp *dma.TransferRsp) {
	ref, ok := c.transfers[rsp.Tag]
	if !ok {
		log.Panicf("%s: response to unknown transfer %d", c.Name(), rsp.Tag)
	}
	delete(c.transfers, rsp.Tag)
	at := c.cycle(rsp.DoneAt)
	words := c.buffers[ref.o.operand].TransferWords(ref.bytes)
	ref.r.stats.DRAMSpans.add(ref, c.cycle(rsp.StartedAt), at)
	if ref.store {
		ref.o.stored, ref.o.storedAt = true, at
		ref.r.stats.DMAWords[ref.o.operand].Reads += words
		return
	}
	ref.o.loaded, ref.o.readyAt = true, at
	ref.r.stats.DMAWords[ref.o.operand].Writes += words + ref.copy
	ref.r.stats.DMAWords[ref.o.operand].Reads += ref.copy
}

// FinishedAt is the cycle the last layer's last store completed.
func (c *Comp) FinishedAt() int64 { return c.finishedAt }

// ArrayPort is the port connected to the array.
func (c *Comp) ArrayPort() sim.Port { return c.arrayPort }

// VectorPort is the port connected to the vector unit.
func (c *Comp) VectorPort() sim.Port { return c.vectorPort }

// DMAPort is the port connected to the DMA.
func (c *Comp) DMAPort() sim.Port { return c.dmaPort }

// described adds the transfer's description for the trace, if there is one.
func (c *Comp) described(b dma.TransferReqBuilder, r *layerRun, o *occupant, store bool) dma.TransferReqBuilder {
	if c.sink == nil {
		return b
	}
	return b.WithWhat(c.describe(r, o, store), c.info(r, o, store))
}

func (c *Comp) info(r *layerRun, o *occupant, store bool) TransferInfo {
	return TransferInfo{Layer: r.index, Operand: o.operand, FirstTile: o.first, LastTile: o.last, Store: store}
}

func (c *Comp) describe(r *layerRun, o *occupant, store bool) string {
	what := o.operand.String()
	if o.operand == Ofmap && !store {
		what = "psum"
	}
	if r.start < 0 {
		what = "prefetch " + what
	}
	return fmt.Sprintf("%s L%d tiles %d-%d", what, r.index, o.first, o.last)
}

// traceLayer reports the layer from its first cycle to its last output.
func (c *Comp) traceLayer(s LayerStats) {
	if c.sink == nil {
		return
	}
	period := float64(c.Freq.Period())
	c.sink(tracing.Task{ID: fmt.Sprintf("L%d", c.cur.index), Kind: "layer", What: c.cur.plan.Name, Where: c.Name(),
		StartTime: sim.VTimeInSec(float64(s.Start) * period), EndTime: sim.VTimeInSec(float64(s.LastEnd+1) * period)})
}
