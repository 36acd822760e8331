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

// The gate-level bench's clock: period P time units, inputs change on
// the falling edge (times P·m + P), registers latch on the rising edge
// (P·m + 3P/2). Zero-delay cells need no more than 10; unit-delay cells
// (one time unit per cell) need a period longer than the deepest path.
const (
	zeroDelayPeriod = 10
	unitDelayPeriod = 1000
)

// unitDelay rewrites yosys's cell models so that every cell output
// changes one time unit after its inputs (assign #1 on the outputs): a
// unit-delay simulation, in which unequal path depths make glitches.
func unitDelay(cells string) string {
	var b strings.Builder
	outputs := map[string]bool{}
	for _, line := range strings.SplitAfter(cells, "\n") {
		f := strings.Fields(strings.TrimSuffix(strings.TrimSpace(line), ";"))
		switch {
		case len(f) > 0 && f[0] == "module":
			clear(outputs)
		case len(f) == 2 && f[0] == "output":
			outputs[f[1]] = true
		case len(f) >= 3 && f[0] == "assign" && outputs[f[1]] && f[2] == "=":
			line = strings.Replace(line, "assign ", "assign #1 ", 1)
		}
		b.WriteString(line)
	}
	return b.String()
}

// simulateEnergy simulates the netlist on the stream with zero-delay cells
// (Result.Energy) and with unit-delay cells (Result.UnitDelay).
func simulateEnergy(dir string, s pe.Spec, m numerics.MACStream, n *Netlist, lib *Library, libPath string, opt Options, res *Result) error {
	if _, err := rtl.Run(dir, "yosys", "-q", "-p", fmt.Sprintf("read_liberty -ignore_miss_func %s; write_verilog -noattr cells.v", libPath)); err != nil {
		return err
	}
	cells, err := os.ReadFile(filepath.Join(dir, "cells.v"))
	if err != nil {
		return err
	}
	if err := writeStream(dir, m); err != nil {
		return err
	}
	res.MACs = int64(len(m.A))
	if res.Energy, err = gateEnergy(dir, s, m, n, lib, string(cells), zeroDelayPeriod, opt.SlewNS); err != nil {
		return err
	}
	res.UnitDelay, err = gateEnergy(dir, s, m, n, lib, unitDelay(string(cells)), unitDelayPeriod, opt.SlewNS)
	return err
}

// writeStream writes the stream's codes for the bench ($readmemh).
func writeStream(dir string, m numerics.MACStream) error {
	var ah, wh strings.Builder
	for j := range m.A {
		fmt.Fprintf(&ah, "%x\n", m.A[j])
		fmt.Fprintf(&wh, "%x\n", m.W[j])
	}
	if err := os.WriteFile(filepath.Join(dir, "a.hex"), []byte(ah.String()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "w.hex"), []byte(wh.String()), 0o644)
}

// gateEnergy drives the netlist with the stream (pair j latched at the
// rising edge P·j + 3P/2, added one period later), checks every finished
// sum against pe.Datapath, and prices the toggles of the stream's cycles.
func gateEnergy(dir string, s pe.Spec, m numerics.MACStream, n *Netlist, lib *Library, cells string, period int, slewNS float64) (Energy, error) {
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
  always #%d clk = ~clk;
  initial begin
    $readmemh("a.hex", as);
    $readmemh("w.hex", ws);
    $dumpfile("bench.vcd");
    $dumpvars(1, dut);
    for (m = 0; m < N + 2; m = m + 1) begin
      #%d;
      rst = 0;
      if (m >= 2 && (m - 2) %% K == K - 1) $display("OUT %%0d %%h", (m - 2) / K, acc);
      en = m < N;
      clr = (m %% K) == 0;
      if (m < N) begin a = as[m]; w = ws[m]; end
    end
    $finish;
  end
endmodule
`, len(m.A), m.K, s.ABits-1, s.WBits-1, s.Acc()-1, top, period/2, period)
	netlist, err := os.ReadFile(filepath.Join(dir, "netlist.v"))
	if err != nil {
		return Energy{}, err
	}
	out, err := rtl.Simulate(dir, []rtl.File{{Name: "bench.v", Text: bench}, {Name: "netlist.v", Text: string(netlist)},
		{Name: "cells.v", Text: cells}}, "bench")
	if err != nil {
		return Energy{}, err
	}
	if err := checkSums(out, s, m); err != nil {
		return Energy{}, err
	}
	vcd, err := os.Open(filepath.Join(dir, "bench.vcd"))
	if err != nil {
		return Energy{}, err
	}
	defer vcd.Close()
	// The window: from the falling edge before pair 0 is latched to the one
	// before pair N is, N clock periods.
	from, to := int64(period), int64(period*(len(m.A)+1))
	tg, err := CountToggles(vcd, n, from, to)
	if err != nil {
		return Energy{}, err
	}
	clk := n.Names["clk"]
	if len(clk) != 1 {
		return Energy{}, fmt.Errorf("netlist has no clk net")
	}
	return Price(n, lib, tg, clk[0], slewNS)
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
