package fast

import (
	"fmt"

	"github.com/logsim/logsim/memory/dram/addrmap"
	"github.com/logsim/logsim/memory/dram/internal/reply"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/sim"
)

// maxBanksPerRank is the largest number of banks per rank the scheduler
// handles (one bit each in a 64-bit mask).
const maxBanksPerRank = 64

// Builder builds `fast` DRAM models. The zero value is not usable; start
// from MakeBuilder.
type Builder struct {
	engine     sim.Engine
	params     spec.Params
	topBufSize int
}

// MakeBuilder returns a builder with the defaults: the DDR4-3200 preset and
// a top-port buffer of 1024 messages.
func MakeBuilder() Builder {
	p, _ := spec.Preset(spec.DefaultPreset)
	return Builder{params: p, topBufSize: 1024}
}

// WithEngine sets the engine the model runs on.
func (b Builder) WithEngine(e sim.Engine) Builder {
	b.engine = e
	return b
}

// WithParams sets every DRAM parameter (start from spec.Preset).
func (b Builder) WithParams(p spec.Params) Builder {
	b.params = p
	return b
}

// WithTopBufSize sets the number of requests the top port can buffer.
func (b Builder) WithTopBufSize(n int) Builder {
	b.topBufSize = n
	return b
}

// Build creates the model named name, clocked at the DRAM clock. It fails
// when the parameters are invalid.
func (b Builder) Build(name string) (*Comp, error) {
	if err := b.params.Validate(); err != nil {
		return nil, err
	}
	mapping, err := addrmap.New(b.params)
	if err != nil {
		return nil, fmt.Errorf("DRAM preset %q: %w", b.params.Name, err)
	}
	if b.engine == nil {
		return nil, fmt.Errorf("fast DRAM %q: no engine given", name)
	}
	if b.params.Banks() > maxBanksPerRank {
		return nil, fmt.Errorf("fast DRAM %q: parameters BankGroups·BanksPerGroup = %d: at most %d banks per rank",
			name, b.params.Banks(), maxBanksPerRank)
	}
	c := &Comp{params: b.params, mapping: mapping, t: newTiming(b.params), decided: -1}
	freq := sim.Freq(b.params.ClockMHz) * sim.MHz
	c.TickingComponent = sim.NewTickingComponent(name, b.engine, freq, c)
	c.topPort = sim.NewLimitNumMsgPort(c, b.topBufSize, name+".TopPort")
	c.AddPort("Top", c.topPort)
	c.responder = reply.NewResponder(b.engine, c, c.topPort, &c.stats)
	c.live = make([]chanState, b.params.Channels)
	for i := range c.live {
		c.live[i] = newChanState(&c.t)
	}
	c.touched = make([]bool, b.params.Channels)
	c.onDone = c.done
	c.minLat = min(c.t.rl, c.t.wl) + c.t.burst + c.t.backend
	return c, nil
}
