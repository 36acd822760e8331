package akitadram

import (
	"math/bits"

	"github.com/logsim/logsim/memory/dram/addrmap"
	"github.com/logsim/logsim/memory/dram/spec"
)

// layout encodes a location in the address format of Akita's controller:
// from high to low Row | Channel | Rank | Bank | BankGroup | Column |
// offset (mem/dram/internal/addressmapping.MakeBuilder), where Column
// counts bursts (log2(Columns) − log2(BurstLength) bits), the offset is one
// burst, and Channel takes no bit (one controller per channel).
type layout struct {
	offsetBits, colBits, bgBits, bankBits, rankBits uint
}

func newLayout(p spec.Params) layout {
	return layout{
		offsetBits: log2(p.BurstBytes()),
		colBits:    log2(p.Columns) - log2(p.BurstLength),
		bgBits:     log2(p.BankGroups),
		bankBits:   log2(p.BanksPerGroup),
		rankBits:   log2(p.Ranks),
	}
}

// address is the controller-internal address of the first byte of the
// burst at loc.
func (l layout) address(loc addrmap.Location) uint64 {
	a := uint64(loc.Row)
	a = a<<l.rankBits | uint64(loc.Rank)
	a = a<<l.bankBits | uint64(loc.Bank)
	a = a<<l.bgBits | uint64(loc.BankGroup)
	a = a<<l.colBits | uint64(loc.Column)
	return a << l.offsetBits
}

func log2(n int) uint { return uint(bits.TrailingZeros(uint(n))) }
