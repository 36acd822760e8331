package analytic

import (
	"fmt"
	"math"
	"sync"

	"github.com/sarchlab/akita/v3/sim"

	"github.com/logsim/logsim/memory/dma"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/memory/dram/bandwidth"
	"github.com/logsim/logsim/memory/dram/dramcheck"
)

// Calibration is the bandwidth model that stands in for a command-level
// DRAM model (`fast`, `akita`) at the analytic level. It is fitted in
// process on the DMA's request pattern, never read from a file, and
// nothing in it is fitted to a network:
//   - latency: the mean latency of reads one at a time at random addresses
//     (a transfer's first request opens a row in a bank that holds
//     another), less the bandwidth model's own for the same reads with no
//     added latency (its bus transfer and clock edges), both measured on
//     the harness of `logsim dramcheck` (package dramcheck);
//   - bandwidth: the event DMA (dma.Comp) runs a stream of transfers of one
//     outstanding window each (the DMA's outstanding requests × its request
//     size), queued at once and cycling through an ifmap load, a filter
//     load and an output store in the controller's operand regions (its
//     address layout), against the DRAM model on the Akita engine; the
//     stand-in's bandwidth is the one with which the transfer-level DMA
//     (dma.Timing) over it finishes the stream at the same cycle — row
//     changes, refreshes and read/write turnarounds included.
type Calibration struct {
	// SustainedGBps is the stand-in's bandwidth, GB/s.
	SustainedGBps float64
	// LoneLatencyNS is the DRAM model's mean latency of a lone random read,
	// ns.
	LoneLatencyNS float64
	// StandIn is the bandwidth model with that bandwidth and latency.
	StandIn dram.Resolved
	// StreamCycles is the event DMA's time for the stream, in DMA cycles,
	// which the stand-in reproduces.
	StreamCycles int64
	// ActivatesPerBurst is the DRAM model's activates per burst on the
	// stream; RefreshesPerNS its ranks' refresh rate (one per tREFI each).
	// The analytic level's command counts (Commands) follow them; its
	// bursts are whole-burst counts of the bytes.
	ActivatesPerBurst, RefreshesPerNS float64
	burstBytes                        int64
}

// Commands are the DRAM counters of a stretch of the run that moved read
// and written bytes over ns nanoseconds, at the stream's command rates:
// what the command-level model would have counted, on average.
func (c Calibration) Commands(read, written int64, ns float64) dram.Stats {
	s := Counters(read, written, c.burstBytes)
	bursts := float64(s.ReadBursts + s.WriteBursts)
	s.RowMisses = uint64(math.Round(bursts * c.ActivatesPerBurst))
	s.Refreshes = uint64(math.Round(ns * c.RefreshesPerNS))
	s.BusyNS = float64(read+written) / c.SustainedGBps
	return s
}

// Counters are the byte and burst counters of read and written bytes moved
// in bursts of burstBytes (no bursts counted when it is 0).
func Counters(read, written, burstBytes int64) dram.Stats {
	s := dram.Stats{BytesRead: uint64(read), BytesWritten: uint64(written), TransferredBytes: uint64(read + written)}
	if burstBytes > 0 {
		s.ReadBursts, s.WriteBursts = uint64((read+burstBytes-1)/burstBytes), uint64((written+burstBytes-1)/burstBytes)
	}
	return s
}

// standInClockMHz is the stand-in's clock, MHz.
const standInClockMHz = 1000

// Calibration workloads: the stream's transfers, and the controller's
// address layout (sim/controller: an operand region is 256 MiB).
const (
	streamTransfers = 48
	regionBytes     = 256 << 20
)

// DMA is the DMA a calibration is for: its clock, request size and
// outstanding requests.
type DMA struct {
	ClockMHz     float64
	RequestBytes int
	Outstanding  int
}

// Calibrate fits the stand-in for the DRAM model r behind the DMA.
func Calibrate(r dram.Resolved, d DMA) (Calibration, error) {
	stream := streamWorkload(d)
	var cal Calibration
	var err error
	var counted dram.Stats
	if cal.StreamCycles, counted, err = eventCycles(r, d, stream); err != nil {
		return Calibration{}, err
	}
	cal.burstBytes = int64(r.Params.BurstBytes())
	if b := counted.ReadBursts + counted.WriteBursts; b > 0 {
		cal.ActivatesPerBurst = float64(counted.Activates()) / float64(b)
	}
	if pr := r.Params; pr.Refresh && pr.TREFI > 0 {
		cal.RefreshesPerNS = float64(pr.Ranks*r.Channels()) / (float64(pr.TREFI) * pr.CycleNS())
	}
	if cal.LoneLatencyNS, err = loneLatency(r, d); err != nil {
		return Calibration{}, err
	}
	var bytes int64
	for _, t := range stream {
		bytes += t.bytes
	}
	bpc := float64(bytes) / (float64(cal.StreamCycles) / d.ClockMHz * standInClockMHz)
	lat := 0.0
	for i := 0; i < 3; i++ { // the stand-in's own lone latency includes a bus transfer at its bandwidth
		own, err := loneLatency(standIn(r, bpc, 0), d)
		if err != nil {
			return Calibration{}, err
		}
		lat = max(0, cal.LoneLatencyNS-own)
		bpc = 1 / fitIncreasing(1/(bpc*1e3), 1/(bpc*1e-3), func(inv float64) int64 {
			return analyticCycles(d, stream, 1/inv, lat)
		}, cal.StreamCycles)
	}
	cal.SustainedGBps = bpc * standInClockMHz / 1000
	cal.StandIn = standIn(r, bpc, lat)
	return cal, nil
}

func standIn(r dram.Resolved, bytesPerCycle, latencyNS float64) dram.Resolved {
	return dram.Resolved{Model: dram.ModelBandwidth, Params: r.Params, ClockMHz: standInClockMHz,
		LatencyNS: latencyNS, BytesPerCycle: bytesPerCycle}
}

// loneLatency is the mean latency of reads of the DMA's size issued one at
// a time at random addresses within the controller's operand regions, ns.
func loneLatency(r dram.Resolved, d DMA) (float64, error) {
	p := dramcheck.Pattern{Kind: dramcheck.Random, Op: dramcheck.Reads, Size: uint64(d.RequestBytes), Region: 4 * regionBytes, Seed: 1}
	m, err := dramcheck.Measure(dramcheck.Run{Model: r, Pattern: p, Requests: 40, Outstanding: 1})
	if err != nil {
		return 0, fmt.Errorf("calibrating the %s DRAM: %w", r.Model, err)
	}
	return m.LatencyNS, nil
}

// fitIncreasing returns the smallest x in [lo, hi] (to 1e-9 relative) with
// f(x) ≥ target, f non-decreasing.
func fitIncreasing(lo, hi float64, f func(float64) int64, target int64) float64 {
	if f(lo) >= target {
		return lo
	}
	for i := 0; i < 80 && hi-lo > 1e-9*math.Max(1, math.Abs(hi)); i++ {
		mid := (lo + hi) / 2
		if f(mid) >= target {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// transfer is one transfer of a calibration workload.
type transfer struct {
	dir   dma.Direction
	addr  uint64
	bytes int64
}

func streamWorkload(d DMA) []transfer {
	size := int64(d.RequestBytes) * int64(d.Outstanding)
	out := make([]transfer, streamTransfers)
	for i := range out {
		op, id := i%3, uint64(i/3)
		dir := dma.Load
		if op == 2 {
			dir = dma.Store
		}
		out[i] = transfer{dir: dir, addr: uint64(op)*regionBytes + id*uint64(size), bytes: size}
	}
	return out
}

func (t transfer) request(b dma.TransferReqBuilder, tag int) *dma.TransferReq {
	b = b.WithTag(tag)
	if t.dir == dma.Load {
		return b.WithLoad(nil, t.addr, t.bytes).Build()
	}
	return b.WithStore(nil, t.addr, t.bytes).Build()
}

// analyticCycles is when the transfer-level DMA over a bandwidth model of
// bytesPerCycle (at standInClockMHz) and latencyNS finishes the workload,
// given at time 0, in DMA cycles.
func analyticCycles(d DMA, work []transfer, bytesPerCycle, latencyNS float64) int64 {
	freq := sim.Freq(d.ClockMHz) * sim.MHz
	t := dma.NewTiming(freq, d.RequestBytes, d.Outstanding,
		bandwidth.NewTiming(standInClockMHz*sim.MHz, bytesPerCycle, latencyNS))
	for i, w := range work {
		t.Accept(0, w.request(dma.TransferReqBuilder{}, i))
	}
	var last sim.VTimeInSec
	for left := len(work); left > 0; {
		now, ok := t.NextTick()
		if !ok {
			panic("internal: the transfer-level DMA stopped with transfers left")
		}
		for _, rsp := range t.Tick(now) {
			last = max(last, rsp.DoneAt)
			left--
		}
	}
	return int64(freq.Cycle(last))
}

// Calibrations keeps the calibrations a process has measured, so that the
// points of a sweep with the same DRAM and DMA measure them once. It is
// safe for concurrent use; the zero value is ready.
type Calibrations struct {
	mu sync.Mutex
	m  map[string]*calibrationEntry
}

type calibrationEntry struct {
	once sync.Once
	cal  Calibration
	err  error
}

// For returns the calibration of r behind the DMA, fitting it the first
// time.
func (c *Calibrations) For(r dram.Resolved, d DMA) (Calibration, error) {
	key := fmt.Sprintf("%#v|%#v", r, d)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*calibrationEntry{}
	}
	e, ok := c.m[key]
	if !ok {
		e = &calibrationEntry{}
		c.m[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.cal, e.err = Calibrate(r, d) })
	return e.cal, e.err
}
