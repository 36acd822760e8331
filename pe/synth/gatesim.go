package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/pe/rtl"
)

// The gate-level bench's clock: period 10 time units, inputs change on
// the falling edge (times 10·m + 10), registers latch on the rising edge
// (10·m + 15).
const benchPeriod = 10

// simulateEnergy drives the netlist with the stream (pair j latched at the
// rising edge 10·j + 15, added at 10·j + 25), checks every finished sum
// against pe.Datapath, and prices the toggles of the window of the
// stream's cycles.
func simulateEnergy(dir string, s pe.Spec, m numerics.MACStream, n *Netlist, lib *Library, libPath string, opt Options, res *Result) error {
	if _, err := rtl.Run(dir, "yosys", "-q", "-p", fmt.Sprintf("read_liberty -ignore_miss_func %s; write_verilog -noattr cells.v", libPath)); err != nil {
		return err
	}
	var ah, wh strings.Builder
	for j := range m.A {
		fmt.Fprintf(&ah, "%x\n", m.A[j])
		fmt.Fprintf(&wh, "%x\n", m.W[j])
	}
	if err := os.WriteFile(filepath.Join(dir, "a.hex"), []byte(ah.String()), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "w.hex"), []byte(wh.String()), 0o644); err != nil {
		return err
	}
	top := rtl.TopName(s)
	bench := fmt.Sprintf(`module bench;
  localparam integer N = %d, K = %d;
  reg clk = 0, rst = 1, en = 0, clr = 0;
  reg [%d:0] a = 0;
  reg [%d:0] w = 0;
  wire [%d:0] acc;
  reg [15:0] as [0:N-1];
  reg [15:0] ws [0:N-1];
  integer m;
  %s dut (.clk(clk), .rst(rst), .en(en), .clr(clr), .a(a), .w(w), .acc(acc));
  always #5 clk = ~clk;
  initial begin
    $readmemh("a.hex", as);
    $readmemh("w.hex", ws);
    $dumpfile("bench.vcd");
    $dumpvars(1, dut);
    for (m = 0; m < N + 2; m = m + 1) begin
      #10;
      rst = 0;
      if (m >= 2 && (m - 2) %% K == K - 1) $display("OUT %%0d %%h", (m - 2) / K, acc);
      en = m < N;
      clr = (m %% K) == 0;
      if (m < N) begin a = as[m]; w = ws[m]; end
    end
    $finish;
  end
endmodule
`, len(m.A), m.K, s.ABits-1, s.WBits-1, s.Acc()-1, top)
	netlist, err := os.ReadFile(filepath.Join(dir, "netlist.v"))
	if err != nil {
		return err
	}
	cells, err := os.ReadFile(filepath.Join(dir, "cells.v"))
	if err != nil {
		return err
	}
	out, err := rtl.Simulate(dir, []rtl.File{{Name: "bench.v", Text: bench}, {Name: "netlist.v", Text: string(netlist)},
		{Name: "cells.v", Text: string(cells)}}, "bench")
	if err != nil {
		return err
	}
	if err := checkSums(out, s, m); err != nil {
		return err
	}
	vcd, err := os.Open(filepath.Join(dir, "bench.vcd"))
	if err != nil {
		return err
	}
	defer vcd.Close()
	// The window: from the falling edge before pair 0 is latched to the one
	// before pair N is, N clock periods.
	from, to := int64(benchPeriod), int64(benchPeriod*(len(m.A)+1))
	tg, err := CountToggles(vcd, n, from, to)
	if err != nil {
		return err
	}
	clk := n.Names["clk"]
	if len(clk) != 1 {
		return fmt.Errorf("netlist has no clk net")
	}
	res.MACs = int64(len(m.A))
	res.Energy, err = Price(n, lib, tg, clk[0], opt.SlewNS)
	return err
}

// checkSums compares the bench's finished sums with pe.Datapath's.
func checkSums(out string, s pe.Spec, m numerics.MACStream) error {
	d, err := pe.NewDatapath(s, m.FSRA, m.FSRW, m.Frac)
	if err != nil {
		return err
	}
	mask := uint64(1)<<s.Acc() - 1
	got := 0
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != "OUT" {
			continue
		}
		o, _ := strconv.Atoi(f[1])
		var c pe.Counters
		want := uint64(d.Dot(m.A[o*m.K:(o+1)*m.K], m.W[o*m.K:(o+1)*m.K], &c)) & mask
		v, err := strconv.ParseUint(f[2], 16, 64)
		if err != nil || v != want {
			return fmt.Errorf("gate-level simulation: output %d is %s, pe.Datapath gives %x", o, f[2], want)
		}
		got++
	}
	if got != len(m.A)/m.K {
		return fmt.Errorf("gate-level simulation: %d sums, want %d:\n%s", got, len(m.A)/m.K, out)
	}
	return nil
}
