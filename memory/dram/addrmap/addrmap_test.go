package addrmap

import (
	"testing"

	"github.com/logsim/logsim/memory/dram/spec"
	"github.com/stretchr/testify/require"
)

func ddr4(t *testing.T, overrides map[string]string) spec.Params {
	p, err := spec.Preset(spec.PresetDDR4)
	require.NoError(t, err)
	require.NoError(t, p.Apply(overrides))
	return p
}

// The DDR4-3200 example of the package comment: bits 0–5 offset, 6–7 low
// column, bank group 8–9, bank 10–11, rank 12, high column 13–17, row 18–.
func TestDefaultDDR4Mapping(t *testing.T) {
	m, err := New(ddr4(t, nil))
	require.NoError(t, err)
	tests := []struct {
		addr uint64
		want Location
	}{
		{0, Location{}},
		{63, Location{}},
		{64, Location{Column: 1}},
		{3 * 64, Location{Column: 3}},
		{256, Location{BankGroup: 1}},
		{3 * 256, Location{BankGroup: 3}},
		{4 * 256, Location{Bank: 1}},
		{16 * 256, Location{Rank: 1}},
		{32 * 256, Location{Column: 4}},
		{1<<18 + 1<<13 + 1<<12 + 1*64, Location{Row: 1, Rank: 1, Column: 5}}, // column 5 = high 1, low 1
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, m.Map(tt.addr), "address %#x", tt.addr)
	}
	require.Equal(t, uint64(64), m.BurstBytes())
}

func TestRowsWrapAroundBeyondCapacity(t *testing.T) {
	p := ddr4(t, nil)
	m, err := New(p)
	require.NoError(t, err)
	require.Equal(t, m.Map(5*64), m.Map(p.CapacityBytes()+5*64))
}

// Column-first mapping with a whole row per bank: sequential addresses
// stay in one bank for 8 KiB, as Akita's own mapping does.
func TestColumnLowestKeepsARowInOneBank(t *testing.T) {
	m, err := New(ddr4(t, map[string]string{"AddressMapping": "rochrababgco", "InterleaveBytes": "8192"}))
	require.NoError(t, err)
	require.Equal(t, Location{Column: 127}, m.Map(8191))
	require.Equal(t, Location{BankGroup: 1}, m.Map(8192))
}

func TestChannelsInterleaveFirst(t *testing.T) {
	m, err := New(ddr4(t, map[string]string{"Channels": "4"}))
	require.NoError(t, err)
	for i := 0; i < 8; i++ {
		require.Equal(t, i%4, m.Map(uint64(i)*256).Channel)
		require.Equal(t, i/4, m.Map(uint64(i)*256).BankGroup)
	}
}

func TestParseOrderErrors(t *testing.T) {
	tests := []struct{ order, want string }{
		{"ro-co-ra-ba-bg", "needs each of the fields"},
		{"ro-co-ra-ba-bg-ch-ch", `field "ch" appears twice`},
		{"ro-co-ra-bk-bg-ch", `unknown field "bk"`},
		{"rocorababgc", `unknown field "c"`},
	}
	for _, tt := range tests {
		_, err := ParseOrder(tt.order)
		require.ErrorContains(t, err, tt.want, tt.order)
		require.ErrorContains(t, err, tt.order)
	}
	order, err := ParseOrder("RO-CO-RA-BA-BG-CH")
	require.NoError(t, err)
	require.Equal(t, []string{"ro", "co", "ra", "ba", "bg", "ch"}, order)
}
