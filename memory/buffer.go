package memory

import (
	"fmt"
)

// Buffer is one double-buffered SRAM scratchpad of the accelerator (named
// like Accel.IfmapBuf). It is a passive sub-component, like Akita's
// pipelines: the DMA fills and drains its halves and the array reads and
// writes it. It keeps the access counts
// the energy model prices (array side; the DMA side is counted by the
// transfer's owner) and says how long a demand takes on its ports.
//
// The capacity is split into two equal halves (active and prefetch). Codes
// are packed ⌊W/b⌋ to a W-bit word and never straddle words (WordsFor).
// The array side has Banks banks of WordsPerCycle words per cycle each;
// WordsPerCycle 0 means ports wide enough that the array never waits
// (the reference design point, design.md §7).
type Buffer struct {
	name          string
	capacityBytes int64
	wordBits      int
	banks         int
	wordsPerCycle int

	stats BufferStats
}

// BufferStats counts word accesses, by side. The buffer counts the array
// side; the DMA side is counted per transfer by whoever owns the transfer
// (the controller, which knows the layer it is for: TransferWords).
type BufferStats struct {
	ArrayReadWords  int64 // words read by the array (operands, partial sums read back)
	ArrayWriteWords int64 // words written by the array (outputs, partial sums)
	DMAWriteWords   int64 // words written by the DMA (tiles loaded from DRAM)
	DMAReadWords    int64 // words read by the DMA (tiles stored to DRAM)
}

// Reads is all word reads.
func (s BufferStats) Reads() int64 { return s.ArrayReadWords + s.DMAReadWords }

// Writes is all word writes.
func (s BufferStats) Writes() int64 { return s.ArrayWriteWords + s.DMAWriteWords }

// BufferBuilder builds a Buffer. Defaults: 64 KiB of 64-bit words, one
// bank, unlimited array-side port width.
type BufferBuilder struct {
	capacityKiB   int
	wordBits      int
	banks         int
	wordsPerCycle int
}

// MakeBufferBuilder returns a builder with the defaults.
func MakeBufferBuilder() BufferBuilder {
	return BufferBuilder{capacityKiB: 64, wordBits: 64, banks: 1}
}

// WithCapacityKiB sets the total capacity (both halves), in KiB.
func (b BufferBuilder) WithCapacityKiB(kib int) BufferBuilder {
	b.capacityKiB = kib
	return b
}

// WithWordBits sets the SRAM word width, in bits.
func (b BufferBuilder) WithWordBits(bits int) BufferBuilder {
	b.wordBits = bits
	return b
}

// WithBanks sets the number of banks on the array side.
func (b BufferBuilder) WithBanks(n int) BufferBuilder {
	b.banks = n
	return b
}

// WithWordsPerCycle sets each bank's array-side words per cycle; 0 means
// unlimited.
func (b BufferBuilder) WithWordsPerCycle(n int) BufferBuilder {
	b.wordsPerCycle = n
	return b
}

// Build creates the buffer, checking its parameters.
func (b BufferBuilder) Build(name string) (*Buffer, error) {
	switch {
	case b.capacityKiB <= 0:
		return nil, fmt.Errorf("%s: capacity must be positive, got %d KiB", name, b.capacityKiB)
	case b.wordBits <= 0:
		return nil, fmt.Errorf("%s: word must be positive, got %d bits", name, b.wordBits)
	case b.banks <= 0:
		return nil, fmt.Errorf("%s: banks must be positive, got %d", name, b.banks)
	case b.wordsPerCycle < 0:
		return nil, fmt.Errorf("%s: words per cycle must not be negative, got %d", name, b.wordsPerCycle)
	}
	return &Buffer{
		name: name, capacityBytes: int64(b.capacityKiB) * 1024,
		wordBits: b.wordBits, banks: b.banks, wordsPerCycle: b.wordsPerCycle,
	}, nil
}

// Name is the buffer's component name.
func (b *Buffer) Name() string { return b.name }

// WordBits is the word width, in bits.
func (b *Buffer) WordBits() int { return b.wordBits }

// CapacityKiB is the total capacity, in KiB.
func (b *Buffer) CapacityKiB() float64 { return float64(b.capacityBytes) / 1024 }

// HalfWords is the number of words in one half.
func (b *Buffer) HalfWords() int64 { return b.capacityBytes * 8 / int64(b.wordBits) / 2 }

// Words is the number of words n codes of bits bits take (WordsFor).
func (b *Buffer) Words(n int64, bits int) int64 { return WordsFor(n, bits, b.wordBits) }

// PortCycles is the number of cycles the array side needs to move words
// words at the buffer's port width: ⌈words / (banks·words per cycle)⌉, or
// 0 with unlimited ports.
func (b *Buffer) PortCycles(words int64) int64 {
	if b.wordsPerCycle == 0 || words <= 0 {
		return 0
	}
	per := int64(b.banks * b.wordsPerCycle)
	return (words + per - 1) / per
}

// CountArrayRead records words the array read.
func (b *Buffer) CountArrayRead(words int64) { b.stats.ArrayReadWords += words }

// CountArrayWrite records words the array wrote.
func (b *Buffer) CountArrayWrite(words int64) { b.stats.ArrayWriteWords += words }

// TransferWords is the number of words a DMA transfer of bytes bytes
// writes into (or reads out of) the buffer: ⌈bytes·8 / W⌉.
func (b *Buffer) TransferWords(bytes int64) int64 {
	return (bytes*8 + int64(b.wordBits) - 1) / int64(b.wordBits)
}

// Stats returns the access counts so far.
func (b *Buffer) Stats() BufferStats { return b.stats }

// ResetStats clears the counts (between layers).
func (b *Buffer) ResetStats() { b.stats = BufferStats{} }
