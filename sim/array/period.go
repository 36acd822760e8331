package array

import "github.com/logsim/logsim/memory"

// PeriodMark is what the array had counted at a point of a run, for a
// driver that repeats a stretch of it in closed form (package
// sim/analytic).
type PeriodMark struct {
	counters Counters
	buffers  [3]memory.BufferStats
}

// Mark returns what the array and its buffers have counted so far.
func (c *Comp) Mark() PeriodMark {
	m := PeriodMark{counters: c.counters}
	for i, b := range c.buffers {
		m.buffers[i] = b.Stats()
	}
	return m
}

// AppendPeriodKey appends to key what decides the array's next tiles
// besides the tiles themselves: where the previous fold started relative
// to cycle now, and its interval.
func (c *Comp) AppendPeriodKey(key []int64, now int64) []int64 {
	if !c.prev.valid {
		return append(key, 0)
	}
	return append(key, 1, c.prev.start-now, c.prev.interval)
}

// Repeat returns how to move the array on by periods more periods of
// cycles cycles, each counting what it counted since mark and placing its
// folds cycles later; it reports false (and nil) where its access spans
// did not move on by exactly cycles (every fold widens each of them).
func (c *Comp) Repeat(mark PeriodMark, periods, cycles int64) (func(), bool) {
	n, m := c.counters, mark.counters
	for i := range n.Accesses {
		var ok bool
		if n.Accesses[i], ok = n.Accesses[i].Repeat(m.Accesses[i], n.Folds > m.Folds, periods, cycles); !ok {
			return nil, false
		}
	}
	step := func(x, p int64) int64 { return x + periods*(x-p) }
	n.MACs, n.Folds, n.FoldPEs = step(n.MACs, m.MACs), step(n.Folds, m.Folds), step(n.FoldPEs, m.FoldPEs)
	n.DRAMStallCycles, n.SRAMStallCycles = step(n.DRAMStallCycles, m.DRAMStallCycles), step(n.SRAMStallCycles, m.SRAMStallCycles)
	n.Traffic = n.Traffic.Repeat(m.Traffic, periods)
	return func() {
		c.counters = n
		for i, b := range c.buffers {
			s := b.Stats()
			b.CountArrayRead(periods * (s.ArrayReadWords - mark.buffers[i].ArrayReadWords))
			b.CountArrayWrite(periods * (s.ArrayWriteWords - mark.buffers[i].ArrayWriteWords))
		}
		c.prev.start += periods * cycles
	}, true
}
