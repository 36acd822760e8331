package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/rtl"
)

func requireTools(t *testing.T, names ...string) {
	t.Helper()
	if missing := rtl.MissingTools(names...); len(missing) > 0 {
		msg := fmt.Sprintf("needs %s (Debian: apt-get install -y yosys iverilog opensta)", strings.Join(missing, ", "))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// TestSynthesizeSmoke runs the whole flow on a small PE. Synthesize itself
// fails if the gate-level sums differ from pe.Datapath's or its area sum
// differs from yosys stat's. The test checks what can be counted: the
// flip-flops (2 + 2 operand bits, valid, clear, 8 accumulator bits = 14),
// the clock edges priced, and that the parts add up.
func TestSynthesizeSmoke(t *testing.T) {
	requireTools(t, "yosys", "iverilog", "vvp", "sta")
	s, err := pe.Parse("mult:as2w2,acc=8")
	require.NoError(t, err)
	dir := t.TempDir()
	r, err := Synthesize(s, Options{Liberty: sky130Path, Outputs: 4, WorkDir: dir})
	require.NoError(t, err)
	require.Equal(t, "sky130_fd_sc_hd__tt_025C_1v80", r.Library)
	require.Equal(t, "tt_025C_1v80", r.Corner)
	require.Equal(t, int64(4*64), r.MACs)
	lib := loadSky130(t)
	data, err := os.ReadFile(dir + "/netlist.json")
	require.NoError(t, err)
	n, err := ParseNetlist(data, rtl.TopName(s))
	require.NoError(t, err)
	flops := 0
	for _, c := range n.Cells {
		if lib.Cells[c.Type].Sequential {
			flops++
		}
	}
	require.Equal(t, 14, flops)
	require.InDelta(t, r.AreaUM2, r.CombUM2+r.SeqUM2, 1e-9)
	require.Greater(t, r.PathNS, 0.0)
	require.Greater(t, r.FastPathNS, 0.0)
	require.Greater(t, r.FastAreaUM2, 0.0)
	require.Greater(t, r.Energy.InternalPJ, 0.0)
	require.Greater(t, r.Energy.SwitchingPJ, 0.0)
	require.Greater(t, r.Energy.ClockPJ, 0.0)
	require.InDelta(t, r.Energy.InternalPJ+r.Energy.SwitchingPJ, r.Energy.CombPJ+r.Energy.SeqPJ, 1e-9)
	require.Greater(t, r.Energy.CombPJ, 0.0)
	require.Greater(t, r.Energy.SeqPJ, 0.0)
	require.Less(t, r.CombLeakageNW, r.LeakageNW)
	var buf bytes.Buffer
	require.NoError(t, WriteCSV(&buf, []Result{r}))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2)
	require.Equal(t, Columns, rows[0])
	require.Equal(t, "mult:as2w2,acc=8", rows[1][0])
}

// TestCountToggles counts a hand-written VCD: net a (bit 2) goes 0→1→0
// inside the window, b[1:0] (bits 3, 4) goes 00→11→10; a change at or
// before `from` or after `to` is not counted; x→1 is not a transition.
func TestCountToggles(t *testing.T) {
	n := &Netlist{Names: map[string][]int{"a": {2}, "b": {3, 4}, "alias": {2}}}
	vcd := `$var wire 1 ! a $end
$var wire 2 " b [1:0] $end
$var wire 1 # alias $end
$enddefinitions $end
#0
x!
b00 "
#5
1!
#10
0!
b11 "
#20
1!
b10 "
#30
0!
`
	tg, err := CountToggles(strings.NewReader(vcd), n, 5, 20)
	require.NoError(t, err)
	require.Equal(t, int64(1), tg.Rise[2]) // 0→1 at 20 (x→1 at 5 is not; 1→0 at 10 is a fall)
	require.Equal(t, int64(1), tg.Fall[2])
	require.Equal(t, int64(1), tg.Rise[3]) // b[0]: 0→1 at 10, 1→0 at 20
	require.Equal(t, int64(1), tg.Fall[3])
	require.Equal(t, int64(1), tg.Rise[4]) // b[1]: 0→1 at 10
	require.Equal(t, int64(0), tg.Fall[4])
}

// TestPriceNand2 prices one nand2_1 driving another's A pin by hand: the
// driver's output Y rises once and falls once with a load of the second
// gate's A capacitance (0.002315 pF); its inputs A and B do not toggle.
// Energy = mean over Y's two arcs of rise + fall at 0.1 ns and that load,
// plus the load pin's own A-pin rise/fall energy, plus 2 · ½ · C · 1.8².
func TestPriceNand2(t *testing.T) {
	lib := loadSky130(t)
	n := &Netlist{Cells: []Instance{
		{Name: "g1", Type: "sky130_fd_sc_hd__nand2_1", Pins: map[string]int{"A": 1, "B": 2, "Y": 3}},
		{Name: "g2", Type: "sky130_fd_sc_hd__nand2_1", Pins: map[string]int{"A": 3, "B": 2, "Y": 4}},
	}}
	tg := Toggles{Rise: map[int]int64{3: 1}, Fall: map[int]int64{3: 1}}
	e, err := Price(n, lib, tg, 0, 0.1)
	require.NoError(t, err)
	c := lib.Cells["sky130_fd_sc_hd__nand2_1"]
	load := c.Pins["A"].CapPF
	y := c.Pins["Y"].Internal
	var out float64
	for _, g := range y {
		out += (g.Rise.At(0.1, load) + g.Fall.At(0.1, load)) / float64(len(y))
	}
	in := c.Pins["A"].Internal[0].Rise.At(0.1, 0) + c.Pins["A"].Internal[0].Fall.At(0.1, 0)
	require.Len(t, y, 2)
	require.InDelta(t, out+in, e.InternalPJ, 1e-12)
	require.InDelta(t, e.InternalPJ+e.SwitchingPJ, e.CombPJ, 1e-12) // all of it in combinational cells
	require.Zero(t, e.SeqPJ)
	require.InDelta(t, 2*0.5*0.002315*1.8*1.8, e.SwitchingPJ, 1e-12)
	require.Zero(t, e.ClockPJ)
}

// TestUnitDelay delays the outputs of yosys's cell models by one time
// unit and nothing else.
func TestUnitDelay(t *testing.T) {
	in := `module nand2(A, B, Y);
  wire _0_;
  input A;
  input B;
  output Y;
  assign _0_ = A & B;
  assign Y = ~_0_;
endmodule
module dff(CLK, D, Q);
  input CLK;
  input D;
  output Q;
  reg IQ;
  always @(posedge CLK)
    IQ <= D;
  assign Q = IQ;
endmodule
`
	out := unitDelay(in)
	require.Contains(t, out, "  assign _0_ = A & B;\n")
	require.Contains(t, out, "  assign #1 Y = ~_0_;\n")
	require.Contains(t, out, "  assign #1 Q = IQ;\n")
	require.Equal(t, 2, strings.Count(out, "#1"))
	require.Equal(t, len(in)+2*len("#1 "), len(out))
}
