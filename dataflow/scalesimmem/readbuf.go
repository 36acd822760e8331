package scalesimmem

import "fmt"

// SCALE-Sim's hard-coded read-buffer constants (CALC mode).
const (
	setsPerBuffer  = 100 // a buffer is cut into 100 sets of ⌊words/100⌋ words
	activeSets     = 50  // 50 % active half: the window moves every 50 sets
	firstFillWords = 10  // words per cycle of the first fill
	readLatency    = 1   // cycles between a DRAM read and its data (and an SRAM hit)
)

// Window is a span of SCALE-Sim cycles, both ends included.
type Window struct {
	Start, Stop int64
}

// readBuffer is SCALE-Sim's CALC-mode read buffer: it logs, for the reads
// the array makes, the DRAM reads that fill it (package doc).
type readBuffer struct {
	setWords int64 // words per set
	seen     *addrSet
	inSet    int64 // new addresses in the set being filled
	sets     int64 // complete sets
	windowAt int64 // the window moves when sets reaches this
	moves    int64

	firstRead          int64 // cycle of the first read; −1 before it
	fillStart, fillEnd int64 // the cycles of the fill in progress
	dramStart          int64 // first DRAM trace cycle (after the first move)
	words              int64 // words read from DRAM
	err                error
}

// newReadBuffer makes a buffer of kib KiB for a layer that reads it at most
// reads times (which bounds the addresses it can hold).
func newReadBuffer(kib int, reads int64) *readBuffer {
	setWords := int64(kib) * 1024 / setsPerBuffer
	return &readBuffer{setWords: setWords, seen: newAddrSet(min(activeSets*setWords, reads)),
		windowAt: activeSets, firstRead: -1}
}

// read is one array read of addr at cycle.
func (b *readBuffer) read(addr, cycle int64) {
	if b.firstRead < 0 {
		b.firstRead = cycle
	}
	if !b.seen.add(addr) {
		return
	}
	b.words++
	b.inSet++
	if b.inSet < b.setWords {
		return
	}
	b.inSet = 0
	b.sets++
	if b.sets == b.windowAt {
		b.move(cycle)
	}
}

// move logs the fill of the sets behind the window and moves it on: the
// first fill at 10 words per cycle just before the first read, each later
// one over the cycles since the previous move.
func (b *readBuffer) move(cycle int64) {
	if b.moves == 0 {
		end := b.firstRead - 1 - readLatency
		b.dramStart = end - ceilDiv(activeSets*b.setWords, firstFillWords) + 1 + readLatency
		b.fillEnd = end
	} else {
		b.checkFill()
	}
	b.moves++
	b.fillStart, b.fillEnd = b.fillEnd+1, cycle
	b.windowAt += activeSets
	b.seen.clear()
}

// dram is the DRAM side once every read is in: the window of the DRAM
// trace and the words read. Before any move the whole working set is one
// first fill ending just before cycle 0.
func (b *readBuffer) dram() (Window, int64, error) {
	if b.moves > 0 {
		b.checkFill()
		return Window{b.dramStart, b.fillEnd + readLatency}, b.words, b.err
	}
	sets := b.sets
	if b.inSet > 0 {
		sets++
	}
	if sets == 0 {
		return Window{}, 0, nil
	}
	return Window{-ceilDiv(sets*b.setWords, firstFillWords), -readLatency}, b.words, nil
}

// checkFill flags a fill with no cycles to spread over (two moves in one
// cycle), where SCALE-Sim divides by zero.
func (b *readBuffer) checkFill() {
	if b.fillEnd < b.fillStart && b.err == nil {
		b.err = fmt.Errorf("the read buffer moved twice in cycle %d (SCALE-Sim divides by zero here): the buffer is too small for the array", b.fillEnd)
	}
}

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }
