package array

import (
	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
)

// Builder builds the array. Defaults: the reference design point's 32×32
// WS array in pipelined timing at 1 GHz, 8-bit operands and outputs,
// 32-bit partial sums.
type Builder struct {
	engine  sim.Engine
	freq    sim.Freq
	timer   dataflow.Timer
	bits    dataflow.OperandBits
	buffers [3]*memory.Buffer
	sink    func(tracing.Task)
}

// MakeBuilder returns a builder with the defaults.
func MakeBuilder() Builder {
	return Builder{
		freq:  1 * sim.GHz,
		timer: dataflow.Timer{Array: dataflow.Array{Rows: 32, Cols: 32}, Dataflow: dataflow.WS, Mode: dataflow.Pipelined},
		bits:  dataflow.OperandBits{Ifmap: 8, Filter: 8, Psum: 32, Ofmap: 8},
	}
}

// WithEngine sets the engine.
func (b Builder) WithEngine(e sim.Engine) Builder {
	b.engine = e
	return b
}

// WithFreq sets the array clock.
func (b Builder) WithFreq(f sim.Freq) Builder {
	b.freq = f
	return b
}

// WithTimer sets the array geometry, dataflow and timing mode.
func (b Builder) WithTimer(t dataflow.Timer) Builder {
	b.timer = t
	return b
}

// WithOperandBits sets the code widths of the operands in the buffers.
func (b Builder) WithOperandBits(bits dataflow.OperandBits) Builder {
	b.bits = bits
	return b
}

// WithBuffers sets the ifmap, filter and ofmap buffers the array reads and
// writes (for access counts and port limits).
func (b Builder) WithBuffers(ifmap, filter, ofmap *memory.Buffer) Builder {
	b.buffers = [3]*memory.Buffer{ifmap, filter, ofmap}
	return b
}

// WithTaskSink makes the array report every tile and fold as a trace task
// (kinds "tile" and "fold", at their computed cycles); nil (the default)
// traces nothing.
func (b Builder) WithTaskSink(sink func(tracing.Task)) Builder {
	b.sink = sink
	return b
}

// Build creates the array named name with port "Ctrl".
func (b Builder) Build(name string) *Comp {
	c := &Comp{timer: b.timer, bits: b.bits, buffers: b.buffers, sink: b.sink}
	c.TickingComponent = sim.NewTickingComponent(name, b.engine, b.freq, c)
	c.ctrlPort = sim.NewLimitNumMsgPort(c, 64, name+".CtrlPort")
	c.AddPort("Ctrl", c.ctrlPort)
	return c
}
