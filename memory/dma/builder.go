package dma

import (
	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"
)

// Builder builds a DMA engine. Defaults (design.md §7): 1 KiB requests, 16
// outstanding, 1 GHz, port buffers of 64 messages.
type Builder struct {
	engine         sim.Engine
	freq           sim.Freq
	requestBytes   int
	maxOutstanding int
	bufSize        int
	dram           sim.Port
	sink           func(tracing.Task)
}

// MakeBuilder returns a builder with the defaults.
func MakeBuilder() Builder {
	return Builder{freq: 1 * sim.GHz, requestBytes: 1024, maxOutstanding: 16, bufSize: 64}
}

// WithEngine sets the engine.
func (b Builder) WithEngine(e sim.Engine) Builder {
	b.engine = e
	return b
}

// WithFreq sets the DMA's clock.
func (b Builder) WithFreq(f sim.Freq) Builder {
	b.freq = f
	return b
}

// WithRequestBytes sets the largest DRAM request, in bytes.
func (b Builder) WithRequestBytes(n int) Builder {
	b.requestBytes = n
	return b
}

// WithMaxOutstanding sets how many DRAM requests may be in flight.
func (b Builder) WithMaxOutstanding(n int) Builder {
	b.maxOutstanding = n
	return b
}

// WithDRAM sets the DRAM port the DMA sends requests to (the model's "Top").
func (b Builder) WithDRAM(p sim.Port) Builder {
	b.dram = p
	return b
}

// WithTaskSink makes the DMA report every finished transfer as a trace
// task (kind "load" or "store"); nil (the default) traces nothing.
func (b Builder) WithTaskSink(sink func(tracing.Task)) Builder {
	b.sink = sink
	return b
}

// Build creates the DMA named name with ports "Ctrl" (transfer requests)
// and "Mem" (to DRAM).
func (b Builder) Build(name string) *Comp {
	c := &Comp{
		requestBytes:   b.requestBytes,
		maxOutstanding: b.maxOutstanding,
		inflight:       map[string]*pending{},
		zeros:          make([]byte, b.requestBytes),
		dram:           b.dram,
		sink:           b.sink,
	}
	c.TickingComponent = sim.NewTickingComponent(name, b.engine, b.freq, c)
	c.ctrlPort = sim.NewLimitNumMsgPort(c, b.bufSize, name+".CtrlPort")
	c.memPort = sim.NewLimitNumMsgPort(c, b.bufSize, name+".MemPort")
	c.AddPort("Ctrl", c.ctrlPort)
	c.AddPort("Mem", c.memPort)
	return c
}
