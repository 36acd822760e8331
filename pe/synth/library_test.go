package synth

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLibertyNand2 reads sky130's nand2_1 and checks values copied by hand
// from the file: area, leakage, pin capacitance and two table entries, one
// at a grid point and one interpolated halfway between two.
func TestLibertyNand2(t *testing.T) {
	lib := loadSky130(t)
	require.InDelta(t, 1.8, lib.VoltageV, 1e-12)
	c := lib.Cells["sky130_fd_sc_hd__nand2_1"]
	require.NotNil(t, c)
	require.InDelta(t, 3.7536, c.AreaUM2, 1e-9)
	require.InDelta(t, 0.00211796, c.LeakageNW, 1e-12)
	require.InDelta(t, 0.002315, c.Pins["A"].CapPF, 1e-12)
	require.False(t, c.Sequential)
	y := c.Pins["Y"]
	require.True(t, y.Output)
	require.Equal(t, "A", y.Internal[0].Related)
	// rise_power, slew row 0 (0.01 ns), load column 1 (0.001316547 pF): 0.0052286.
	require.InDelta(t, 0.0052286, y.Internal[0].Rise.At(0.01, 0.001316547), 1e-12)
	// Halfway between loads 0.0005 and 0.001316547 at slew 0.01: (0.0037314 + 0.0052286)/2.
	require.InDelta(t, (0.0037314+0.0052286)/2, y.Internal[0].Rise.At(0.01, (0.0005+0.001316547)/2), 1e-9)
	// Input pin A: fall_power at slew 0.0230506 ns is 0.0048016.
	require.InDelta(t, 0.0048016, c.Pins["A"].Internal[0].Fall.At(0.0230506, 0), 1e-12)
	require.True(t, lib.Cells["sky130_fd_sc_hd__dfxtp_1"].Sequential)
	require.True(t, lib.Cells["sky130_fd_sc_hd__dfxtp_1"].Pins["CLK"].Clock)
}

// sky130Path is the committed Liberty file.
const sky130Path = "testdata/sky130_fd_sc_hd__tt_025C_1v80.lib.gz"

func loadSky130(t *testing.T) *Library {
	t.Helper()
	src, err := ReadLibertyText(sky130Path)
	require.NoError(t, err)
	lib, err := LoadLiberty(src)
	require.NoError(t, err)
	return lib
}

// TestWithoutDontUse removes exactly the lpflow, probe, tap, fill and decap
// cells: the rest still parse, every removed name matches, none kept does.
func TestWithoutDontUse(t *testing.T) {
	src, err := ReadLibertyText(sky130Path)
	require.NoError(t, err)
	full, err := LoadLiberty(src)
	require.NoError(t, err)
	kept, removed, err := WithoutDontUse(src)
	require.NoError(t, err)
	lib, err := LoadLiberty(kept)
	require.NoError(t, err)
	require.NotEmpty(t, removed)
	require.Equal(t, len(full.Cells), len(lib.Cells)+len(removed))
	for _, n := range removed {
		require.Regexp(t, dontUse, n)
		require.NotContains(t, lib.Cells, n)
	}
	for n := range lib.Cells {
		require.NotRegexp(t, dontUse, n)
	}
}
