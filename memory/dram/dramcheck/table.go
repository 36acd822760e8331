package dramcheck

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/memory/dram/spec"
)

// CheckOverrides are the parameters `fast` and `akita` share in the
// side-by-side check, on top of the preset: what Akita v3.1.0's controller
// can model (close page, no refresh, no tFAW, no read/write preambles,
// writes served in arrival order with the reads, one command bus) and its
// default queue depths (transaction queue 32 bursts, command queue 8 per
// rank), which both models then use.
func CheckOverrides() map[string]string {
	return map[string]string{
		"PagePolicy": spec.PageClose, "Refresh": "off", "tFAW": "0",
		"tRPRE": "0", "tWPRE": "0", "WritePolicy": spec.WriteInOrder,
		"DualCommandBus": "off", "TransactionQueueDepth": "32", "CommandQueueDepth": "8",
	}
}

// TableOptions selects the benchmarks of the side-by-side table.
type TableOptions struct {
	// Preset names the DRAM (default DDR4-3200); CheckOverrides apply.
	Preset string
	// Kinds, Ops and Sizes span the patterns (defaults: all kinds, all
	// operation mixes, 64, 256, 1024 and 4096 B).
	Kinds, Ops []string
	Sizes      []uint64
	// SaturatedBytes is the data each saturated run moves, in bytes
	// (default 1 MiB); UnloadedRequests the requests of each unloaded run
	// (default 200).
	SaturatedBytes   uint64
	UnloadedRequests int
	// Stride of the strided pattern, Region of the random one, in bytes
	// (defaults 8 KiB and 16 MiB), and the random seed (default 1).
	Stride, Region uint64
	Seed           int64
	// Progress, if set, is called after each row.
	Progress func(Row)
}

func (o TableOptions) withDefaults() TableOptions {
	if o.Preset == "" {
		o.Preset = spec.DefaultPreset
	}
	if len(o.Kinds) == 0 {
		o.Kinds = []string{Sequential, Strided, Random}
	}
	if len(o.Ops) == 0 {
		o.Ops = []string{Reads, Writes, Mix}
	}
	if len(o.Sizes) == 0 {
		o.Sizes = []uint64{64, 256, 1024, 4096}
	}
	if o.SaturatedBytes == 0 {
		o.SaturatedBytes = 1 << 20
	}
	if o.UnloadedRequests == 0 {
		o.UnloadedRequests = 200
	}
	if o.Stride == 0 {
		o.Stride = 8 << 10
	}
	if o.Region == 0 {
		o.Region = 16 << 20
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// Figures are one model's results on one pattern.
type Figures struct {
	// Saturated is measured with SaturationOutstanding requests in flight,
	// Unloaded with one.
	Saturated, Unloaded Measurement
}

// Row is one pattern measured on both models.
type Row struct {
	// Pattern is what the requester issued.
	Pattern Pattern
	// Fast and Akita are the two models' results.
	Fast, Akita Figures
}

// BandwidthError is fast/akita − 1 for the saturated bandwidth.
func (r Row) BandwidthError() float64 {
	return r.Fast.Saturated.BandwidthGBps/r.Akita.Saturated.BandwidthGBps - 1
}

// LatencyError is fast/akita − 1 for the unloaded latency.
func (r Row) LatencyError() float64 {
	return r.Fast.Unloaded.LatencyNS/r.Akita.Unloaded.LatencyNS - 1
}

// SaturationOutstanding is the number of requests of size bytes kept in
// flight to saturate the DRAM: 4 KiB worth of requests, and at least 16 —
// always more than the controllers hold (32 + 2·8 bursts of 64 B).
func SaturationOutstanding(size uint64) int {
	return max(16, int(4096/size))
}

// Patterns lists the patterns of the table, in order.
func (o TableOptions) Patterns() []Pattern {
	o = o.withDefaults()
	var out []Pattern
	for _, kind := range o.Kinds {
		for _, op := range o.Ops {
			for _, size := range o.Sizes {
				out = append(out, Pattern{Kind: kind, Op: op, Size: size,
					Stride: o.Stride, Region: o.Region, Seed: o.Seed})
			}
		}
	}
	return out
}

// BuildTable measures every pattern on `fast` and `akita` with the same
// parameters (the preset with CheckOverrides).
func BuildTable(opts TableOptions) ([]Row, error) {
	opts = opts.withDefaults()
	var rows []Row
	for _, p := range opts.Patterns() {
		row := Row{Pattern: p}
		var err error
		if row.Fast, err = measureFigures(dram.ModelFast, p, opts); err != nil {
			return nil, err
		}
		if row.Akita, err = measureFigures(dram.ModelAkita, p, opts); err != nil {
			return nil, err
		}
		rows = append(rows, row)
		if opts.Progress != nil {
			opts.Progress(row)
		}
	}
	return rows, nil
}

func measureFigures(model string, p Pattern, o TableOptions) (Figures, error) {
	// One parameter set for both models, resolved as `fast` reads it:
	// CheckOverrides set what Akita cannot model to what it does.
	cfg, err := dram.Resolve(dram.Config{Model: dram.ModelFast, Preset: o.Preset, Overrides: CheckOverrides()})
	if err != nil {
		return Figures{}, err
	}
	cfg.Model = model
	out := SaturationOutstanding(p.Size)
	requests := max(int(o.SaturatedBytes/p.Size), 5*(out+2))
	sat, err := Measure(Run{Model: cfg, Pattern: p, Requests: requests, Outstanding: out})
	if err != nil {
		return Figures{}, err
	}
	unl, err := Measure(Run{Model: cfg, Pattern: p, Requests: max(o.UnloadedRequests, 15), Outstanding: 1})
	if err != nil {
		return Figures{}, err
	}
	return Figures{Saturated: sat, Unloaded: unl}, nil
}

// PrintTable writes a header describing the runs of opts, then rows as an
// aligned text table: saturated bandwidth and loaded latency, unloaded
// latency, for both models, the relative differences, and how much each
// figure moved between the first half of the measured window and the
// whole (the largest of the two models).
func PrintTable(w io.Writer, opts TableOptions, rows []Row) error {
	opts = opts.withDefaults()
	overrides := CheckOverrides()
	names := make([]string, 0, len(overrides))
	for name := range overrides {
		names = append(names, name+"="+overrides[name])
	}
	sort.Strings(names)
	fmt.Fprintf(w, "DRAM side-by-side check: fast and akita, preset %s with %s\n", opts.Preset, strings.Join(names, ", "))
	fmt.Fprintf(w, "saturated: %d KiB per run, 4 KiB of requests (at least 16) in flight; "+
		"unloaded: %d requests, one in flight\n", opts.SaturatedBytes>>10, opts.UnloadedRequests)
	fmt.Fprintf(w, "requester at %d MHz; latency = send to response; first fifth of the responses left out; "+
		"Δ = fast/akita − 1; moved = largest change of a figure from the first half of its window to the whole\n\n",
		RequesterClockMHz)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pattern\tfast GB/s\takita GB/s\tΔ BW\t"+
		"fast loaded ns\takita loaded ns\tfast unloaded ns\takita unloaded ns\tΔ lat\tmoved\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%+.1f%%\t%.1f\t%.1f\t%.1f\t%.1f\t%+.1f%%\t%.1f%%\t\n",
			r.Pattern.Name(),
			r.Fast.Saturated.BandwidthGBps, r.Akita.Saturated.BandwidthGBps, 100*r.BandwidthError(),
			r.Fast.Saturated.LatencyNS, r.Akita.Saturated.LatencyNS,
			r.Fast.Unloaded.LatencyNS, r.Akita.Unloaded.LatencyNS, 100*r.LatencyError(),
			100*r.moved())
	}
	return tw.Flush()
}

// moved is the largest relative change of a figure between the first half
// of its window and the whole window.
func (r Row) moved() float64 {
	m := 0.0
	for _, f := range []Figures{r.Fast, r.Akita} {
		m = math.Max(m, math.Abs(f.Saturated.HalfBandwidthGBps/f.Saturated.BandwidthGBps-1))
		m = math.Max(m, math.Abs(f.Unloaded.HalfLatencyNS/f.Unloaded.LatencyNS-1))
	}
	return m
}
