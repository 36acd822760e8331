package synth

import (
	"fmt"
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

// FuzzLoadLiberty: any text is a library or an error, never a panic.
func FuzzLoadLiberty(f *testing.F) {
	f.Add(`library (x) { time_unit : "1ns"; voltage_unit : "1V"; leakage_power_unit : "1nW"; capacitive_load_unit (1, pf);
operating_conditions (tt) { voltage : 1.8; }
cell (inv) { area : 1.5; pin (A) { direction : input; capacitance : 0.002; } pin (Y) { direction : output; function : "!A";
internal_power () { related_pin : "A"; rise_power (scalar) { values ("0.1"); } } } } }`)
	f.Add(`library (x) { cell (a) { pin (Y) { internal_power () { rise_power (t) { index_1 ("1, 2"); values ("1"); } } } } }`)
	f.Add("library ( /* unterminated")
	f.Fuzz(func(t *testing.T, src string) {
		if lib, err := LoadLiberty(src); err == nil && lib.VoltageV <= 0 {
			t.Fatalf("library without a voltage accepted")
		}
	})
}

// TestLibertyBadTables: ragged or short value tables are errors naming
// the pin and table.
func TestLibertyBadTables(t *testing.T) {
	head := `library (x) { time_unit : "1ns"; voltage_unit : "1V"; leakage_power_unit : "1nW"; capacitive_load_unit (1, pf);
operating_conditions (tt) { voltage : 1.8; }
power_lut_template (t2) { variable_1 : input_transition_time; variable_2 : total_output_net_capacitance; index_1 ("1, 2"); index_2 ("1, 2"); }
cell (c) { pin (Y) { direction : output; internal_power () { related_pin : "A"; rise_power (t2) { values (%s); } } } } }`
	for _, vals := range []string{`"1, 2", "3"`, `"1, 2"`, `"1, 2", "3, x"`} {
		_, err := LoadLiberty(fmt.Sprintf(head, vals))
		require.ErrorContains(t, err, "cell c: pin Y rise_power", vals)
	}
	lib, err := LoadLiberty(fmt.Sprintf(head, `"1, 2", "3, 4"`))
	require.NoError(t, err)
	require.InDelta(t, 2.5, lib.Cells["c"].Pins["Y"].Internal[0].Rise.At(1.5, 1.5), 1e-12)
}
