package sim

import (
	"fmt"

	akita "github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/memory/dma"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/sim/array"
	"github.com/logsim/logsim/sim/controller"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/sim/vector"
)

// platform is the accelerator of one design point, on its own serial
// engine: Accel.Controller, Accel.Array, Accel.Vector, Accel.DMA,
// Accel.DRAM and the three buffers, wired by direct connections.
type platform struct {
	engine  akita.Engine
	freq    akita.Freq
	ctrl    *controller.Comp
	array   *array.Comp
	vector  *vector.Comp
	dma     *dma.Comp
	dram    dram.Model
	buffers [3]*memory.Buffer // ifmap, filter, ofmap
}

func buildPlatform(r design.Resolved, sink func(tracing.Task)) (*platform, error) {
	d := r.Point()
	p := &platform{engine: akita.NewSerialEngine(), freq: akita.Freq(d.ClockMHz) * akita.MHz}
	if err := p.buildBuffers(d); err != nil {
		return nil, err
	}
	model, err := dram.Build(p.engine, "Accel.DRAM", r.DRAM())
	if err != nil {
		return nil, fmt.Errorf("DRAM: %w", err)
	}
	p.dram = model
	p.dma = dma.MakeBuilder().WithEngine(p.engine).WithFreq(p.freq).
		WithRequestBytes(d.DMARequestBytes).WithMaxOutstanding(d.DMAOutstanding).
		WithDRAM(model.TopPort()).WithTaskSink(sink).Build("Accel.DMA")
	p.array = array.MakeBuilder().WithEngine(p.engine).WithFreq(p.freq).
		WithTimer(dataflow.Timer{Array: d.Array, Dataflow: d.Dataflow, Mode: d.Timing}).
		WithOperandBits(d.OperandBits()).WithBuffers(p.buffers[0], p.buffers[1], p.buffers[2]).
		WithTaskSink(sink).Build("Accel.Array")
	p.vector = vector.MakeBuilder().WithEngine(p.engine).WithFreq(p.freq).WithOperandBits(d.OperandBits()).
		WithBuffers(p.buffers[0], p.buffers[1], p.buffers[2]).WithTaskSink(sink).Build("Accel.Vector")
	p.ctrl = controller.MakeBuilder().WithEngine(p.engine).WithFreq(p.freq).
		WithArray(p.array.CtrlPort()).WithVector(p.vector.CtrlPort()).WithDMA(p.dma.CtrlPort()).
		WithBuffers(p.buffers[0], p.buffers[1], p.buffers[2]).WithPrefetch(d.Prefetch).
		WithTaskSink(sink).Build("Accel.Controller")
	p.connect("Accel.CtrlToArray", p.ctrl.ArrayPort(), p.array.CtrlPort())
	p.connect("Accel.CtrlToVector", p.ctrl.VectorPort(), p.vector.CtrlPort())
	p.connect("Accel.CtrlToDMA", p.ctrl.DMAPort(), p.dma.CtrlPort())
	p.connect("Accel.DMAToDRAM", p.dma.MemPort(), model.TopPort())
	return p, nil
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
