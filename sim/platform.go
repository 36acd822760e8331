package sim

import (
	"fmt"

	akita "github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/memory/dma"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/memory/dram/bandwidth"
	"github.com/logsim/logsim/sim/analytic"
	"github.com/logsim/logsim/sim/array"
	"github.com/logsim/logsim/sim/controller"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/sim/vector"
)

// platform is the accelerator of one design point: Accel.Controller,
// Accel.Array, Accel.Vector and the three buffers, with, for the event
// simulation, Accel.DMA and Accel.DRAM on their own serial engine wired by
// direct connections, or, for the analytic level, the DMA's transfer-level
// model driven without an engine.
type platform struct {
	engine  akita.Engine // nil at the analytic level
	freq    akita.Freq
	ctrl    *controller.Comp
	array   *array.Comp
	vector  *vector.Comp
	dma     *dma.Comp         // event simulation
	dram    dram.Model        // event simulation
	timing  *dma.Timing       // analytic level
	buffers [3]*memory.Buffer // ifmap, filter, ofmap
	// calibration is the bandwidth model standing in for a command-level
	// DRAM model at the analytic level (nil otherwise).
	calibration *analytic.Calibration
	repeats     int64 // the periods the analytic driver repeated in closed form
}

func buildPlatform(r design.Resolved, opts RunOptions) (*platform, error) {
	d := r.Point()
	p := &platform{freq: akita.Freq(d.ClockMHz) * akita.MHz}
	if opts.Fidelity != FidelityAnalytic {
		p.engine = akita.NewSerialEngine()
	}
	if err := p.buildBuffers(d); err != nil {
		return nil, err
	}
	sink := opts.Trace
	p.array = array.MakeBuilder().WithEngine(p.engine).WithFreq(p.freq).
		WithTimer(dataflow.Timer{Array: d.Array, Dataflow: d.Dataflow, Mode: d.Timing}).
		WithOperandBits(d.OperandBits()).WithBuffers(p.buffers[0], p.buffers[1], p.buffers[2]).
		WithTaskSink(sink).Build("Accel.Array")
	p.vector = vector.MakeBuilder().WithEngine(p.engine).WithFreq(p.freq).WithOperandBits(d.OperandBits()).
		WithBuffers(p.buffers[0], p.buffers[1], p.buffers[2]).WithTaskSink(sink).Build("Accel.Vector")
	if p.engine == nil {
		return p, p.buildTiming(r, opts.Calibrations)
	}
	model, err := dram.Build(p.engine, "Accel.DRAM", r.DRAM())
	if err != nil {
		return nil, fmt.Errorf("DRAM: %w", err)
	}
	p.dram = model
	p.dma = dma.MakeBuilder().WithEngine(p.engine).WithFreq(p.freq).
		WithRequestBytes(d.DMARequestBytes).WithMaxOutstanding(d.DMAOutstanding).
		WithDRAM(model.TopPort()).WithTaskSink(sink).Build("Accel.DMA")
	p.buildController(d, p.dma.CtrlPort(), sink)
	p.connect("Accel.CtrlToArray", p.ctrl.ArrayPort(), p.array.CtrlPort())
	p.connect("Accel.CtrlToVector", p.ctrl.VectorPort(), p.vector.CtrlPort())
	p.connect("Accel.CtrlToDMA", p.ctrl.DMAPort(), p.dma.CtrlPort())
	p.connect("Accel.DMAToDRAM", p.dma.MemPort(), model.TopPort())
	return p, nil
}

func (p *platform) buildController(d design.Point, dmaPort akita.Port, sink func(tracing.Task)) {
	p.ctrl = controller.MakeBuilder().WithEngine(p.engine).WithFreq(p.freq).
		WithArray(p.array.CtrlPort()).WithVector(p.vector.CtrlPort()).WithDMA(dmaPort).
		WithBuffers(p.buffers[0], p.buffers[1], p.buffers[2]).WithPrefetch(d.Prefetch).
		WithTaskSink(sink).Build("Accel.Controller")
}

// buildTiming builds the analytic level's DMA and controller. The
// controller's messages to the DMA are addressed to a port nothing is
// plugged into: the driver routes them.
func (p *platform) buildTiming(r design.Resolved, cals *analytic.Calibrations) error {
	d, m := r.Point(), r.DRAM()
	if m.Model != dram.ModelIdeal && m.Model != dram.ModelBandwidth {
		if cals == nil {
			cals = &analytic.Calibrations{}
		}
		cal, err := cals.For(m, analytic.DMA{ClockMHz: d.ClockMHz, RequestBytes: d.DMARequestBytes, Outstanding: d.DMAOutstanding})
		if err != nil {
			return err
		}
		p.calibration, m = &cal, cal.StandIn
	}
	link := bandwidth.NewTiming(akita.Freq(m.ClockMHz)*akita.MHz, m.BytesPerCycle, m.LatencyNS)
	p.timing = dma.NewTiming(p.freq, d.DMARequestBytes, d.DMAOutstanding, link)
	p.buildController(d, akita.NewLimitNumMsgPort(nil, 1, "Accel.DMA.CtrlPort"), nil)
	return nil
}

// run gives the controller its layers and runs them to the end.
// At the analytic level, stepEveryTile steps through every tile instead
// of repeating runs of alike tiles in closed form (the same results).
func (p *platform) run(plans []controller.LayerPlan, stepEveryTile bool, onLayer func(int, controller.LayerStats)) error {
	if p.engine == nil {
		p.ctrl.Begin(plans, onLayer)
		d := analytic.NewDriver(p.freq, p.ctrl, p.array, p.vector, p.timing)
		if stepEveryTile {
			d.WithoutRepeats()
		}
		err := d.Run()
		p.repeats = d.Repeated()
		return err
	}
	p.ctrl.Start(plans, onLayer)
	return p.engine.Run()
}

// dramCounter returns what the DRAM counted since its previous call, for a
// stretch of the run that moved bytes over cycles: the event simulation's
// DRAM model's counters; at the analytic level, the bytes in whole bursts
// and, for a command-level DRAM's stand-in, its commands at the
// calibrated rates (analytic.Calibration.Commands).
func (p *platform) dramCounter(r design.Resolved) func(bytes dataflow.DRAMBytes, cycles int64) dram.Stats {
	if p.engine != nil {
		var soFar dram.Stats
		return func(dataflow.DRAMBytes, int64) dram.Stats {
			now := p.dram.Stats()
			delta := now.Sub(soFar)
			soFar = now
			return delta
		}
	}
	return func(b dataflow.DRAMBytes, cycles int64) dram.Stats {
		if p.calibration != nil {
			return p.calibration.Commands(b.Read(), b.Written(), float64(cycles)*1000/r.Point().ClockMHz)
		}
		return analytic.Counters(b.Read(), b.Written(), 0)
	}
}

// fidelity is the level the platform runs at.
func (p *platform) fidelity() string {
	if p.engine == nil {
		return FidelityAnalytic
	}
	return FidelityEvent
}

func (p *platform) buildBuffers(d design.Point) error {
	names := [3]string{"Accel.IfmapBuf", "Accel.FilterBuf", "Accel.OfmapBuf"}
	kib := [3]int{d.IfmapKiB, d.FilterKiB, d.OfmapKiB}
	for i := range p.buffers {
		b, err := memory.MakeBufferBuilder().WithCapacityKiB(kib[i]).WithWordBits(d.WordBits).
			WithBanks(d.SRAMBanks).WithWordsPerCycle(d.SRAMWordsPerCycle).Build(names[i])
		if err != nil {
			return err
		}
		p.buffers[i] = b
	}
	return nil
}

func (p *platform) connect(name string, a, b akita.Port) {
	conn := akita.NewDirectConnection(name, p.engine, p.freq)
	conn.PlugIn(a, 64)
	conn.PlugIn(b, 64)
}

// space is what tiling may use of the buffers: one half of each.
func (p *platform) space() dataflow.BufferSpace {
	word := p.buffers[0].WordBits()
	return dataflow.BufferSpace{
		IfmapWords: p.buffers[0].HalfWords(), FilterWords: p.buffers[1].HalfWords(), OfmapWords: p.buffers[2].HalfWords(),
		WordsFor: func(n int64, bits int) int64 { return memory.WordsFor(n, bits, word) },
		WordBits: word, DRAMBytesFor: memory.BytesPacked,
	}
}
