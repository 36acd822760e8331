package memory

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWordsFor(t *testing.T) {
	cases := []struct {
		n          int64
		b, w       int
		wantWords  int64
		wantDRAMBy int64
	}{
		{1, 3, 64, 1, 8},
		{21, 3, 64, 1, 8},  // ⌊64/3⌋ = 21 codes per word
		{22, 3, 64, 2, 16}, // the 22nd code does not straddle: a new word
		{100, 8, 64, 13, 104},
		{100, 8, 8, 100, 104}, // SCALE-Sim 8-bit words
		{10, 5, 8, 10, 8},     // 5-bit codes in 8-bit words: one per word; DRAM: 12 per 64-b word
		{7, 32, 64, 4, 32},
		{3, 48, 32, 6, 24}, // a code wider than the word takes 2 words
		{0, 8, 64, 0, 0},
	}
	for _, c := range cases {
		require.Equal(t, c.wantWords, WordsFor(c.n, c.b, c.w), "%+v", c)
		require.Equal(t, c.wantDRAMBy, BytesPacked(c.n, c.b), "%+v", c)
	}
}
