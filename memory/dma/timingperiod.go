package dma

import "github.com/logsim/logsim/internal/clock"

// Quiet reports whether the DMA has no DRAM request in flight, no transfer
// delivered and not yet taken and no response to send: what it does next
// follows from its queue alone. With no request in flight, the DRAM
// model's state does not matter either: a bandwidth model's bus is free
// before the next request can reach it (its last response came back
// after its last byte, at least the model's latency later).
func (d *Timing) Quiet() bool {
	return d.arrivals.Len() == 0 && d.inflight.Len() == 0 && len(d.responses) == 0 && d.lastTick >= 0
}

// AppendPeriodKey appends to key what decides the quiet DMA's future
// relative to cycle now: when it ticks next and its queue in order, each
// transfer's direction, bytes, bytes issued, earliest start and start,
// with what tagKey appends for its tag (false: the transfer cannot be
// described, nor the DMA). A prefetch in the queue cannot be.
func (d *Timing) AppendPeriodKey(key []int64, now int64, tagKey func(key []int64, tag int) ([]int64, bool)) ([]int64, bool) {
	key = append(key, clock.Cycle(d.freq, d.lastTick)-now, clock.Relative(d.freq, d.nextEdge, now), int64(len(d.queue)))
	for _, t := range d.queue {
		if t.req.PrefetchUntil != 0 {
			return key, false
		}
		key = append(key, int64(t.req.Dir), t.req.Bytes, t.issued, t.remaining, clock.Cycle(d.freq, t.req.NotBefore)-now)
		if t.issued > 0 {
			key = append(key, clock.Cycle(d.freq, t.startedAt)-now)
		}
		var ok bool
		if key, ok = tagKey(key, t.req.Tag); !ok {
			return key, false
		}
	}
	return key, true
}

// QueuedTags is the number of transfers queued.
func (d *Timing) QueuedTags() int { return len(d.queue) }

// Repeat returns how to move the quiet DMA on by periods more periods of
// cycles cycles, each counting what it counted since mark: its queue and
// its next tick that much later.
func (d *Timing) Repeat(mark Stats, periods, cycles int64) func() {
	shift := periods * cycles
	return func() {
		s := d.stats
		d.stats = Stats{BytesRead: s.BytesRead + periods*(s.BytesRead-mark.BytesRead),
			BytesWritten: s.BytesWritten + periods*(s.BytesWritten-mark.BytesWritten),
			Requests:     s.Requests + periods*(s.Requests-mark.Requests),
			Transfers:    s.Transfers + periods*(s.Transfers-mark.Transfers)}
		d.lastTick = clock.Later(d.freq, d.lastTick, shift)
		d.nextEdge = clock.Later(d.freq, d.nextEdge, shift)
		for _, t := range d.queue {
			t.req.NotBefore = clock.Later(d.freq, t.req.NotBefore, shift)
			if t.issued > 0 {
				t.startedAt = clock.Later(d.freq, t.startedAt, shift)
			}
		}
	}
}
