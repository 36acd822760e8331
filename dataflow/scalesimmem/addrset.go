package scalesimmem

import "math/bits"

// addrSet is a set of addresses below 2⁴⁰ with constant-time clear: an
// open-addressing table (linear probing) of words that pack a generation
// (high 24 bits) with the address (low 40 bits); a slot belongs to the set
// only if it carries the current generation. It holds at most max
// addresses, at most half full.
type addrSet struct {
	slots []uint64
	gen   uint64
	shift uint
}

const (
	addrBits = 40
	maxGen   = 1<<(64-addrBits) - 1
)

// newAddrSet makes a set for up to max addresses.
func newAddrSet(max int64) *addrSet {
	size := uint(2)
	for int64(size) < 2*max {
		size <<= 1
	}
	return &addrSet{slots: make([]uint64, size), gen: 1, shift: uint(64 - bits.TrailingZeros(size))}
}

// add inserts a (0 ≤ a < 2⁴⁰) and reports whether it was not in the set.
func (s *addrSet) add(a int64) bool {
	mask := uint64(len(s.slots) - 1)
	want := s.gen<<addrBits | uint64(a)
	for i := (uint64(a) * 0x9E3779B97F4A7C15) >> s.shift; ; i = (i + 1) & mask {
		switch v := s.slots[i]; {
		case v == want:
			return false
		case v>>addrBits != s.gen:
			s.slots[i] = want
			return true
		}
	}
}

// clear empties the set: a new generation, and once in 2²⁴ clears a
// wiped table.
func (s *addrSet) clear() {
	if s.gen++; s.gen > maxGen {
		clear(s.slots)
		s.gen = 1
	}
}
