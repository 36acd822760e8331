package vector

import (
	"fmt"
	"log"
	"reflect"

	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/sim/array"
)

// Comp is the vector unit.
type Comp struct {
	*sim.TickingComponent

	ctrlPort  sim.Port
	bits      dataflow.OperandBits
	buffers   [3]*memory.Buffer
	sink      func(tracing.Task)
	responses []*array.TileScheduledRsp
	prevEnd   int64 // last cycle of the layer's previous tile (−1: none)
	counters  Counters
}

// Counters is the unit's activity since the last TakeCounters.
type Counters struct {
	Ops             int64 // operations
	Tiles           int64
	DRAMStallCycles int64 // tile starts delayed by inputs or output room not yet in the buffers
}

// CtrlPort is the port tiles arrive on.
func (c *Comp) CtrlPort() sim.Port { return c.ctrlPort }

// TakeCounters returns the activity since the last call and clears it.
func (c *Comp) TakeCounters() Counters {
	out := c.counters
	c.counters = Counters{}
	return out
}

// Tick answers queued responses, then takes new tiles.
func (c *Comp) Tick(now sim.VTimeInSec) bool {
	progress := array.SendResponses(c.ctrlPort, now, &c.responses)
	for msg := c.ctrlPort.Retrieve(now); msg != nil; msg = c.ctrlPort.Retrieve(now) {
		req, ok := msg.(*array.RunTileReq)
		if !ok || req.Vector == nil {
			log.Panicf("%s cannot handle message of %s", c.Name(), reflect.TypeOf(msg))
		}
		c.responses = append(c.responses, c.RunTile(req))
		progress = true
	}
	return progress
}

// RunTile places the tile in time: after the layer's previous tile, once
// its inputs are in and its output half is free, for its cycles.
func (c *Comp) RunTile(req *array.RunTileReq) *array.TileScheduledRsp {
	v := req.Vector
	earliest := req.LayerStart
	if !req.NewLayer {
		earliest = c.prevEnd + 1
	}
	start := max(earliest, req.IfmapAt, req.OutFreeAt)
	if !req.NewLayer {
		c.counters.DRAMStallCycles += start - earliest
	}
	end := start + max(v.Cycles, 1) - 1
	c.prevEnd = end
	c.counters.Ops += v.Ops
	c.counters.Tiles++
	c.buffers[0].CountArrayRead(c.buffers[0].Words(v.InElems, c.bits.Ifmap))
	c.buffers[2].CountArrayWrite(c.buffers[2].Words(v.OutElems, c.bits.Ofmap))
	c.trace(req, start, end)
	rsp := &array.TileScheduledRsp{RespondTo: req.ID, Tag: req.Tag, FirstStart: start, LastEnd: end,
		IfmapLast: end, FilterLast: start, OutLast: end}
	rsp.MsgMeta = sim.MsgMeta{ID: sim.GetIDGenerator().Generate(), Src: c.ctrlPort, Dst: req.Src}
	return rsp
}

func (c *Comp) trace(req *array.RunTileReq, first, last int64) {
	if c.sink == nil {
		return
	}
	period := float64(c.Freq.Period())
	c.sink(tracing.Task{ID: fmt.Sprintf("L%d.T%d", req.Layer, req.Tag), ParentID: fmt.Sprintf("L%d", req.Layer),
		Kind: "vector", What: fmt.Sprintf("L%d.T%d", req.Layer, req.Tag), Where: c.Name(),
		StartTime: sim.VTimeInSec(float64(first) * period), EndTime: sim.VTimeInSec(float64(last+1) * period),
		Detail: *req.Vector})
}
