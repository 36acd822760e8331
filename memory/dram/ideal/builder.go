package ideal

import (
	"math"

	"github.com/logsim/logsim/memory/dram/internal/reply"
	"github.com/sarchlab/akita/v3/sim"
)

// Builder builds ideal DRAM models. The zero value is not usable; start
// from MakeBuilder.
type Builder struct {
	engine     sim.Engine
	freq       sim.Freq
	latencyNS  float64
	topBufSize int
}

// MakeBuilder returns a builder with the defaults: 1 GHz clock, 0 ns
// latency, a top-port buffer of 1024 messages.
func MakeBuilder() Builder {
	return Builder{freq: 1 * sim.GHz, topBufSize: 1024}
}

// WithEngine sets the engine the model runs on.
func (b Builder) WithEngine(e sim.Engine) Builder {
	b.engine = e
	return b
}

// WithFreq sets the model's clock (its response times are rounded up to
// it).
func (b Builder) WithFreq(f sim.Freq) Builder {
	b.freq = f
	return b
}

// WithLatencyNS sets the latency from taking a request to answering it, in
// ns.
func (b Builder) WithLatencyNS(ns float64) Builder {
	b.latencyNS = ns
	return b
}

// WithTopBufSize sets the number of requests the top port can buffer.
func (b Builder) WithTopBufSize(n int) Builder {
	b.topBufSize = n
	return b
}

// Build creates the model named name.
func (b Builder) Build(name string) *Comp {
	c := &Comp{
		latencyCycles: uint64(math.Ceil(b.latencyNS*float64(b.freq)/1e9 - 1e-9)),
	}
	c.TickingComponent = sim.NewTickingComponent(name, b.engine, b.freq, c)
	c.topPort = sim.NewLimitNumMsgPort(c, b.topBufSize, name+".TopPort")
	c.AddPort("Top", c.topPort)
	c.responder = reply.NewResponder(b.engine, c, c.topPort, &c.stats)
	return c
}
