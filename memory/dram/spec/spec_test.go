package spec

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPresetsAreValid(t *testing.T) {
	for _, name := range PresetNames() {
		p, err := Preset(name)
		require.NoError(t, err, name)
		require.NoError(t, p.Validate(), name)
		require.Equal(t, name, p.Name)
	}
}

// The derived figures of each preset, worked out by hand from its
// organisation and clock.
func TestPresetDerivedFigures(t *testing.T) {
	tests := []struct {
		name          string
		burstBytes    int
		rowBytes      int
		burstCycles   int
		channelGBps   float64 // BusWidthBits/8 · DataRate · ClockMHz / 1000
		capacityBytes uint64
		memoryType    string
		pJPerBit      float64
	}{
		// 64 bit × BL8 = 64 B; 1024 columns × 8 B = 8 KiB rows; 8 B × 2 ×
		// 1.6 GHz = 25.6 GB/s; 2 ranks × 16 banks × 65536 rows × 8 KiB = 16 GiB.
		{PresetDDR4, 64, 8192, 4, 25.6, 16 << 30, "DDR4", 20},
		// 16 bit × BL16 = 32 B; 1024 × 2 B = 2 KiB; 2 B × 2 × 2.133 GHz =
		// 8.532 GB/s per channel; 2 channels × 8 banks × 65536 × 2 KiB = 2 GiB.
		{PresetLPDDR4, 32, 2048, 8, 8.532, 2 << 30, "LPDDR4", 8},
		// 128 bit × BL4 = 64 B; 128 × 16 B = 2 KiB; 16 B × 2 × 1 GHz = 32
		// GB/s; 16 banks × 32768 rows × 2 KiB = 1 GiB (DRAMSim3's
		// channel_size of 1024 MB).
		{PresetHBM2, 64, 2048, 2, 32, 1 << 30, "HBM2", 3.9},
		// Eight such channels: the stack's capacity is 8 GiB.
		{PresetHBM2Stack, 64, 2048, 2, 32, 8 << 30, "HBM2", 3.9},
	}
	for _, tt := range tests {
		p, err := Preset(tt.name)
		require.NoError(t, err)
		require.Equal(t, tt.burstBytes, p.BurstBytes(), tt.name)
		require.Equal(t, tt.rowBytes, p.RowBytes(), tt.name)
		require.Equal(t, tt.burstCycles, p.BurstCycles(), tt.name)
		require.InDelta(t, tt.channelGBps, p.ChannelPeakGBps(), 1e-9, tt.name)
		require.Equal(t, tt.capacityBytes, p.CapacityBytes(), tt.name)
		require.Equal(t, tt.memoryType, p.MemoryType, tt.name)
		require.Equal(t, tt.pJPerBit, p.EnergyPJPerBit, tt.name)
	}
}

func TestPresetLookupIgnoresCaseAndListsValidNames(t *testing.T) {
	p, err := Preset("ddr4-3200")
	require.NoError(t, err)
	require.Equal(t, PresetDDR4, p.Name)

	_, err = Preset("DDR4-3300")
	require.ErrorContains(t, err, `unknown DRAM preset "DDR4-3300"`)
	require.ErrorContains(t, err, `did you mean "DDR4-3200"?`)
	require.ErrorContains(t, err, "DDR4-3200, LPDDR4-4266, HBM2")
}

func TestSetParsesEachKindOfValue(t *testing.T) {
	p, _ := Preset(PresetDDR4)
	require.NoError(t, p.Apply(map[string]string{
		"trcd": "24", "PagePolicy": "Close", "Refresh": "off", "ClockMHz": "1333.5",
		"MemoryType": "DDR4x", "Channels": "4",
	}))
	require.Equal(t, 24, p.TRCD)
	require.Equal(t, PageClose, p.PagePolicy)
	require.False(t, p.Refresh)
	require.Equal(t, 1333.5, p.ClockMHz)
	require.Equal(t, "DDR4x", p.MemoryType) // names keep their case
	require.Equal(t, 4, p.Channels)
}

func TestSetRejectsBadNamesAndValues(t *testing.T) {
	tests := []struct {
		name, value, want string
	}{
		{"tRCDD", "22", `unknown DRAM parameter "tRCDD" (did you mean "tRCD"?)`},
		{"tRCD", "fast", `DRAM parameter tRCD (cycles) = "fast": not an integer`},
		{"Refresh", "maybe", "not a boolean"},
		{"ClockMHz", "1.6GHz", "not a number"},
	}
	for _, tt := range tests {
		p, _ := Preset(PresetDDR4)
		require.ErrorContains(t, p.Set(tt.name, tt.value), tt.want, tt.name)
	}
}

func TestValidateNamesTheOffendingParameter(t *testing.T) {
	tests := []struct {
		overrides map[string]string
		want      string
	}{
		{map[string]string{"Channels": "3"}, "Channels = 3: must be a power of two"},
		{map[string]string{"tRCD": "-1"}, "tRCD = -1: a timing must not be negative"},
		{map[string]string{"PagePolicy": "ajar"}, `PagePolicy = "ajar"`},
		{map[string]string{"WritePolicy": "later"}, `WritePolicy = "later"`},
		{map[string]string{"InterleaveBytes": "32"}, "InterleaveBytes = 32: must lie between one burst (64 B)"},
		{map[string]string{"WriteLowWatermark": "60"}, "need 0 <= low < high <= depth"},
		{map[string]string{"tREFI": "100"}, "refresh needs tREFI > tRFC"},
		{map[string]string{"ClockMHz": "0"}, "ClockMHz = 0: must be positive"},
		{map[string]string{"BurstLength": "3"}, "BurstLength = 3: must be a multiple of DataRate"},
	}
	for _, tt := range tests {
		p, _ := Preset(PresetDDR4)
		require.NoError(t, p.Apply(tt.overrides))
		err := p.Validate()
		require.ErrorContains(t, err, `DRAM preset "DDR4-3200"`)
		require.ErrorContains(t, err, tt.want)
	}
}

func TestDescribeListsEveryParameter(t *testing.T) {
	p, _ := Preset(PresetHBM2)
	lines := p.Describe()
	require.Len(t, lines, len(ParamNames()))
	require.Contains(t, lines, "tRCD = 14 (cycles)")
	require.Contains(t, lines, "DualCommandBus = true (bool)")
}

func TestStatsAdd(t *testing.T) {
	a := Stats{ReadRequests: 1, BytesRead: 64, TransferredBytes: 64, RowHits: 1, BusyNS: 2.5}
	b := Stats{WriteRequests: 2, BytesWritten: 128, TransferredBytes: 128, RowMisses: 2, Refreshes: 1, BusyNS: 5}
	s := a.Add(b)
	require.Equal(t, uint64(3), s.Requests())
	require.Equal(t, uint64(192), s.TransferredBytes)
	require.Equal(t, 7.5, s.BusyNS)
	require.Equal(t, uint64(1), s.Refreshes)
}

// The corners scale a preset's energy per bit by the ratio of its sources:
// DDR4 5.4375 / 20 / 40 pJ/bit: low its own IDD read burst, page hit, core
// only, 1.2·(168 − 52) mA·4·0.625 ns·8 devices / 512 b = 2784/512; nominal
// and high Horowitz's 1.3 and 2.6 nJ per 64-bit access (tech-reference.md
// §1.1, 1300/64 rounded to 20 as before, 2600/64 = 40.625 → 40); LPDDR4 and HBM2 have
// one source, so every corner is nominal.
func TestEnergyCornerScales(t *testing.T) {
	tests := []struct {
		preset         string
		low, nom, high float64 // pJ/bit
	}{
		{PresetDDR4, 2784.0 / 512, 20, 40},
		{PresetLPDDR4, 8, 8, 8},
		{PresetHBM2, 3.9, 3.9, 3.9},
		{PresetHBM2Stack, 3.9, 3.9, 3.9},
	}
	for _, tt := range tests {
		p, err := Preset(tt.preset)
		require.NoError(t, err)
		for corner, want := range map[string]float64{"low": tt.low, "nominal": tt.nom, "high": tt.high} {
			k, err := p.EnergyScale(corner)
			require.NoError(t, err)
			require.InDelta(t, want, k*p.EnergyPJPerBit, 1e-12, "%s %s", tt.preset, corner)
		}
	}
	_, err := Params{}.EnergyScale("worst")
	require.ErrorContains(t, err, `unknown cost corner "worst"`)
	var p Params
	require.ErrorContains(t, p.Set("EnergyPJPerBit", "Inf"), "not a finite number")
}
