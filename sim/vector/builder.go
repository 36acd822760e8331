package vector

import (
	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
)

// Builder builds the vector unit. Defaults: 1 GHz, 8-bit inputs and
// outputs.
type Builder struct {
	engine  sim.Engine
	freq    sim.Freq
	bits    dataflow.OperandBits
	buffers [3]*memory.Buffer
	sink    func(tracing.Task)
}

// MakeBuilder returns a builder with the defaults.
func MakeBuilder() Builder {
	return Builder{freq: 1 * sim.GHz, bits: dataflow.OperandBits{Ifmap: 8, Filter: 8, Psum: 32, Ofmap: 8}}
}

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

// WithOperandBits sets the code widths in the buffers: inputs at Ifmap,
// outputs at Ofmap bits.
func (b Builder) WithOperandBits(bits dataflow.OperandBits) Builder {
	b.bits = bits
	return b
}

// WithBuffers sets the ifmap, filter and ofmap buffers (for access counts).
func (b Builder) WithBuffers(ifmap, filter, ofmap *memory.Buffer) Builder {
	b.buffers = [3]*memory.Buffer{ifmap, filter, ofmap}
	return b
}

// WithTaskSink makes the unit report every tile as a trace task (kind
// "vector"); nil (the default) traces nothing.
func (b Builder) WithTaskSink(sink func(tracing.Task)) Builder {
	b.sink = sink
	return b
}

// Build creates the vector unit named name with port "Ctrl".
func (b Builder) Build(name string) *Comp {
	c := &Comp{bits: b.bits, buffers: b.buffers, sink: b.sink}
	c.TickingComponent = sim.NewTickingComponent(name, b.engine, b.freq, c)
	c.ctrlPort = sim.NewLimitNumMsgPort(c, 64, name+".CtrlPort")
	c.AddPort("Ctrl", c.ctrlPort)
	return c
}
