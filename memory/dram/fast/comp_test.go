package fast

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/logsim/logsim/memory/dram/internal/requester"
	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

// tCK of DDR4-3200, in ns.
const tck = 0.625

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

func stream(step uint64, write bool) func() (uint64, bool) {
	var i uint64
	return func() (uint64, bool) { i++; return (i - 1) * step, write }
}

func random(seed int64, size, region uint64, writeEvery int) func() (uint64, bool) {
	rng := rand.New(rand.NewSource(seed))
	i := 0
	return func() (uint64, bool) {
		i++
		return uint64(rng.Int63n(int64(region/size))) * size, writeEvery > 0 && i%writeEvery == 0
	}
}

type run struct {
	params   spec.Params
	next     func() (uint64, bool)
	size     uint64
	total    int
	limit    int
	requests *requester.Requester
	model    *Comp
	events   int // engine events handled by the model
}

func (r *run) drive(t *testing.T) *run {
	engine := sim.NewSerialEngine()
	c, err := MakeBuilder().WithEngine(engine).WithParams(r.params).Build("DRAM")
	require.NoError(t, err)
	engine.AcceptHook(eventCounter{model: c, n: &r.events})
	r.model = c
	r.requests, err = requester.Drive(engine, sim.GHz, c.TopPort(), r.next, r.size, r.total, r.limit)
	require.NoError(t, err)
	return r
}

func (r *run) latenciesNS() []float64 {
	var out []float64
	for _, rec := range r.requests.Records() {
		out = append(out, float64(rec.Received-rec.Sent)*1e9)
	}
	return out
}

// bandwidthGBps is the bytes answered after the first fifth of the
// responses, over the time since then.
func (r *run) bandwidthGBps() float64 {
	recs, order := r.requests.Records(), r.requests.Completions()
	from := len(order) / 5
	var bytes uint64
	for _, i := range order[from+1:] {
		bytes += recs[i].Bytes
	}
	span := recs[order[len(order)-1]].Received - recs[order[from]].Received
	return float64(bytes) / float64(span) / 1e9
}

type eventCounter struct {
	model *Comp
	n     *int
}

func (h eventCounter) Func(ctx sim.HookCtx) {
	if ctx.Pos != sim.HookPosBeforeEvent {
		return
	}
	if e, ok := ctx.Item.(sim.Event); ok && (e.Handler() == h.model || e.Handler() == h.model.TickingComponent) {
		*h.n++
	}
}

var closePageNoRefresh = map[string]string{"PagePolicy": "close", "Refresh": "off"}

// Hand count, DDR4-3200 (tCK 0.625 ns), close page: the request sent at
// t = 0 is taken in DRAM cycle 1, moves to the command queue in cycle 2,
// ACT 3, RD 3 + tRCD = 25, data ends 25 + CL 22 + burst 4 = 51, response in
// cycle 52 = 32.5 ns. The second request (bank group 1, taken after the
// first answer) is sent at 33 ns, taken in cycle 53 (33.125 ns) and
// answered 51 cycles later, in cycle 104 = 65 ns: 32 ns.
func TestUnloadedReadLatencyByHand(t *testing.T) {
	r := (&run{params: ddr4(t, closePageNoRefresh), next: addresses([]uint64{0, 256}, false),
		size: 64, total: 2, limit: 1}).drive(t)
	require.InDeltaSlice(t, []float64{32.5, 32}, r.latenciesNS(), 1e-6)
	s := r.model.Stats()
	require.Equal(t, uint64(2), s.RowMisses)
	require.InDelta(t, 2*4*tck, s.BusyNS, 1e-9)
}

// Open page. Read 0 as above (answered in cycle 52). Read 64, same row: sent
// at 33 ns, taken in cycle 53, RD at 55 (a row hit), answered at 55 + 26 +
// 1 = 82 = 51.25 ns: 18.25 ns. Read 2^18 (row 1 of the same bank): sent at
// 52 ns, taken in cycle 84 (52.5 ns), PRE at max(86, ACT 3 + tRAS 52) = 86,
// ACT 86 + tRP 22 = 108 (≥ ACT + tRC = 77), RD 130, answered 157 = 98.125
// ns: 46.125 ns.
func TestOpenPageHitAndConflictByHand(t *testing.T) {
	r := (&run{params: ddr4(t, map[string]string{"Refresh": "off"}),
		next: addresses([]uint64{0, 64, 1 << 18}, false), size: 64, total: 3, limit: 1}).drive(t)
	require.InDeltaSlice(t, []float64{32.5, 18.25, 46.125}, r.latenciesNS(), 1e-6)
	s := r.model.Stats()
	require.Equal(t, [3]uint64{1, 1, 1}, [3]uint64{s.RowHits, s.RowMisses, s.RowConflicts})
}

// With nothing but the data bus to limit it (one rank, no refresh, open
// page), a sequential stream runs at the peak: the 256 B chunks rotate over
// the bank groups, so column commands 4 cycles apart (tCCD_S = burst) keep
// the bus busy: 8 B × 2 × 1.6 GHz = 25.6 GB/s.
func TestSequentialStreamReachesPeak(t *testing.T) {
	p := ddr4(t, map[string]string{"Ranks": "1", "Refresh": "off"})
	r := (&run{params: p, next: stream(1024, false), size: 1024, total: 2000, limit: 16}).drive(t)
	require.InDelta(t, p.PeakGBps(), r.bandwidthGBps(), 0.01*p.PeakGBps())
	require.LessOrEqual(t, r.bandwidthGBps(), p.PeakGBps()*1.0001)
}

// Two channels stream twice as fast as one.
func TestChannelsScaleBandwidth(t *testing.T) {
	one := ddr4(t, map[string]string{"Ranks": "1", "Refresh": "off"})
	two := ddr4(t, map[string]string{"Ranks": "1", "Refresh": "off", "Channels": "2"})
	r1 := (&run{params: one, next: stream(1024, false), size: 1024, total: 2000, limit: 16}).drive(t)
	r2 := (&run{params: two, next: stream(1024, false), size: 1024, total: 4000, limit: 32}).drive(t)
	require.InDelta(t, 2*r1.bandwidthGBps(), r2.bandwidthGBps(), 0.01*r2.bandwidthGBps())
}

// Refresh of the single rank blocks it for tRFC = 560 of every tREFI =
// 12480 cycles (4.49 %), plus the precharge of the open rows before each
// REF; so a saturated stream loses between 4.49 % and 6 % of its
// bandwidth, and one refresh is issued per tREFI.
func TestRefreshCostsItsShare(t *testing.T) {
	off := ddr4(t, map[string]string{"Ranks": "1", "Refresh": "off"})
	on := ddr4(t, map[string]string{"Ranks": "1"})
	rOff := (&run{params: off, next: stream(1024, false), size: 1024, total: 4000, limit: 16}).drive(t)
	rOn := (&run{params: on, next: stream(1024, false), size: 1024, total: 4000, limit: 16}).drive(t)
	loss := 1 - rOn.bandwidthGBps()/rOff.bandwidthGBps()
	require.GreaterOrEqual(t, loss, 560.0/12480)
	require.LessOrEqual(t, loss, 0.06)
	lastNS := float64(rOn.requests.Records()[rOn.requests.Completions()[3999]].Received) * 1e9
	require.InDelta(t, lastNS/tck/12480, float64(rOn.model.Stats().Refreshes), 1)
}

// tFAW = 200 cycles allows four ACTs per 200 cycles: with close page every
// 64 B burst needs an ACT, so one rank streams 4·64 B / 125 ns = 2.048
// GB/s, and random reads over 16 banks (tRC 74 cycles) reach that rate.
// (That no five ACTs ever come closer is checked on the command trace in
// timing_test.go; here the window of responses, which arrive in groups of
// four, is measured to within 1 %.)
func TestFourActivateWindowSetsBandwidth(t *testing.T) {
	p := ddr4(t, map[string]string{"Ranks": "1", "Refresh": "off", "PagePolicy": "close", "tFAW": "200"})
	r := (&run{params: p, next: random(1, 64, 16<<20, 0), size: 64, total: 1500, limit: 64}).drive(t)
	bound := 4 * 64 / (200 * tck)
	require.InDelta(t, bound, r.bandwidthGBps(), 0.01*bound)
}

// Posted writes (WriteDrain) are answered FrontendCycles + BackendCycles
// after they are taken: taken in cycle 1, answered in cycle 4 = 2.5 ns.
func TestPostedWritesAreAnsweredAtOnce(t *testing.T) {
	r := (&run{params: ddr4(t, nil), next: stream(4096, true), size: 4096, total: 3, limit: 1}).drive(t)
	require.InDelta(t, 2.5, r.latenciesNS()[0], 1e-6)
	s := r.model.Stats()
	require.Equal(t, uint64(3*4096), s.BytesWritten)
	require.Equal(t, s.TransferredBytes, s.BytesWritten)
	require.Equal(t, uint64(3*64), s.RowHits+s.RowMisses+s.RowConflicts) // all drained by the end
	require.Equal(t, s.RowHits+s.RowMisses+s.RowConflicts, s.ReadBursts+s.WriteBursts, "one column command per burst")
}

// Draining writes in batches pays fewer write-to-read turnarounds than
// serving them in arrival order, so a 1:1 random mix runs faster.
func TestWriteDrainBeatsInOrderOnAMix(t *testing.T) {
	drain := ddr4(t, map[string]string{"Refresh": "off"})
	inOrder := ddr4(t, map[string]string{"Refresh": "off", "WritePolicy": "inorder"})
	rd := (&run{params: drain, next: random(2, 256, 64<<20, 2), size: 256, total: 2000, limit: 32}).drive(t)
	ri := (&run{params: inOrder, next: random(2, 256, 64<<20, 2), size: 256, total: 2000, limit: 32}).drive(t)
	require.Greater(t, rd.bandwidthGBps(), ri.bandwidthGBps())
}

// HBM2 issues row and column commands on separate buses: with close page
// every burst needs both, so the dual bus is never slower.
func TestDualCommandBusHelps(t *testing.T) {
	dual, err := spec.Preset(spec.PresetHBM2)
	require.NoError(t, err)
	require.NoError(t, dual.Apply(closePageNoRefresh))
	single := dual
	single.DualCommandBus = false
	rd := (&run{params: dual, next: random(3, 64, 16<<20, 0), size: 64, total: 2000, limit: 64}).drive(t)
	rs := (&run{params: single, next: random(3, 64, 16<<20, 0), size: 64, total: 2000, limit: 64}).drive(t)
	require.GreaterOrEqual(t, rd.bandwidthGBps(), rs.bandwidthGBps())
	require.LessOrEqual(t, rd.bandwidthGBps(), dual.PeakGBps()*1.0001)
}

// The model costs a bounded number of engine events (see the package
// comment): per request one tick to take it, one wake-up when the port's
// head can be taken, one per response time; and, while busy, a wake-up at
// most every min(CL, CWL) + burst + BackendCycles = 21 cycles.
func TestEventsPerRequestAreBounded(t *testing.T) {
	tests := []struct {
		next  func() (uint64, bool)
		size  uint64
		total int
	}{
		{random(4, 64, 1<<30, 3), 64, 3000},
		{stream(4096, false), 4096, 300},
	}
	for _, tt := range tests {
		r := (&run{params: ddr4(t, nil), next: tt.next, size: tt.size, total: tt.total, limit: 16}).drive(t)
		lastNS := float64(r.requests.Records()[r.requests.Completions()[tt.total-1]].Received) * 1e9
		bound := 3*float64(tt.total) + lastNS/tck/21
		require.LessOrEqual(t, float64(r.events), bound)
	}
}

func TestSameInputsSameTimes(t *testing.T) {
	p := ddr4(t, nil)
	a := (&run{params: p, next: random(5, 256, 1<<28, 3), size: 256, total: 1000, limit: 16}).drive(t)
	b := (&run{params: p, next: random(5, 256, 1<<28, 3), size: 256, total: 1000, limit: 16}).drive(t)
	require.Equal(t, a.requests.Records(), b.requests.Records())
	require.Equal(t, a.model.Stats(), b.model.Stats())
}

func TestLargeRequestsDoNotNeedLargeQueues(t *testing.T) {
	p := ddr4(t, map[string]string{"TransactionQueueDepth": "4", "CommandQueueDepth": "2", "WriteQueueDepth": "4",
		"WriteHighWatermark": "3", "WriteLowWatermark": "1"})
	r := (&run{params: p, next: random(6, 4096, 1<<28, 2), size: 4096, total: 50, limit: 8}).drive(t)
	require.Equal(t, uint64(50*4096), r.model.Stats().BytesRead+r.model.Stats().BytesWritten)
}

func TestBuildRejectsBadParameters(t *testing.T) {
	p := ddr4(t, map[string]string{"Ranks": "3"})
	_, err := MakeBuilder().WithEngine(sim.NewSerialEngine()).WithParams(p).Build("DRAM")
	require.ErrorContains(t, err, "Ranks = 3")
	p = ddr4(t, map[string]string{"AddressMapping": "ro-co"})
	_, err = MakeBuilder().WithEngine(sim.NewSerialEngine()).WithParams(p).Build("DRAM")
	require.ErrorContains(t, err, `address mapping "ro-co"`)
	_, err = MakeBuilder().Build("DRAM")
	require.ErrorContains(t, err, "no engine")
	p = ddr4(t, map[string]string{"BanksPerGroup": "32"})
	_, err = MakeBuilder().WithEngine(sim.NewSerialEngine()).WithParams(p).Build("DRAM")
	require.ErrorContains(t, err, "at most 64 banks per rank")
}

// A request of zero bytes touches no burst: it is answered FrontendCycles
// + BackendCycles after it is taken (cycle 1 + 3 = 2.5 ns).
func TestEmptyRequestIsAnswered(t *testing.T) {
	r := (&run{params: ddr4(t, nil), next: stream(0, false), size: 0, total: 2, limit: 1}).drive(t)
	require.InDelta(t, 2.5, r.latenciesNS()[0], 1e-6)
	require.Zero(t, r.model.Stats().TransferredBytes)
}

// Two requesters, and a connection holding one message from the model at a
// time: responses due together are refused, and sent when it frees.
func TestRefusedResponsesAreRetried(t *testing.T) {
	engine := sim.NewSerialEngine()
	c, err := MakeBuilder().WithEngine(engine).WithParams(ddr4(t, nil)).Build("DRAM")
	require.NoError(t, err)
	conn := sim.NewDirectConnection("Conn", engine, sim.GHz)
	conn.PlugIn(c.TopPort(), 1)
	var rs []*requester.Requester
	for i := 0; i < 2; i++ {
		r := requester.NewRequester(fmt.Sprintf("Requester%d", i), engine, sim.GHz, c.TopPort(),
			stream(4096, i == 1), 4096, 40, 8)
		conn.PlugIn(r.MemPort(), 64)
		r.Start()
		rs = append(rs, r)
	}
	require.NoError(t, engine.Run())
	for _, r := range rs {
		require.True(t, r.Done())
	}
}
