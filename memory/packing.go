package memory

// DRAMWordBits is the word into which DRAM tensors are packed (bits).
const DRAMWordBits = 64

// WordsFor is the number of wordBits-bit words holding elements codes of
// bitsPerElement bits, packed ⌊wordBits/bitsPerElement⌋ to a word, never
// straddling words (design.md §5): ⌈elements / ⌊W/b⌋⌉. A code wider than the
// word takes ⌈b/W⌉ whole words.
func WordsFor(elements int64, bitsPerElement, wordBits int) int64 {
	if elements <= 0 || bitsPerElement <= 0 || wordBits <= 0 {
		return 0
	}
	if bitsPerElement > wordBits {
		per := int64((bitsPerElement + wordBits - 1) / wordBits)
		return elements * per
	}
	perWord := int64(wordBits / bitsPerElement)
	return (elements + perWord - 1) / perWord
}

// BytesPacked is the size in DRAM (bytes) of a tensor of elements codes of
// bitsPerElement bits. DRAM layout: the tensor is stored contiguously,
// packed into 64-bit words by the same rule as the SRAM (⌊64/b⌋ codes per
// word, none straddling), so it takes 8·WordsFor(elements, b, 64) bytes.
func BytesPacked(elements int64, bitsPerElement int) int64 {
	return WordsFor(elements, bitsPerElement, DRAMWordBits) * DRAMWordBits / 8
}
