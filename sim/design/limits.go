package design

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/workloads"
)

// Range is the valid range of one numeric design parameter: every value
// from Min to Max (both included). Unset marks an optional parameter whose
// zero (or empty text) means "not set" and is always accepted.
//
// The bounds are far beyond any accelerator built; they exist so that
// every quantity logsim derives stays exact: products of sizes within
// int64, and every event time within Akita's float64 seconds at a
// resolution well below one cycle (see MaxCycles).
type Range struct {
	Key      string  // the parameter's key (Params)
	Min, Max float64 // inclusive bounds, in the parameter's unit
	Unset    bool    // 0 means "not set" (optional parameter)
	Why      string  // what the bound protects, for the README
	value    func(Point) (float64, bool)
}

// MaxCycles bounds the cycles a run may take (estimated up front by
// Resolved.CheckWorkload): 2^40 ≈ 1.1×10¹² cycles. Akita keeps time as
// float64 seconds; at 2^40 cycles one cycle is still 2^12 units in the
// last place of the time, so cycle edges never merge, and every cycle or
// byte count derived from it stays far inside int64.
const MaxCycles = 1 << 40

// Ranges lists the valid range of every numeric design parameter, in
// report order. Point.Validate checks them all.
func Ranges() []Range {
	i := func(f func(Point) int) func(Point) (float64, bool) {
		return func(p Point) (float64, bool) { return float64(f(p)), true }
	}
	opt := func(f func(Point) float64) func(Point) (float64, bool) {
		return func(p Point) (float64, bool) { return f(p), f(p) != 0 }
	}
	const kib = "buffers up to 1 GiB: sizes in bits stay within int64 and the SRAM model's tables"
	return []Range{
		{Key: "rows", Min: 1, Max: 4096, Why: "a 4096×4096 array (16.8 M PEs); keeps per-PE state allocatable", value: i(func(p Point) int { return p.Array.Rows })},
		{Key: "cols", Min: 1, Max: 4096, Why: "as rows", value: i(func(p Point) int { return p.Array.Cols })},
		{Key: "clock_mhz", Min: 1, Max: 10000, Why: "1 MHz to 10 GHz: cycle times and byte-per-cycle rates stay finite and representable", value: func(p Point) (float64, bool) { return p.ClockMHz, true }},
		{Key: "ifmap_kib", Min: 1, Max: 1 << 20, Why: kib, value: i(func(p Point) int { return p.IfmapKiB })},
		{Key: "filter_kib", Min: 1, Max: 1 << 20, Why: kib, value: i(func(p Point) int { return p.FilterKiB })},
		{Key: "ofmap_kib", Min: 1, Max: 1 << 20, Why: kib, value: i(func(p Point) int { return p.OfmapKiB })},
		{Key: "word_bits", Min: 1, Max: 4096, Why: "an SRAM word of at most 4096 bits", value: i(func(p Point) int { return p.WordBits })},
		{Key: "sram_banks", Min: 1, Max: 4096, Why: "banks per buffer", value: i(func(p Point) int { return p.SRAMBanks })},
		{Key: "sram_words_per_cycle", Min: 0, Max: 1 << 16, Why: "0 means ports that never stall", value: i(func(p Point) int { return p.SRAMWordsPerCycle })},
		{Key: "vector_lanes", Min: 0, Max: 1 << 16, Why: "0 means one lane per array column", value: i(func(p Point) int { return p.VectorLanes })},
		{Key: "dram_bw_gbps", Min: 0.001, Max: 1e5, Unset: true, Why: "1 MB/s to 100 TB/s: a transfer's cycles stay within the cycle limit", value: opt(func(p Point) float64 { return p.DRAM.BandwidthGBps })},
		{Key: "dram_bytes_per_cycle", Min: 0.001, Max: 1 << 20, Unset: true, Why: "as dram_bw_gbps, per array cycle", value: opt(func(p Point) float64 { return p.DRAM.BytesPerCycle })},
		{Key: "dram_latency_ns", Min: 0, Max: 1e6, Why: "at most 1 ms", value: func(p Point) (float64, bool) {
			if p.DRAM.LatencyNS == nil {
				return 0, false
			}
			return *p.DRAM.LatencyNS, true
		}},
		{Key: "dma_request_bytes", Min: 1, Max: 1 << 20, Why: "a DRAM request of at most 1 MiB (the DMA allocates one request's buffer)", value: i(func(p Point) int { return p.DMARequestBytes })},
		{Key: "dma_outstanding", Min: 1, Max: 1 << 16, Why: "requests in flight (the DMA tracks each one)", value: i(func(p Point) int { return p.DMAOutstanding })},
	}
}

// check returns an error naming the key and the range when p's value lies
// outside r.
func (r Range) check(p Point) error {
	v, set := r.value(p)
	if !set { // an optional parameter left unset
		return nil
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || v < r.Min || v > r.Max {
		text := formatFloat(v)
		if pr, ok := ParamByKey(r.Key); ok {
			text = pr.Get(p)
		}
		return fmt.Errorf("%s: %s: %s", r.Key, text, r.Text())
	}
	return nil
}

// Text is the range in words, e.g. "must be from 1 to 4096 PEs".
func (r Range) Text() string {
	unit := ""
	if pr, ok := ParamByKey(r.Key); ok {
		unit = " " + pr.Unit
	}
	s := fmt.Sprintf("must be from %s to %s%s", fmtBound(r.Min), fmtBound(r.Max), unit)
	if r.Unset {
		s += " (or unset)"
	}
	return s
}

func fmtBound(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return formatFloat(v)
}

// checkRanges checks every parameter of Ranges.
func (p Point) checkRanges() error {
	for _, r := range Ranges() {
		if err := r.check(p); err != nil {
			return err
		}
	}
	return nil
}

// RangesMarkdown is the table of Ranges the README's Limits section
// shows (a test keeps the two equal).
func RangesMarkdown() string {
	var b strings.Builder
	b.WriteString("| parameter | valid range | why |\n|---|---|---|\n")
	for _, r := range Ranges() {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.Key, strings.TrimPrefix(r.Text(), "must be "), r.Why)
	}
	return b.String()
}

// CheckWorkload refuses a network whose estimated run would take more than
// MaxCycles cycles on the point, before anything is planned or simulated.
// The estimate is, per layer, an upper bound on its stall-free compute
// (every fold paying its whole latency: folds × (T + 2R + C)) plus one
// pass of its three operands through DRAM at the DRAM's peak bandwidth;
// off-array layers count their element operations over the vector lanes.
func (r Resolved) CheckWorkload(net workloads.Network) error {
	p := r.point
	bytesPerCycle := r.dram.PeakGBps() * 1000 / p.ClockMHz // GB/s over MHz: bytes per array cycle
	var total float64
	for _, l := range net.Layers {
		c, err := layerCycles(l, p, bytesPerCycle)
		if err != nil {
			return fmt.Errorf("layer %q: %w", l.Name, err)
		}
		if total += c; total > MaxCycles {
			return fmt.Errorf("network %q: about %.3g cycles up to layer %q on a %d×%d array: more than the limit of 2^40 = %d cycles per run (README: Limits); use a larger array, a smaller batch or fewer layers",
				net.Name, total, l.Name, p.Array.Rows, p.Array.Cols, int64(MaxCycles))
		}
	}
	return nil
}

// layerCycles is CheckWorkload's estimate of one layer's cycles, and its
// folds (float64: the estimate itself must not overflow).
func layerCycles(l workloads.Layer, p Point, bytesPerCycle float64) (float64, error) {
	if !l.Kind.OnArray() {
		lanes := max(p.Lanes(), 1)
		return float64(l.Elements) * float64(max(l.OpsPerElement, 1)) / float64(lanes), nil
	}
	m, err := dataflow.NewMapping(l.GEMM(), p.Array, p.Dataflow)
	if err != nil {
		return 0, err
	}
	folds := float64(m.RowFolds) * float64(m.ColFolds) * float64(m.GEMM.Count)
	compute := folds * float64(m.T+2*p.Array.Rows+p.Array.Cols)
	t := l.Tensors()
	bits := p.OperandBits()
	bytes := (float64(t.Ifmap)*float64(bits.Ifmap) + float64(t.Filter)*float64(bits.Filter) + float64(t.Ofmap)*float64(bits.Ofmap)) / 8
	return compute + bytes/bytesPerCycle, nil
}
