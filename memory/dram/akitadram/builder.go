package akitadram

import (
	"fmt"

	"github.com/logsim/logsim/memory/dram/addrmap"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/mem/dram"
	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"
)

// storageUnitBytes is the allocation unit of each controller's sparse
// storage, in bytes (Akita's default).
const storageUnitBytes = 4096

// Builder builds `akita` DRAM models. The zero value is not usable; start
// from MakeBuilder.
type Builder struct {
	engine     sim.Engine
	params     spec.Params
	topBufSize int
	tracers    []tracing.Tracer
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

// WithAdditionalTracer attaches a tracer to every controller and bank
// (Akita's per-command tasks, e.g. for a Daisen trace).
func (b Builder) WithAdditionalTracer(t tracing.Tracer) Builder {
	b.tracers = append(b.tracers, t)
	return b
}

// Build creates the front end named name and one controller per channel,
// named name.Ctrl[i]. It fails when the parameters are invalid or outside
// what Akita's controller can model.
func (b Builder) Build(name string) (*Comp, error) {
	if err := b.check(name); err != nil {
		return nil, err
	}
	mapping, err := addrmap.New(b.params)
	if err != nil {
		return nil, fmt.Errorf("DRAM preset %q: %w", b.params.Name, err)
	}
	freq := sim.Freq(b.params.ClockMHz) * sim.MHz
	c := &Comp{
		params: b.params, mapping: mapping, layout: newLayout(b.params),
		pending: map[string]*parent{},
		zeros:   make([]byte, b.params.BurstBytes()*(b.params.TransactionQueueDepth-1)),
	}
	c.TickingComponent = sim.NewTickingComponent(name, b.engine, freq, c)
	c.topPort = sim.NewLimitNumMsgPort(c, b.topBufSize, name+".TopPort")
	c.AddPort("Top", c.topPort)
	c.bottomPort = sim.NewLimitNumMsgPort(c, 1<<16, name+".BottomPort")
	c.AddPort("Bottom", c.bottomPort)
	conn := &syncConn{}
	conn.PlugIn(c.bottomPort, 0)
	for i := 0; i < b.params.Channels; i++ {
		ctrl := b.controller(fmt.Sprintf("%s.Ctrl[%d]", name, i), freq)
		conn.PlugIn(ctrl.GetPortByName("Top"), 0)
		c.controllers = append(c.controllers, ctrl)
	}
	return c, nil
}

func (b Builder) check(name string) error {
	if err := b.params.Validate(); err != nil {
		return err
	}
	if b.engine == nil {
		return fmt.Errorf("akita DRAM %q: no engine given", name)
	}
	if b.params.DataRate != 2 {
		return fmt.Errorf("akita DRAM %q: parameter DataRate = %d: Akita's controller models DataRate 2 only",
			name, b.params.DataRate)
	}
	if b.params.TransactionQueueDepth < 2 {
		return fmt.Errorf("akita DRAM %q: parameter TransactionQueueDepth = %d: Akita needs at least 2",
			name, b.params.TransactionQueueDepth)
	}
	return nil
}

// controller builds one Akita MemController with the timings of b.params.
func (b Builder) controller(name string, freq sim.Freq) *dram.MemController {
	p := b.params
	storage := mem.NewStorageWithUnitSize(p.CapacityBytes()/uint64(p.Channels), storageUnitBytes)
	builder := dram.MakeBuilder()
	for _, t := range b.tracers {
		builder = builder.WithAdditionalTracer(t)
	}
	return builder.
		WithEngine(b.engine).WithFreq(freq).WithProtocol(protocol(p.MemoryType)).
		WithGlobalStorage(storage).
		WithTransactionQueueSize(p.TransactionQueueDepth).WithCommandQueueSize(p.CommandQueueDepth).
		WithBusWidth(p.BusWidthBits).WithBurstLength(p.BurstLength).WithDeviceWidth(p.DeviceWidthBits).
		WithNumChannel(1).WithNumRank(p.Ranks).WithNumBankGroup(p.BankGroups).
		WithNumBank(p.BanksPerGroup).WithNumRow(p.Rows).WithNumCol(p.Columns).
		WithTAL(0).WithTCL(p.CL).WithTCWL(p.CWL).
		WithTRCD(p.TRCD).WithTRCDRD(p.TRCD).WithTRCDWR(p.TRCD).
		WithTRP(p.TRP).WithTRAS(p.TRAS).WithTCCDL(p.TCCDL).WithTCCDS(p.TCCDS).
		WithTRRDL(p.TRRDL).WithTRRDS(p.TRRDS).WithTWTRL(p.TWTRL).WithTWTRS(p.TWTRS).
		WithTWR(p.TWR).WithTRTP(p.TRTP).WithTRTRS(p.TRTRS).WithTPPD(p.TPPD).
		WithTREFI(p.TREFI).WithRFC(p.TRFC).
		Build(name)
}

// protocol picks Akita's protocol for a memory type. It only changes the
// burst-cycle formula (BL/2 for all three), the use of tRCDRD/tRCDWR (HBM)
// and of tPPD (LPDDR4).
func protocol(memoryType string) dram.Protocol {
	switch memoryType {
	case "LPDDR4":
		return dram.LPDDR4
	case "HBM2":
		return dram.HBM2
	}
	return dram.DDR4
}

// UnmodelledParams lists the parameters of spec.Params that Akita v3.1.0's
// controller does not model (package doc): page policy (close page only),
// refresh, tFAW, the read and write preambles, the write queue and its
// policy, logsim's front-end and back-end pipeline, and the dual command
// bus. Setting one for the `akita` model is an error.
func UnmodelledParams() []string {
	return []string{"PagePolicy", "Refresh", "tREFI", "tRFC", "tFAW", "tRPRE", "tWPRE",
		"WritePolicy", "WriteQueueDepth", "WriteHighWatermark", "WriteLowWatermark",
		"FrontendCycles", "BackendCycles", "DualCommandBus"}
}
