package rtl

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/pe"
)

// requireTools skips the test when a tool is missing, except in CI
// (CI=true), where a missing tool fails it.
func requireTools(t *testing.T, names ...string) {
	t.Helper()
	if missing := MissingTools(names...); len(missing) > 0 {
		msg := fmt.Sprintf("needs %s (Debian: apt-get install -y yosys iverilog verilator opensta)", strings.Join(missing, ", "))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// equivalenceSpecs are the PEs simulated over every operand pair: the five
// of the cross-check, wrap, a 16-bit accumulator, base √2, truncation
// (frac below the exact one), terms beyond the accumulator's range, and
// terms of 2^62 and more, which the datapath handles apart (pe.Term.Huge).
var equivalenceSpecs = []string{
	"mult:a8w8",
	"mult:a8w4",
	"shift:a8w4",
	"shift:a8w3",
	"logboth:a4w4",
	"mult:as8w8,acc=16,frac=2,ovf=wrap",
	"shift:a8w4,acc=16",
	"shift:as8w4,base=sqrt2",
	"logboth:as4w4,base=sqrt2,frac=1",
	"mult:as6w5,frac=-3",
	"logboth:a4w4,acc=8,frac=3",
	"mult:as6w6,acc=62,frac=60,ovf=wrap",
	"shift:as6w4,acc=40,frac=60",
	"logboth:as4w4,acc=20,frac=30,ovf=wrap",
}

// TestPEEquivalence simulates logsim_mac for every (a, w) pair of each spec
// and a set of accumulator values (0, 1, the largest, the smallest and two
// seeded random ones) and requires the Verilog's sum to equal
// pe.Datapath.MAC's bit for bit.
func TestPEEquivalence(t *testing.T) {
	requireTools(t, "iverilog", "vvp")
	for _, text := range equivalenceSpecs {
		t.Run(text, func(t *testing.T) {
			t.Parallel()
			s, err := pe.Parse(text)
			require.NoError(t, err)
			l, err := DefaultLayer(s)
			require.NoError(t, err)
			d, err := pe.NewDatapath(s, l.FSRA, l.FSRW, l.Frac)
			require.NoError(t, err)
			out, err := runMACBench(t.TempDir(), s, l, d)
			require.NoError(t, err)
			require.Contains(t, out, "DONE", "the bench did not finish:\n%s", out)
			require.NotContains(t, out, "FIRST", "%s (layer %+v): Verilog differs from pe.Datapath:\n%s", s, l, out)
		})
	}
}

// accValues are the accumulator inputs tried with every operand pair.
func accValues(d *pe.Datapath, seed uint64) []int64 {
	lo, hi := d.Range()
	r := rand.New(rand.NewPCG(seed, 1))
	return []int64{0, 1, hi, lo, lo + r.Int64N(hi-lo), lo + r.Int64N(hi-lo)}
}

// runMACBench writes the expected sums and a bench that applies every
// operand pair with each accumulator value to logsim_mac, and runs it.
func runMACBench(dir string, s pe.Spec, l Layer, d *pe.Datapath) (string, error) {
	ps, err := Params(s, l)
	if err != nil {
		return "", err
	}
	accs := accValues(d, 7)
	mask := uint64(1)<<s.Acc() - 1
	var accHex, wantHex strings.Builder
	for _, v := range accs {
		fmt.Fprintf(&accHex, "%x\n", uint64(v)&mask)
	}
	var c pe.Counters
	for a := 0; a < 1<<s.ABits; a++ {
		for w := 0; w < 1<<s.WBits; w++ {
			for _, acc := range accs {
				fmt.Fprintf(&wantHex, "%x\n", uint64(d.MAC(acc, uint16(a), uint16(w), &c))&mask)
			}
		}
	}
	n := (1 << s.ABits) * (1 << s.WBits) * len(accs)
	bench := fmt.Sprintf(`module tb;
  localparam integer ACC = %d, AB = %d, WB = %d, NACC = %d, N = %d;
  reg [ACC-1:0] accs [0:NACC-1];
  reg [ACC-1:0] want [0:N-1];
  reg [ACC-1:0] acc_in;
  reg [AB-1:0] a;
  reg [WB-1:0] w;
  wire [ACC-1:0] acc_out;
  integer ia, iw, i, idx, bad;
  logsim_mac %s dut (.acc_in(acc_in), .a(a), .w(w), .acc_out(acc_out));
  initial begin
    $readmemh("accs.hex", accs);
    $readmemh("want.hex", want);
    bad = 0; idx = 0;
    for (ia = 0; ia < (1 << AB); ia = ia + 1)
      for (iw = 0; iw < (1 << WB); iw = iw + 1)
        for (i = 0; i < NACC; i = i + 1) begin
          a = ia; w = iw; acc_in = accs[i];
          #1;
          if (acc_out !== want[idx]) begin
            if (bad == 0) $display("FIRST difference: a=%%0d w=%%0d acc_in=%%h: Verilog %%h, pe.Datapath %%h", a, w, acc_in, acc_out, want[idx]);
            bad = bad + 1;
          end
          idx = idx + 1;
        end
    $display("DONE %%0d vectors, %%0d differ", idx, bad);
    $finish;
  end
endmodule
`, s.Acc(), s.ABits, s.WBits, len(accs), n, ParamList(ps))
	files := append(Library(), File{"tb.v", bench}, File{"accs.hex", accHex.String()}, File{"want.hex", wantHex.String()})
	return Simulate(dir, files, "tb")
}
