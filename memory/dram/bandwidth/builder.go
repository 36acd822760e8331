package bandwidth

import (
	"github.com/logsim/logsim/memory/dram/internal/reply"
	"github.com/sarchlab/akita/v3/sim"
)

// Builder builds bandwidth DRAM models. The zero value is not usable; start
// from MakeBuilder.
type Builder struct {
	engine        sim.Engine
	freq          sim.Freq
	latencyNS     float64
	bandwidthGBps float64
	bytesPerCycle float64
	topBufSize    int
}

// MakeBuilder returns a builder with the defaults: 1 GHz clock, 100 ns
// latency and 25.6 GB/s (the reference design point of issue 3), a
// top-port buffer of 1024 messages.
func MakeBuilder() Builder {
	return Builder{freq: 1 * sim.GHz, latencyNS: 100, bandwidthGBps: 25.6, topBufSize: 1024}
}

// WithEngine sets the engine the model runs on.
func (b Builder) WithEngine(e sim.Engine) Builder {
	b.engine = e
	return b
}

// WithFreq sets the model's clock.
func (b Builder) WithFreq(f sim.Freq) Builder {
	b.freq = f
	return b
}

// WithLatencyNS sets the latency added after a request's service, in ns.
func (b Builder) WithLatencyNS(ns float64) Builder {
	b.latencyNS = ns
	return b
}

// WithBandwidthGBps sets the peak bandwidth, in GB/s (1e9 bytes/s).
func (b Builder) WithBandwidthGBps(gbps float64) Builder {
	b.bandwidthGBps = gbps
	b.bytesPerCycle = 0
	return b
}

// WithBytesPerCycle sets the peak bandwidth in bytes per cycle of the
// model's clock (a SCALE-Sim USER-mode Bandwidth is words per cycle: pass
// words × bytes per word). It takes precedence over WithBandwidthGBps.
func (b Builder) WithBytesPerCycle(n float64) Builder {
	b.bytesPerCycle = n
	return b
}

// WithTopBufSize sets the number of requests the top port can buffer.
func (b Builder) WithTopBufSize(n int) Builder {
	b.topBufSize = n
	return b
}

// Build creates the model named name. The bandwidth must be positive.
func (b Builder) Build(name string) *Comp {
	perCycle := b.bytesPerCycle
	if perCycle <= 0 {
		perCycle = b.bandwidthGBps * 1e9 / float64(b.freq)
	}
	if !(perCycle > 0) {
		panic("bandwidth DRAM: the bandwidth must be positive")
	}
	c := &Comp{
		bus:     Bus{BytesPerCycle: perCycle, LatencyCycles: b.latencyNS * float64(b.freq) / 1e9},
		cycleNS: 1e9 / float64(b.freq),
	}
	c.TickingComponent = sim.NewTickingComponent(name, b.engine, b.freq, c)
	c.topPort = sim.NewLimitNumMsgPort(c, b.topBufSize, name+".TopPort")
	c.AddPort("Top", c.topPort)
	c.responder = reply.NewResponder(b.engine, c, c.topPort, &c.stats)
	return c
}
