package dramcheck

import (
	"fmt"
	"time"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/memory/dram/internal/requester"
	"github.com/sarchlab/akita/v3/sim"
)

// RequesterClockMHz is the clock of the requester, in MHz: the accelerator
// clock of the reference design point (design.md §7).
const RequesterClockMHz = 1000

// Run is one micro-benchmark: a pattern, a number of requests and a bound
// on outstanding requests, against one model.
type Run struct {
	Model       dram.Resolved
	Pattern     Pattern
	Requests    int // requests issued, warm-up and tail included
	Outstanding int // at most this many requests in flight
}

// Measurement is what a run measured in steady state. The first fifth of
// the responses (warm-up) and the last Outstanding ones (the pipeline
// draining) are left out; the window is the rest.
type Measurement struct {
	// BandwidthGBps is the bytes answered in the window over its duration,
	// in GB/s (1e9 B/s).
	BandwidthGBps float64
	// LatencyNS is the mean latency of the requests answered in the
	// window, from the requester's send to the response's arrival, in ns.
	LatencyNS float64
	// HalfBandwidthGBps and HalfLatencyNS are the same over the first half
	// of the window only: how far the figures still move.
	HalfBandwidthGBps, HalfLatencyNS float64
	// Window is the number of responses in the window.
	Window int
	// SimNS is the simulated time of the run, in ns.
	SimNS float64
	// HostSeconds is the wall-clock time of the run, in s.
	HostSeconds float64
	// Stats are the model's counters at the end.
	Stats dram.Stats
}

// Measure performs the run on a fresh engine.
func Measure(run Run) (Measurement, error) {
	if err := run.check(); err != nil {
		return Measurement{}, err
	}
	engine := sim.NewSerialEngine()
	model, err := dram.Build(engine, "DRAM", run.Model)
	if err != nil {
		return Measurement{}, err
	}
	start := time.Now()
	req, err := requester.Drive(engine, RequesterClockMHz*sim.MHz, model.TopPort(),
		run.Pattern.Generator(), run.Pattern.Size, run.Requests, run.Outstanding)
	if err != nil {
		return Measurement{}, fmt.Errorf("%s on %s: %w", run.Pattern.Name(), run.Model.Model, err)
	}
	m := measure(req.Records(), req.Completions(), run.Outstanding)
	m.SimNS = float64(engine.CurrentTime()) * 1e9
	m.HostSeconds = time.Since(start).Seconds()
	m.Stats = model.Stats()
	return m, nil
}

func (run Run) check() error {
	if err := run.Pattern.Validate(); err != nil {
		return err
	}
	if run.Outstanding < 1 || run.Requests < 5*(run.Outstanding+2) {
		return fmt.Errorf("%s: %d requests with %d outstanding: need at least 5·(outstanding+2) requests",
			run.Pattern.Name(), run.Requests, run.Outstanding)
	}
	return nil
}

// measure computes the steady-state figures from the records.
func measure(records []requester.Record, order []int, outstanding int) Measurement {
	first := len(order) / 5
	last := len(order) - outstanding
	bw, lat := window(records, order, first, last)
	halfBW, halfLat := window(records, order, first, (first+last)/2)
	return Measurement{
		BandwidthGBps: bw, LatencyNS: lat,
		HalfBandwidthGBps: halfBW, HalfLatencyNS: halfLat,
		Window: last - first,
	}
}

// window measures the responses order[from+1 .. to] (the interval starts at
// the arrival of response order[from]).
func window(records []requester.Record, order []int, from, to int) (gbps, latencyNS float64) {
	var bytes uint64
	var latency float64
	for _, i := range order[from+1 : to+1] {
		bytes += records[i].Bytes
		latency += float64(records[i].Received - records[i].Sent)
	}
	span := float64(records[order[to]].Received - records[order[from]].Received)
	n := float64(to - from)
	return float64(bytes) / span / 1e9, latency / n * 1e9
}
