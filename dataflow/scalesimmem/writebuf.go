package scalesimmem

// writeBuffer is SCALE-Sim's ofmap write buffer (package doc): outputs
// are packed into lines of lineWords words; when more than the drain half
// is occupied, up to a half's worth of lines go to DRAM, one line per
// cycle.
type writeBuffer struct {
	total, drainHalf int64 // words
	lineWords        int64
	compat           bool // count padding as SCALE-Sim does

	free       int64
	lines      []int32 // words in each line handed to the drain (full or cut short by a drain)
	inLine     int64   // words in the line being filled
	drainFrom  int     // first line not yet drained
	drainEnd   int64   // last cycle of the drain in flight
	words      int64   // words written to DRAM
	dram       Window
	dramActive bool
}

func newWriteBuffer(kib, lineWords int, compat bool) *writeBuffer {
	total := int64(kib) * 1024
	active := (total + 1) / 2 // ⌈total·0.5⌉
	return &writeBuffer{total: total, drainHalf: total - active, lineWords: int64(lineWords),
		compat: compat, free: total}
}

// writeRow takes a row of n outputs issued at cycle and returns the cycle
// it is serviced in: later than cycle only if the buffer filled up while a
// drain was in flight.
func (b *writeBuffer) writeRow(cycle, n int64) int64 {
	current := cycle
	for ; n > 0; n-- {
		b.store()
		switch {
		case current < b.drainEnd:
			if b.free <= 0 {
				current = b.drainEnd
			}
		case b.free < b.total-b.drainHalf:
			b.cutLine()
			b.drainEnd = b.drain(current)
		}
	}
	return current
}

func (b *writeBuffer) store() {
	b.inLine++
	b.free--
	if b.inLine == b.lineWords {
		b.lines = append(b.lines, int32(b.inLine))
		b.inLine = 0
	}
}

// cutLine hands the line being filled to the drain, short.
func (b *writeBuffer) cutLine() {
	if b.inLine > 0 {
		b.lines = append(b.lines, int32(b.inLine))
		b.inLine = 0
	}
}

// drain sends up to half a buffer of lines to DRAM from cycle start, one
// line per cycle, and returns the last cycle. SCALE-Sim counts every line
// as full except for the padding of the last one. The DRAM window runs
// from the first drain's first line to the last drain's last line: the
// final flush may start while a drain is still in flight, and SCALE-Sim
// reports the last line of its trace, not the latest cycle.
func (b *writeBuffer) drain(start int64) int64 {
	n := min(int(ceilDiv(b.drainHalf, b.lineWords)), len(b.lines)-b.drainFrom)
	chunk := b.lines[b.drainFrom : b.drainFrom+n]
	var words int64
	if b.compat {
		words = int64(n)*b.lineWords - (b.lineWords - int64(chunk[n-1]))
	} else {
		for _, w := range chunk {
			words += int64(w)
		}
	}
	b.words += words
	b.free += words
	b.drainFrom += n
	if b.drainFrom > len(b.lines)/2 { // forget drained lines: memory bounded by the buffer, not the layer
		b.lines = append(b.lines[:0], b.lines[b.drainFrom:]...)
		b.drainFrom = 0
	}
	end := start + int64(n) - 1
	if !b.dramActive {
		b.dram.Start, b.dramActive = start, true
	}
	b.dram.Stop = end // the trace's last line, even if an earlier drain ends later
	return end
}

// flush drains everything left, from cycle on. SCALE-Sim starts at cycle
// even while a drain is still in flight, two drains at once; corrected,
// the flush waits for it.
func (b *writeBuffer) flush(cycle int64) {
	if !b.compat && b.dramActive {
		cycle = max(cycle, b.drainEnd+1)
	}
	b.cutLine()
	for b.drainFrom < len(b.lines) {
		b.drainEnd = b.drain(cycle)
		cycle = b.drainEnd + 1
	}
}
