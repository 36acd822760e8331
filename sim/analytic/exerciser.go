package analytic

import (
	"fmt"

	"github.com/sarchlab/akita/v3/sim"

	"github.com/logsim/logsim/memory/dma"
	"github.com/logsim/logsim/memory/dram"
)

// exerciser hands the event DMA a calibration workload at time 0 and
// records when the last transfer finished.
type exerciser struct {
	*sim.TickingComponent
	port    sim.Port
	dma     sim.Port
	work    []transfer
	sent    int
	left    int
	lastEnd sim.VTimeInSec
}

// Tick sends the workload's requests, then takes the responses.
func (e *exerciser) Tick(now sim.VTimeInSec) bool {
	progress := false
	for e.sent < len(e.work) {
		b := dma.TransferReqBuilder{}.WithSendTime(now).WithSrc(e.port).WithDst(e.dma)
		if e.port.Send(e.work[e.sent].request(b, e.sent)) != nil {
			break
		}
		e.sent++
		progress = true
	}
	for msg := e.port.Retrieve(now); msg != nil; msg = e.port.Retrieve(now) {
		rsp, ok := msg.(*dma.TransferRsp)
		if !ok {
			panic(fmt.Sprintf("internal: the calibration's exerciser got a %T", msg))
		}
		e.lastEnd = max(e.lastEnd, rsp.DoneAt)
		e.left--
		progress = true
	}
	return progress
}

// eventCycles runs the workload through the event DMA and the DRAM model
// r on the Akita engine and returns when its last transfer finished, in
// DMA cycles, and what the DRAM model counted.
func eventCycles(r dram.Resolved, d DMA, work []transfer) (int64, dram.Stats, error) {
	engine := sim.NewSerialEngine()
	freq := sim.Freq(d.ClockMHz) * sim.MHz
	model, err := dram.Build(engine, "Calibration.DRAM", r)
	if err != nil {
		return 0, dram.Stats{}, fmt.Errorf("calibrating the %s DRAM: %w", r.Model, err)
	}
	dmac := dma.MakeBuilder().WithEngine(engine).WithFreq(freq).WithRequestBytes(d.RequestBytes).
		WithMaxOutstanding(d.Outstanding).WithDRAM(model.TopPort()).Build("Calibration.DMA")
	e := &exerciser{work: work, left: len(work), dma: dmac.CtrlPort()}
	e.TickingComponent = sim.NewTickingComponent("Calibration.Exerciser", engine, freq, e)
	e.port = sim.NewLimitNumMsgPort(e, len(work)+1, "Calibration.Exerciser.Port")
	connect(engine, freq, "Calibration.ToDMA", e.port, dmac.CtrlPort())
	connect(engine, freq, "Calibration.ToDRAM", dmac.MemPort(), model.TopPort())
	e.TickNow(0)
	if err := engine.Run(); err != nil {
		return 0, dram.Stats{}, err
	}
	if e.left != 0 {
		return 0, dram.Stats{}, fmt.Errorf("internal: calibrating the %s DRAM: %d transfers did not finish", r.Model, e.left)
	}
	return int64(freq.Cycle(e.lastEnd)), model.Stats(), nil
}

func connect(engine sim.Engine, freq sim.Freq, name string, a, b sim.Port) {
	conn := sim.NewDirectConnection(name, engine, freq)
	conn.PlugIn(a, 64)
	conn.PlugIn(b, 64)
}
