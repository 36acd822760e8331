package akitadram

import (
	"testing"

	"github.com/logsim/logsim/memory/dram/addrmap"
	"github.com/logsim/logsim/memory/dram/internal/requester"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

func ddr4(t *testing.T, overrides map[string]string) spec.Params {
	p, err := spec.Preset(spec.PresetDDR4)
	require.NoError(t, err)
	require.NoError(t, p.Apply(overrides))
	return p
}

func addresses(addrs []uint64, write bool) func() (uint64, bool) {
	i := 0
	return func() (uint64, bool) { i++; return addrs[i-1], write }
}

// Hand count through Akita's MemController (tCK 0.625 ns): the request
// sent at t = 0 passes the front end at once and is parsed in cycle 1,
// reaches the command queue in cycle 2, ACT 3, RDA 3 + tRCD = 25, which
// completes tRP = 22 cycles later, in cycle 47; the response leaves in
// cycle 48 = 30 ns. The next request (bank group 1) is sent at 31 ns,
// parsed in cycle 50 (31.25 ns), answered in cycle 97 = 60.625 ns: 29.625 ns.
func TestUnloadedReadLatencyByHand(t *testing.T) {
	engine := sim.NewSerialEngine()
	c, err := MakeBuilder().WithEngine(engine).WithParams(ddr4(t, nil)).Build("DRAM")
	require.NoError(t, err)
	r, err := requester.Drive(engine, sim.GHz, c.TopPort(), addresses([]uint64{0, 256}, false), 64, 2, 1)
	require.NoError(t, err)
	var got []float64
	for _, rec := range r.Records() {
		got = append(got, float64(rec.Received-rec.Sent)*1e9)
	}
	require.InDeltaSlice(t, []float64{30, 29.625}, got, 1e-6)
	require.Equal(t, uint64(2), c.Stats().RowMisses)
	require.Len(t, c.Controllers(), 1)
}

// A 4 KiB request at 0 covers sixteen 256 B chunks, which the mapping puts
// in bank groups 0–3 and banks 0–3 of rank 0: sixteen pieces of four
// bursts, each at the controller-internal address of its bank.
func TestRequestsAreSplitPerBankRun(t *testing.T) {
	engine := sim.NewSerialEngine()
	c, err := MakeBuilder().WithEngine(engine).WithParams(ddr4(t, nil)).Build("DRAM")
	require.NoError(t, err)
	req := mem.ReadReqBuilder{}.WithAddress(0).WithByteSize(4096).Build()
	c.split(0, req)
	require.Len(t, c.outbound, 16)
	for i, msg := range c.outbound {
		piece := msg.(*mem.ReadReq)
		loc := addrmap.Location{BankGroup: i % 4, Bank: i / 4}
		require.Equal(t, c.layout.address(loc), piece.Address, "piece %d", i)
		require.Equal(t, uint64(256), piece.AccessByteSize)
	}
}

// Akita's layout, high to low Row | Rank | Bank | BankGroup | Column |
// offset, for DDR4: 6 offset bits, 7 column bits (128 bursts a row), 2 bank
// group bits, 2 bank bits, 1 rank bit.
func TestLayoutFollowsAkitasBitOrder(t *testing.T) {
	l := newLayout(ddr4(t, nil))
	require.Equal(t, uint64(5)<<6, l.address(addrmap.Location{Column: 5}))
	require.Equal(t, uint64(1)<<13, l.address(addrmap.Location{BankGroup: 1}))
	require.Equal(t, uint64(1)<<15, l.address(addrmap.Location{Bank: 1}))
	require.Equal(t, uint64(1)<<17, l.address(addrmap.Location{Rank: 1}))
	require.Equal(t, uint64(1)<<18, l.address(addrmap.Location{Row: 1}))
}

// With whole rows in one bank (8 KiB interleave) a 4 KiB request is 64
// bursts in one row; with a transaction queue of 8 the pieces hold at most
// 7 bursts, so Akita never sees a request it cannot queue: ⌈64/7⌉ = 10.
func TestPiecesStayBelowTheTransactionQueue(t *testing.T) {
	p := ddr4(t, map[string]string{"InterleaveBytes": "8192", "TransactionQueueDepth": "8"})
	engine := sim.NewSerialEngine()
	c, err := MakeBuilder().WithEngine(engine).WithParams(p).Build("DRAM")
	require.NoError(t, err)
	c.split(0, mem.ReadReqBuilder{}.WithAddress(0).WithByteSize(4096).Build())
	require.Len(t, c.outbound, 10)
	c.outbound = nil

	engine = sim.NewSerialEngine()
	c, err = MakeBuilder().WithEngine(engine).WithParams(p).Build("DRAM")
	require.NoError(t, err)
	_, err = requester.Drive(engine, sim.GHz, c.TopPort(), addresses([]uint64{0, 4096, 8192, 12288}, true), 4096, 4, 2)
	require.NoError(t, err)
	s := c.Stats()
	require.Equal(t, uint64(4), s.WriteRequests)
	require.Equal(t, uint64(4*4096), s.BytesWritten)
	require.Equal(t, uint64(4*64), s.RowMisses)
}

func TestBuildRejectsWhatAkitaCannotModel(t *testing.T) {
	p := ddr4(t, map[string]string{"DataRate": "4"})
	_, err := MakeBuilder().WithEngine(sim.NewSerialEngine()).WithParams(p).Build("DRAM")
	require.ErrorContains(t, err, "DataRate = 4")
	p = ddr4(t, map[string]string{"TransactionQueueDepth": "1"})
	_, err = MakeBuilder().WithEngine(sim.NewSerialEngine()).WithParams(p).Build("DRAM")
	require.ErrorContains(t, err, "TransactionQueueDepth = 1")
	_, err = MakeBuilder().Build("DRAM")
	require.ErrorContains(t, err, "no engine")
}

// With two channels (LPDDR4-4266's default) the 256 B chunks alternate
// between the controllers, and every request is answered once all its
// pieces are.
func TestOneControllerPerChannel(t *testing.T) {
	p, err := spec.Preset(spec.PresetLPDDR4)
	require.NoError(t, err)
	engine := sim.NewSerialEngine()
	c, err := MakeBuilder().WithEngine(engine).WithParams(p).Build("DRAM")
	require.NoError(t, err)
	require.Len(t, c.Controllers(), 2)
	c.split(0, mem.ReadReqBuilder{}.WithAddress(0).WithByteSize(1024).Build())
	require.Len(t, c.outbound, 4)
	for i, msg := range c.outbound {
		require.Same(t, c.Controllers()[i%2].GetPortByName("Top"), msg.Meta().Dst)
	}
	c.outbound = nil

	engine = sim.NewSerialEngine()
	c, err = MakeBuilder().WithEngine(engine).WithParams(p).Build("DRAM")
	require.NoError(t, err)
	_, err = requester.Drive(engine, sim.GHz, c.TopPort(), addresses([]uint64{0, 1024, 2048}, false), 1024, 3, 3)
	require.NoError(t, err)
	require.Equal(t, uint64(3*1024), c.Stats().BytesRead)
	require.Equal(t, uint64(3*1024/32), c.Stats().RowMisses) // 32 B bursts
}
