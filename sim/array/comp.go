package array

import (
	"fmt"
	"log"
	"reflect"

	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
)

// Comp is the PE array.
type Comp struct {
	*sim.TickingComponent

	ctrlPort sim.Port
	timer    dataflow.Timer
	bits     dataflow.OperandBits
	buffers  [3]*memory.Buffer // ifmap, filter, ofmap
	sink     func(tracing.Task)

	responses []*TileScheduledRsp
	prev      previousFold
	counters  Counters
}

// previousFold is what the next fold of the layer waits for.
type previousFold struct {
	valid    bool
	start    int64
	interval int64 // the fold's interval, SRAM stretch included
}

// Counters is the activity of the array since the last TakeCounters.
type Counters struct {
	MACs            int64
	Folds           int64
	FoldPEs         int64 // Σ over folds of the PEs with work (used rows × used columns); idle PEs are clock-gated
	DRAMStallCycles int64 // fold starts delayed by operands or output room not yet in the buffers
	SRAMStallCycles int64 // cycles added because a buffer port could not keep up
	Traffic         dataflow.EdgeTraffic
	// Accesses are the cycles in which the array reads the ifmap and the
	// filter buffer and writes outputs to the ofmap buffer, from the first
	// fold's operand window (dataflow.Timer.Window) to the last one's.
	Accesses [3]dataflow.CycleSpan
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
	progress := c.sendResponses(now)
	return c.takeTiles(now) || progress
}

func (c *Comp) sendResponses(now sim.VTimeInSec) bool {
	return SendResponses(c.ctrlPort, now, &c.responses)
}

// SendResponses sends queued responses in order through port until it is
// full, removing those sent; it reports whether any was.
func SendResponses(port sim.Port, now sim.VTimeInSec, queue *[]*TileScheduledRsp) bool {
	progress := false
	for len(*queue) > 0 {
		rsp := (*queue)[0]
		rsp.SendTime = now
		if port.Send(rsp) != nil {
			break
		}
		*queue = (*queue)[1:]
		progress = true
	}
	return progress
}

func (c *Comp) takeTiles(now sim.VTimeInSec) bool {
	progress := false
	for {
		msg := c.ctrlPort.Retrieve(now)
		if msg == nil {
			return progress
		}
		req, ok := msg.(*RunTileReq)
		if !ok {
			log.Panicf("%s cannot handle message of %s", c.Name(), reflect.TypeOf(msg))
		}
		c.responses = append(c.responses, c.RunTile(req))
		progress = true
	}
}

// RunTile places every fold of the tile in time. Without a trace it
// places them in closed form, a class of alike folds at a time (runGrid);
// with one, fold by fold, so that each fold is traced. Both give the same
// times and counts (TestGridEqualsFoldByFold).
func (c *Comp) RunTile(req *RunTileReq) *TileScheduledRsp {
	if req.NewLayer {
		c.prev = previousFold{}
	}
	rsp := &TileScheduledRsp{RespondTo: req.ID, Tag: req.Tag, FirstStart: -1}
	rsp.MsgMeta = sim.MsgMeta{ID: sim.GetIDGenerator().Generate(), Src: c.ctrlPort, Dst: req.Src}
	if c.sink == nil {
		c.runGrid(req, rsp)
		return rsp
	}
	for i, n := 0, req.Folds.Len(); i < n; i++ {
		f := req.Folds.Fold(i)
		start, end := c.runFold(req, f, rsp)
		c.trace(fmt.Sprintf("L%d.T%d.F%d", req.Layer, req.Tag, i), tileID(req), "fold", start, end, f)
	}
	c.trace(tileID(req), fmt.Sprintf("L%d", req.Layer), "tile", rsp.FirstStart, rsp.LastEnd, req)
	return rsp
}

func tileID(req *RunTileReq) string { return fmt.Sprintf("L%d.T%d", req.Layer, req.Tag) }

// trace reports a task spanning cycles first … last.
func (c *Comp) trace(id, parent, kind string, first, last int64, detail any) {
	if c.sink == nil {
		return
	}
	period := float64(c.Freq.Period())
	c.sink(tracing.Task{ID: id, ParentID: parent, Kind: kind, What: id, Where: c.Name(),
		StartTime: sim.VTimeInSec(float64(first) * period), EndTime: sim.VTimeInSec(float64(last+1) * period),
		Detail: detail})
}

// firstStart is when the tile's next fold, streaming T elements, may
// start: after the previous fold's interval and once its operands are in
// and its output half is free; it counts the wait for DRAM.
func (c *Comp) firstStart(req *RunTileReq, w dataflow.OperandWindow) int64 {
	earliest := req.LayerStart
	if c.prev.valid {
		earliest = c.prev.start + c.prev.interval
	}
	start := max(earliest,
		req.IfmapAt-int64(w.IfmapFirst), req.FilterAt-int64(w.FilterFirst),
		req.PsumAt-int64(w.OutFirst), req.OutFreeAt-int64(w.OutFirst))
	if c.prev.valid {
		c.counters.DRAMStallCycles += start - earliest
	}
	return start
}

func (c *Comp) runFold(req *RunTileReq, f dataflow.FoldSpec, rsp *TileScheduledRsp) (start, end int64) {
	w := c.timer.Window(f.T)
	start = c.firstStart(req, w)
	interval := int64(c.timer.Interval(f.T))
	extra := c.sramExtra(c.count(req, f, 1), interval)
	c.counters.SRAMStallCycles += extra
	return start, c.place(rsp, w, f.T, start, start, extra)
}

// runGrid places the tile's folds in closed form. All of them stream the
// tile's T elements, so only the first can wait for its operands: each
// later one starts the previous one's interval, SRAM stretch included,
// after it. The last fold therefore starts (n−1)·Interval + the stretches
// of the others after the first, and reads and writes last.
func (c *Comp) runGrid(req *RunTileReq, rsp *TileScheduledRsp) {
	t := req.Folds.Stream.Len
	w := c.timer.Window(t)
	first := c.firstStart(req, w)
	interval := int64(c.timer.Interval(t))
	var extras, lastExtra int64
	classes := req.Folds.Classes()
	for _, class := range classes.All() { // the last class is the last fold
		lastExtra = c.sramExtra(c.count(req, class.Fold, class.Count), interval)
		extras += class.Count * lastExtra
	}
	c.counters.SRAMStallCycles += extras
	last := first + int64(req.Folds.Len()-1)*interval + extras - lastExtra
	c.place(rsp, w, t, first, last, lastExtra)
}

// place records a run of folds streaming t elements, the first starting
// at first and the last at last with extra SRAM cycles, in the response
// and the access spans, and returns the last fold's end.
func (c *Comp) place(rsp *TileScheduledRsp, w dataflow.OperandWindow, t int, first, last, extra int64) int64 {
	c.prev = previousFold{valid: true, start: last, interval: int64(c.timer.Interval(t)) + extra}
	end := last + int64(c.timer.Latency(t)) + extra - 1
	if rsp.FirstStart < 0 {
		rsp.FirstStart = first
	}
	rsp.LastEnd = end
	rsp.IfmapLast = max(rsp.IfmapLast, last+int64(w.IfmapLast)+extra)
	rsp.FilterLast = max(rsp.FilterLast, last+int64(w.FilterLast)+extra)
	rsp.OutLast = max(rsp.OutLast, end)
	acc := &c.counters.Accesses
	acc[0] = acc[0].Add(first+int64(w.IfmapFirst), last+int64(w.IfmapLast)+extra)
	acc[1] = acc[1].Add(first+int64(w.FilterFirst), last+int64(w.FilterLast)+extra)
	acc[2] = acc[2].Add(first+int64(w.OutFirst), end)
	return end
}

// edgeWords is the traffic of a fold in buffer words, per buffer.
type edgeWords struct{ ifmap, filter, ofmap int64 }

// count records the activity and buffer accesses of n folds like f and
// returns the words one of them moves.
func (c *Comp) count(req *RunTileReq, f dataflow.FoldSpec, n int64) edgeWords {
	t := req.Schedule.FoldTraffic(f)
	c.counters.MACs += n * int64(f.Rows) * int64(f.Cols) * int64(f.T)
	c.counters.Folds += n
	c.counters.FoldPEs += n * int64(f.Rows) * int64(f.Cols)
	c.counters.Traffic = c.counters.Traffic.Add(t.Scale(n))
	ifmap, filter, ofmap := c.buffers[0], c.buffers[1], c.buffers[2]
	bits := c.bits
	if req.Bits.Ifmap > 0 {
		bits = req.Bits
	}
	w := edgeWords{
		ifmap:  ifmap.Words(t.IfmapReads, bits.Ifmap),
		filter: filter.Words(t.FilterReads, bits.Filter),
	}
	writes := ofmap.Words(t.OfmapWrites-t.FinalWrites, bits.Psum) + ofmap.Words(t.FinalWrites, bits.Ofmap)
	psum := ofmap.Words(t.PsumReads, bits.Psum)
	w.ofmap = writes + psum
	ifmap.CountArrayRead(n * w.ifmap)
	filter.CountArrayRead(n * w.filter)
	ofmap.CountArrayRead(n * psum)
	ofmap.CountArrayWrite(n * writes)
	return w
}

// sramExtra is how many cycles the fold's interval grows because a buffer
// port cannot move the fold's words within it (0 with unlimited ports).
func (c *Comp) sramExtra(w edgeWords, interval int64) int64 {
	need := max(c.buffers[0].PortCycles(w.ifmap), c.buffers[1].PortCycles(w.filter), c.buffers[2].PortCycles(w.ofmap))
	return max(0, need-interval)
}
