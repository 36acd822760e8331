package analytic

import (
	"fmt"
	"sync"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/memory/dram/dramcheck"
)

// Calibration is the bandwidth model that stands in for a command-level
// DRAM model (`fast`, `akita`) at the analytic level, on the request
// pattern of the DMA: requests of the DMA's size, sequential within a
// transfer, as many in flight as the DMA keeps.
//
// It is measured in process, on the same micro-benchmark harness as
// `logsim dramcheck` (package dramcheck), never read from a file:
//   - the sustained bandwidth of sequential reads with the DMA's requests in
//     flight (the steady-state window of dramcheck.Measure);
//   - the latency of a read on its own (one request in flight) at a random
//     address: a transfer's first request opens a new row, and latency
//     matters most for the small transfers, where that request is a large
//     part of the whole;
//   - the stand-in's latency is that lone latency less the bandwidth
//     model's own lone latency at the sustained bandwidth with no added
//     latency (its bus transfer and clock edges), measured the same way.
type Calibration struct {
	// SustainedGBps is the measured sustained bandwidth, GB/s.
	SustainedGBps float64
	// LoneLatencyNS is the measured latency of a lone read, ns.
	LoneLatencyNS float64
	// StandIn is the bandwidth model with that bandwidth and latency.
	StandIn dram.Resolved
}

// calibrationBytes is the data the sustained-bandwidth run moves, bytes:
// long enough to include row changes and refreshes in proportion.
const calibrationBytes = 4 << 20

// loneRegion bounds the random addresses of the lone reads, bytes: the
// operand regions of the controller's layout (sim/controller) span 1 GiB.
const loneRegion = 1 << 30

// calibrationClockMHz is the stand-in's clock: the requester's, so that
// its bandwidth in bytes per cycle is the measured GB/s.
const calibrationClockMHz = dramcheck.RequesterClockMHz

// Calibrate measures the calibration of the DRAM model r for requests of
// requestBytes with outstanding in flight.
func Calibrate(r dram.Resolved, requestBytes, outstanding int) (Calibration, error) {
	pattern := dramcheck.Pattern{Kind: dramcheck.Sequential, Op: dramcheck.Reads, Size: uint64(requestBytes)}
	sustained, err := dramcheck.Measure(dramcheck.Run{Model: r, Pattern: pattern, Requests: max(20*(outstanding+2), calibrationBytes/requestBytes), Outstanding: outstanding})
	if err != nil {
		return Calibration{}, fmt.Errorf("calibrating the %s DRAM: %w", r.Model, err)
	}
	pattern.Kind, pattern.Region, pattern.Seed = dramcheck.Random, loneRegion, 1
	lone, err := loneLatency(r, pattern)
	if err != nil {
		return Calibration{}, err
	}
	standIn := dram.Resolved{Model: dram.ModelBandwidth, Params: r.Params, ClockMHz: calibrationClockMHz,
		BytesPerCycle: sustained.BandwidthGBps * 1000 / calibrationClockMHz}
	own, err := loneLatency(standIn, pattern)
	if err != nil {
		return Calibration{}, err
	}
	standIn.LatencyNS = max(0, lone-own)
	return Calibration{SustainedGBps: sustained.BandwidthGBps, LoneLatencyNS: lone, StandIn: standIn}, nil
}

// loneLatency is the mean latency of reads issued one at a time, ns.
func loneLatency(r dram.Resolved, pattern dramcheck.Pattern) (float64, error) {
	m, err := dramcheck.Measure(dramcheck.Run{Model: r, Pattern: pattern, Requests: 40, Outstanding: 1})
	if err != nil {
		return 0, fmt.Errorf("calibrating the %s DRAM: %w", r.Model, err)
	}
	return m.LatencyNS, nil
}

// Calibrations keeps the calibrations a process has measured, so that the
// points of a sweep with the same DRAM measure it once. It is safe for
// concurrent use; the zero value is ready.
type Calibrations struct {
	mu sync.Mutex
	m  map[string]*calibrationEntry
}

type calibrationEntry struct {
	once sync.Once
	cal  Calibration
	err  error
}

// For returns the calibration of r for the DMA's request pattern,
// measuring it the first time.
func (c *Calibrations) For(r dram.Resolved, requestBytes, outstanding int) (Calibration, error) {
	key := fmt.Sprintf("%#v|%d|%d", r, requestBytes, outstanding)
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
	e.once.Do(func() { e.cal, e.err = Calibrate(r, requestBytes, outstanding) })
	return e.cal, e.err
}
