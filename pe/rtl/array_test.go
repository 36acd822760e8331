package rtl

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/dataflow/refmodel"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/workloads"
)

// TestArrayEquivalence simulates the 4×4 array RTL in each dataflow and
// timing mode on a random GEMM of codes and requires every value leaving
// the array, and the cycle it leaves, to equal the register-level
// reference model's with the pe datapath as its arithmetic. Two PEs:
// shift:a6w4 with a 12-bit saturating accumulator (sums saturate) and a
// signed base-√2 logboth PE with a 10-bit wrapping one (sums wrap). The
// bench drives the edges with what the reference model feeds, lane l
// applied l cycles early (the RTL's skew buffers delay it back).
func TestArrayEquivalence(t *testing.T) {
	requireTools(t, "iverilog", "vvp")
	g := workloads.GEMM{P: 6, K: 7, N: 5, Count: 1}
	for _, tc := range []struct {
		spec string
		l    Layer
	}{
		{"shift:a6w4,acc=12", Layer{FSRA: 3, FSRW: 3, Frac: 4}},
		{"logboth:as4w4,acc=10,base=sqrt2,ovf=wrap", Layer{FSRA: 2, FSRW: 2, Frac: 6}},
	} {
		s, err := pe.Parse(tc.spec)
		require.NoError(t, err)
		d, err := pe.NewDatapath(s, tc.l.FSRA, tc.l.FSRW, tc.l.Frac)
		require.NoError(t, err)
		rng := rand.New(rand.NewPCG(11, 0))
		prob := refmodel.Problem{A: []refmodel.Matrix{randomCodes(rng, g.P, g.K, s.ABits)}, B: []refmodel.Matrix{randomCodes(rng, g.K, g.N, s.WBits)}}
		for _, df := range []dataflow.Dataflow{dataflow.OS, dataflow.WS, dataflow.IS} {
			for _, mode := range []dataflow.Timing{dataflow.Pipelined, dataflow.ScaleSim} {
				t.Run(fmt.Sprintf("%s/%v/%v", s, df, mode), func(t *testing.T) {
					t.Parallel()
					checkArray(t, s, tc.l, d, ArrayShape{Rows: 4, Cols: 4, Dataflow: df}, mode, g, prob)
				})
			}
		}
	}
}

// checkArray runs one GEMM through the reference model and the RTL and
// compares their outputs in order.
func checkArray(t *testing.T, s pe.Spec, l Layer, d *pe.Datapath, shape ArrayShape, mode dataflow.Timing, g workloads.GEMM, prob refmodel.Problem) {
	m, err := dataflow.NewMapping(g, dataflow.Array{Rows: shape.Rows, Cols: shape.Cols}, shape.Dataflow)
	require.NoError(t, err)
	var feeds []refmodel.Feed
	var want []string
	mask := uint64(1)<<s.Acc() - 1
	res, err := refmodel.Run(m.Schedule(), mode, prob, refmodel.Options{
		Arithmetic: refmodel.DatapathMAC{D: d},
		OnFeed:     func(f refmodel.Feed) { feeds = append(feeds, f) },
		OnOutput: func(o refmodel.Output) {
			want = append(want, fmt.Sprintf("cycle %d PE(%d,%d) %x", o.Cycle, o.Row, o.Col, uint64(o.Value)&mask))
		},
	})
	require.NoError(t, err)
	got, err := runArrayBench(t.TempDir(), s, l, shape, feeds, res.Cycles)
	require.NoError(t, err)
	sortOutputs(want) // the bench prints in this order: cycle, row, column
	require.NotEmpty(t, want)
	for i := range min(len(got), len(want)) {
		require.Equal(t, want[i], got[i], "first difference (output %d): reference model vs RTL", i)
	}
	require.Equal(t, len(want), len(got), "outputs: reference model vs RTL")
}

func randomCodes(rng *rand.Rand, rows, cols, bits int) refmodel.Matrix {
	m := refmodel.NewMatrix(rows, cols)
	for i := range m {
		for j := range m[i] {
			m[i][j] = int64(rng.IntN(1 << bits))
		}
	}
	return m
}

// sortOutputs orders "cycle C PE(R,K) V" lines numerically by cycle, row
// and column.
func sortOutputs(lines []string) {
	key := func(s string) [3]int {
		var c, r, k int
		fmt.Sscanf(s, "cycle %d PE(%d,%d)", &c, &r, &k)
		return [3]int{c, r, k}
	}
	sort.SliceStable(lines, func(a, b int) bool {
		ka, kb := key(lines[a]), key(lines[b])
		for i := range ka {
			if ka[i] != kb[i] {
				return ka[i] < kb[i]
			}
		}
		return false
	})
}

// runArrayBench drives the array with the feeds (lane l of an edge at its
// reference cycle − l) for cycles cycles after a reset that flushes the
// skew buffers, and returns the outputs it saw.
func runArrayBench(dir string, s pe.Spec, l Layer, a ArrayShape, feeds []refmodel.Feed, cycles int64) ([]string, error) {
	lw, tw, dw := EdgeWidths(s, a)
	left := make([]*big.Int, cycles)
	top := make([]*big.Int, cycles)
	for c := range left {
		left[c], top[c] = new(big.Int), new(big.Int)
	}
	for _, f := range feeds {
		c := f.Cycle - int64(f.Lane)
		if c < 0 || c >= cycles {
			return nil, fmt.Errorf("feed %+v: lane %d cannot be applied %d cycles early", f, f.Lane, f.Lane)
		}
		var lane uint64
		switch {
		case f.Edge == refmodel.Left:
			sb := lw - 3
			lane = 1<<(lw-1) | b2u(f.Index == 0)<<(lw-2) | b2u(f.Index == f.Length-1)<<(lw-3) | uint64(f.Value)&(1<<sb-1)
			orLane(left[c], lane, f.Lane, lw)
		case a.Dataflow == dataflow.OS:
			lane = 1<<(tw-1) | uint64(f.Value)&(1<<(tw-1)-1)
			orLane(top[c], lane, f.Lane, tw)
		default:
			tb := tw - 1 - dw
			lane = 1<<(tw-1) | uint64(f.Index)<<tb | uint64(f.Value)&(1<<tb-1)
			orLane(top[c], lane, f.Lane, tw)
		}
	}
	var lh, th strings.Builder
	for c := range left {
		fmt.Fprintf(&lh, "%x\n", left[c])
		fmt.Fprintf(&th, "%x\n", top[c])
	}
	ps, err := ArrayParams(s, l, a)
	if err != nil {
		return nil, err
	}
	bench := fmt.Sprintf(`module tb;
  localparam integer R = %d, C = %d, ACC = %d, N = %d, LW = %d, TW = %d, FLUSH = %d;
  reg clk = 0, rst = 1;
  reg [R*LW-1:0] left = 0;
  reg [C*TW-1:0] top = 0;
  reg [R*LW-1:0] lefts [0:N-1];
  reg [C*TW-1:0] tops [0:N-1];
  wire [R*C-1:0] out_valid;
  wire [R*C*ACC-1:0] out;
  integer c, k;
  logsim_array %s dut (.clk(clk), .rst(rst), .left(left), .top(top), .out_valid(out_valid), .out(out));
  initial begin
    $readmemh("left.hex", lefts);
    $readmemh("top.hex", tops);
    for (c = 0; c < FLUSH; c = c + 1) begin #1 clk = 1; #1 clk = 0; end
    rst = 0;
    for (c = 0; c < N; c = c + 1) begin
      left = lefts[c]; top = tops[c];
      #1;
      for (k = 0; k < R*C; k = k + 1)
        if (out_valid[k] !== 1'b0) $display("cycle %%0d PE(%%0d,%%0d) %%0h", c, k / C, k %% C, out[k*ACC +: ACC]);
      clk = 1; #1 clk = 0;
    end
    $finish;
  end
endmodule
`, a.Rows, a.Cols, s.Acc(), cycles, lw, tw, a.Rows+a.Cols+1, ParamList(ps))
	files := append(Library(), File{"tb.v", bench}, File{"left.hex", lh.String()}, File{"top.hex", th.String()})
	out, err := Simulate(dir, files, "tb")
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, "cycle ") {
			lines = append(lines, normalizeHex(line))
		}
	}
	return lines, nil
}

// normalizeHex rewrites the value of an output line as Go's %x would.
func normalizeHex(line string) string {
	f := strings.Fields(line)
	v, err := strconv.ParseUint(f[len(f)-1], 16, 64)
	if err != nil {
		return line // x or z: left as is, so it differs
	}
	f[len(f)-1] = strconv.FormatUint(v, 16)
	return strings.Join(f, " ")
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// orLane ORs a lane value into a bus at lane position lane of width w.
func orLane(bus *big.Int, v uint64, lane, w int) {
	bus.Or(bus, new(big.Int).Lsh(new(big.Int).SetUint64(v), uint(lane*w)))
}
