package controller

import (
	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/memory"
)

// Builder builds the controller. Defaults: 1 GHz, no prefetch.
type Builder struct {
	engine   sim.Engine
	freq     sim.Freq
	array    sim.Port
	vector   sim.Port
	dma      sim.Port
	buffers  [numOperands]*memory.Buffer
	sink     func(tracing.Task)
	prefetch bool
}

// MakeBuilder returns a builder with the defaults.
func MakeBuilder() Builder { return Builder{freq: 1 * sim.GHz} }

// WithEngine sets the engine.
func (b Builder) WithEngine(e sim.Engine) Builder {
	b.engine = e
	return b
}

// WithFreq sets the clock (the array's).
func (b Builder) WithFreq(f sim.Freq) Builder {
	b.freq = f
	return b
}

// WithArray sets the array's control port.
func (b Builder) WithArray(p sim.Port) Builder {
	b.array = p
	return b
}

// WithVector sets the vector unit's control port (needed when a plan runs
// on the vector unit).
func (b Builder) WithVector(p sim.Port) Builder {
	b.vector = p
	return b
}

// WithDMA sets the DMA's control port.
func (b Builder) WithDMA(p sim.Port) Builder {
	b.dma = p
	return b
}

// WithBuffers sets the ifmap, filter and ofmap buffers the DMA fills.
func (b Builder) WithBuffers(ifmap, filter, ofmap *memory.Buffer) Builder {
	b.buffers = [numOperands]*memory.Buffer{ifmap, filter, ofmap}
	return b
}

// WithTaskSink makes the controller report every layer as a trace task
// (kind "layer") and describe every transfer it asks of the DMA
// (dma.TransferReq.What and Info), for a DMA traced with the same sink;
// nil (the default) traces nothing and describes nothing.
func (b Builder) WithTaskSink(sink func(tracing.Task)) Builder {
	b.sink = sink
	return b
}

// WithPrefetch makes the controller load the next layer's first filter
// tile while the current layer finishes (off by default).
func (b Builder) WithPrefetch(on bool) Builder {
	b.prefetch = on
	return b
}

// Build creates the controller named name with ports "ToArray",
// "ToVector" and "ToDMA".
func (b Builder) Build(name string) *Comp {
	c := &Comp{array: b.array, vector: b.vector, dma: b.dma, buffers: b.buffers, sink: b.sink, prefetch: b.prefetch}
	c.TickingComponent = sim.NewTickingComponent(name, b.engine, b.freq, c)
	c.arrayPort = sim.NewLimitNumMsgPort(c, 64, name+".ToArrayPort")
	c.vectorPort = sim.NewLimitNumMsgPort(c, 64, name+".ToVectorPort")
	c.dmaPort = sim.NewLimitNumMsgPort(c, 256, name+".ToDMAPort")
	c.AddPort("ToArray", c.arrayPort)
	c.AddPort("ToVector", c.vectorPort)
	c.AddPort("ToDMA", c.dmaPort)
	return c
}
