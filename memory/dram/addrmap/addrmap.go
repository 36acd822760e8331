// Package addrmap maps a physical byte address to a DRAM location (channel,
// rank, bank group, bank, row, column) from a bit-order string and an
// interleave granularity.
//
// The string lists the six fields from the most to the least significant,
// as two-letter names separated by dashes (or not separated, DRAMSim3
// style): ro (row), co (column), ra (rank), ba (bank in its group), bg
// (bank group), ch (channel). Each field takes log2(count) bits. The
// address is first divided by the burst size (BusWidthBits/8·BurstLength
// bytes). The lowest log2(InterleaveBytes/burst) bits of what remains are
// the low column bits, so InterleaveBytes consecutive bytes stay in one row
// of one bank; the fields of the string then follow, least significant
// last, with "co" taking the remaining column bits.
//
// Example, DDR4-3200 (1 channel, 2 ranks, 4×4 banks, 128 bursts of 64 B per
// row) with "ro-co-ra-ba-bg-ch" and 256 B: bits 0–5 offset, 6–7 low column,
// bank group 8–9, bank 10–11, rank 12, high column 13–17, row 18–33.
// Consecutive 256 B chunks therefore rotate over the bank groups first,
// then the banks and the ranks. Addresses beyond the capacity wrap around
// (the row is taken modulo Rows).
package addrmap

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/logsim/logsim/memory/dram/spec"
)

// Location is where one burst lives. Column counts bursts within the row.
type Location struct {
	Channel, Rank, BankGroup, Bank, Row, Column int
}

// Field names of the bit-order string.
const (
	FieldRow       = "ro"
	FieldColumn    = "co"
	FieldRank      = "ra"
	FieldBank      = "ba"
	FieldBankGroup = "bg"
	FieldChannel   = "ch"
)

var fieldNames = []string{FieldRow, FieldColumn, FieldRank, FieldBank, FieldBankGroup, FieldChannel}

type field struct {
	name  string
	width uint
}

// Mapping turns byte addresses into Locations. The zero value is not
// usable; build one with New.
type Mapping struct {
	burstShift uint
	colLowBits uint
	lowToHigh  []field
}

// New builds the mapping of p.AddressMapping and p.InterleaveBytes for the
// organisation of p.
func New(p spec.Params) (Mapping, error) {
	order, err := ParseOrder(p.AddressMapping)
	if err != nil {
		return Mapping{}, err
	}
	burstsPerChunk := p.InterleaveBytes / p.BurstBytes()
	colLow := log2(burstsPerChunk)
	widths := map[string]uint{
		FieldRow:       log2(p.Rows),
		FieldColumn:    log2(p.BurstsPerRow()) - colLow,
		FieldRank:      log2(p.Ranks),
		FieldBank:      log2(p.BanksPerGroup),
		FieldBankGroup: log2(p.BankGroups),
		FieldChannel:   log2(p.Channels),
	}
	m := Mapping{burstShift: log2(p.BurstBytes()), colLowBits: colLow}
	for i := len(order) - 1; i >= 0; i-- {
		m.lowToHigh = append(m.lowToHigh, field{order[i], widths[order[i]]})
	}
	return m, nil
}

// ParseOrder splits a bit-order string into its six field names, most
// significant first, and checks that each field appears exactly once.
func ParseOrder(s string) ([]string, error) {
	text := strings.ToLower(strings.TrimSpace(s))
	var tokens []string
	if strings.Contains(text, "-") {
		tokens = strings.Split(text, "-")
	} else {
		for i := 0; i+2 <= len(text); i += 2 {
			tokens = append(tokens, text[i:i+2])
		}
		if len(text)%2 != 0 {
			tokens = append(tokens, text[len(text)-1:])
		}
	}
	seen := map[string]bool{}
	for _, t := range tokens {
		if !isField(t) {
			return nil, fmt.Errorf("address mapping %q: unknown field %q (fields: %s)",
				s, t, strings.Join(fieldNames, ", "))
		}
		if seen[t] {
			return nil, fmt.Errorf("address mapping %q: field %q appears twice", s, t)
		}
		seen[t] = true
	}
	if len(tokens) != len(fieldNames) {
		return nil, fmt.Errorf("address mapping %q: needs each of the fields %s exactly once",
			s, strings.Join(fieldNames, ", "))
	}
	return tokens, nil
}

func isField(t string) bool {
	for _, f := range fieldNames {
		if f == t {
			return true
		}
	}
	return false
}

// Map returns the location of the burst holding byte address addr.
func (m Mapping) Map(addr uint64) Location {
	b := addr >> m.burstShift
	colLow := int(b & (1<<m.colLowBits - 1))
	b >>= m.colLowBits
	var loc Location
	for _, f := range m.lowToHigh {
		v := int(b & (1<<f.width - 1))
		b >>= f.width
		switch f.name {
		case FieldRow:
			loc.Row = v
		case FieldColumn:
			loc.Column = v<<m.colLowBits | colLow
		case FieldRank:
			loc.Rank = v
		case FieldBank:
			loc.Bank = v
		case FieldBankGroup:
			loc.BankGroup = v
		case FieldChannel:
			loc.Channel = v
		}
	}
	return loc
}

// BurstBytes is the size of the unit Map resolves, in bytes.
func (m Mapping) BurstBytes() uint64 { return 1 << m.burstShift }

func log2(n int) uint { return uint(bits.TrailingZeros(uint(n))) }
