// Package fidcheck measures the analytic fidelity level against the event
// simulation over a grid of design points and DRAM models (`logsim
// fidelity-check`): every point runs at both levels, and the rows say how
// far the analytic level's total cycles are from the event simulation's,
// whether both moved the same DRAM bytes and whether every result column
// is identical.
package fidcheck

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/analytic"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// DRAM is a DRAM setting of the grid: its name and the design keys it
// sets.
type DRAM struct {
	Name     string
	Settings [][2]string
}

// DRAMs are the DRAM settings the check covers by default: ideal, the
// bandwidth model at a memory-bound and at a typical bandwidth, and the
// `fast` model of each preset family.
func DRAMs() []DRAM {
	return []DRAM{
		{"ideal", [][2]string{{"dram", "ideal"}}},
		{"bandwidth-6.4", [][2]string{{"dram", "bandwidth"}, {"dram_bw_gbps", "6.4"}}},
		{"bandwidth-25.6", [][2]string{{"dram", "bandwidth"}, {"dram_bw_gbps", "25.6"}}},
		{"fast-DDR4-3200", [][2]string{{"dram", "fast"}, {"dram_preset", "DDR4-3200"}}},
		{"fast-LPDDR4-4266", [][2]string{{"dram", "fast"}, {"dram_preset", "LPDDR4-4266"}}},
		{"fast-HBM2", [][2]string{{"dram", "fast"}, {"dram_preset", "HBM2"}}},
	}
}

// Exact reports whether the analytic level must equal the event
// simulation on every column with this DRAM (ideal and bandwidth: the
// same DRAM timing).
func (d DRAM) Exact() bool { return !strings.HasPrefix(d.Name, "fast") }

// axes are the grid's design axes, the first fastest: arrays from 4×4 to
// 256×256, every dataflow, buffers from 8 to 256 KiB per buffer, a
// multiplier and a log PE, prefetch on and off.
var axes = []struct {
	key    string
	values []string
}{
	{"rows", []string{"8", "16", "32", "64", "128", "256", "4"}},
	{"dataflow", []string{"ws", "os", "is"}},
	{"ifmap_kib", []string{"32", "8", "128", "256"}},
	{"pe", []string{"mult:a8w8", "shift:a8w4"}},
	{"prefetch", []string{"on", "off"}},
}

// Grid returns n design points (without their DRAM), spread over the
// axes: point i takes value i mod len of the first axis, (i / len) mod len
// of the next, and so on, so that any n ≥ the largest axis covers every
// value of every axis. Arrays are square; the three buffers have the same
// size.
func Grid(n int) ([]design.Point, error) {
	out := make([]design.Point, 0, n)
	for i := 0; i < n; i++ {
		p := design.Default()
		k := i
		for _, a := range axes {
			v := a.values[k%len(a.values)]
			k /= len(a.values)
			keys := []string{a.key}
			switch a.key {
			case "rows":
				keys = append(keys, "cols")
			case "ifmap_kib":
				keys = append(keys, "filter_kib", "ofmap_kib")
			}
			for _, key := range keys {
				if err := set(&p, key, v); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, p)
	}
	return out, nil
}

func set(p *design.Point, key, value string) error {
	pr, ok := design.ParamByKey(key)
	if !ok {
		return fmt.Errorf("internal: no design parameter %q", key)
	}
	return pr.Set(p, value)
}

// Row is one (network, design point, DRAM) checked at both levels.
type Row struct {
	Network        string
	PointID        string
	Design         string // the grid's axes' values, key=value
	DRAM           string
	EventCycles    int64 // total cycles
	AnalyticCycles int64
	ErrPct         float64 // (analytic − event) / event, %
	EnergyErrPct   float64 // the same for the total energy, %
	BytesEqual     bool    // same DRAM bytes
	Identical      bool    // every result column equal (expected for ideal and bandwidth)
	Exact          bool    // the DRAM is one where Identical is required
	Fallback       string  // why the analytic level fell back to event, if it did
	Error          string  // the run failed at either level (e.g. nothing fits the buffers)

	EventSeconds, AnalyticSeconds float64 // host time, not written to the CSV
}

// Options are a check's options.
type Options struct {
	Workers  int
	Progress func(done, total int) // called after each row, if set
}

// Check runs every network on every point with every DRAM at both levels,
// opts.Workers at a time. The rows come in (network, point, DRAM) order
// whatever the number of workers.
func Check(nets []workloads.Network, points []design.Point, drams []DRAM, opts Options) ([]Row, error) {
	type job struct {
		net   workloads.Network
		point design.Point
		dram  DRAM
	}
	var jobs []job
	for _, n := range nets {
		for _, p := range points {
			for _, d := range drams {
				pd := p
				for _, s := range d.Settings {
					if err := set(&pd, s[0], s[1]); err != nil {
						return nil, err
					}
				}
				jobs = append(jobs, job{n, pd, d})
			}
		}
	}
	rows := make([]Row, len(jobs))
	cals := &analytic.Calibrations{}
	var mu sync.Mutex
	done := 0
	if opts.Progress != nil {
		opts.Progress(0, len(jobs))
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(1, opts.Workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				rows[i] = checkOne(jobs[i].net, jobs[i].point, jobs[i].dram, cals)
				mu.Lock()
				done++
				if opts.Progress != nil {
					opts.Progress(done, len(jobs))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range jobs {
		work <- i
	}
	close(work)
	wg.Wait()
	return rows, nil
}

// checkOne runs one point at both levels.
func checkOne(net workloads.Network, p design.Point, d DRAM, cals *analytic.Calibrations) Row {
	row := Row{Network: net.Name, Design: describe(p), DRAM: d.Name, Exact: d.Exact()}
	r, err := p.Resolve()
	if err != nil {
		row.Error = err.Error()
		return row
	}
	row.PointID = sim.PointID(net, r)
	start := time.Now()
	ev, err := sim.Run(net, r, sim.RunOptions{Fidelity: sim.FidelityEvent})
	row.EventSeconds = time.Since(start).Seconds()
	if err != nil {
		row.Error = err.Error()
		return row
	}
	start = time.Now()
	an, err := sim.Run(net, r, sim.RunOptions{Fidelity: sim.FidelityAnalytic, Calibrations: cals})
	row.AnalyticSeconds = time.Since(start).Seconds()
	if err != nil {
		row.Error = "analytic: " + err.Error()
		return row
	}
	row.EventCycles, row.AnalyticCycles = ev.Totals().TotalCycles, an.Totals().TotalCycles
	row.ErrPct = sim.EventCheck{TotalCycles: row.EventCycles}.CyclesErrorPct(row.AnalyticCycles)
	row.EnergyErrPct = 100 * (an.Cost.Energy.Total() - ev.Cost.Energy.Total()) / ev.Cost.Energy.Total()
	row.BytesEqual = ev.Totals().DRAMBytes == an.Totals().DRAMBytes
	row.Fallback = an.FidelityFallback
	row.Identical = reflect.DeepEqual(ev.Comparable(), an.Comparable())
	return row
}

// describe names a grid point by its axes' values.
func describe(p design.Point) string {
	var parts []string
	for _, a := range axes {
		pr, _ := design.ParamByKey(a.key)
		parts = append(parts, a.key+"="+pr.Get(p))
	}
	return strings.Join(parts, " ")
}

// Summary is the check's outcome for one DRAM setting.
type Summary struct {
	DRAM             string
	Rows, Failed     int
	MaxAbsErrPct     float64 // largest |error| of total cycles, %
	MeanAbsErrPct    float64
	MaxAbsEnergyPct  float64 // largest |error| of total energy, %
	Within3Pct       int     // rows within 3 %
	BytesEqual       int
	Identical, Exact int // rows identical on every column; rows where that is required
	Fallbacks        int
	EventSeconds     float64 // host time of all its event runs
	AnalyticSeconds  float64
}

// Summarize sums the rows up by DRAM setting, in the order of drams.
func Summarize(rows []Row, drams []DRAM) []Summary {
	by := map[string]*Summary{}
	var out []Summary
	for _, d := range drams {
		out = append(out, Summary{DRAM: d.Name})
	}
	for i := range out {
		by[out[i].DRAM] = &out[i]
	}
	for _, r := range rows {
		s := by[r.DRAM]
		if s == nil {
			continue
		}
		if r.Error != "" {
			s.Failed++
			continue
		}
		a := math.Abs(r.ErrPct)
		s.MeanAbsErrPct = (s.MeanAbsErrPct*float64(s.Rows) + a) / float64(s.Rows+1)
		s.Rows++
		s.MaxAbsErrPct = max(s.MaxAbsErrPct, a)
		s.MaxAbsEnergyPct = max(s.MaxAbsEnergyPct, math.Abs(r.EnergyErrPct))
		s.Within3Pct += b2i(a <= 3)
		s.BytesEqual += b2i(r.BytesEqual)
		s.Identical += b2i(r.Identical)
		s.Exact += b2i(r.Exact)
		s.Fallbacks += b2i(r.Fallback != "")
		s.EventSeconds += r.EventSeconds
		s.AnalyticSeconds += r.AnalyticSeconds
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Worst returns the n rows of largest |error|, largest first (ties in row
// order).
func Worst(rows []Row, n int) []Row {
	var ok []Row
	for _, r := range rows {
		if r.Error == "" {
			ok = append(ok, r)
		}
	}
	sort.SliceStable(ok, func(i, j int) bool { return math.Abs(ok[i].ErrPct) > math.Abs(ok[j].ErrPct) })
	return ok[:min(n, len(ok))]
}

// AxisSummary is the error of one DRAM setting's rows that share one value
// of one grid axis.
type AxisSummary struct {
	DRAM, Axis, Value string
	Rows              int
	MeanAbsErrPct     float64 // mean |error| of total cycles, %
	MaxAbsErrPct      float64
	Within3Pct        int
}

// ByAxis breaks the error of each DRAM setting down by the values of every
// grid axis, in axis order, then value order as the axis lists them, then
// the order of drams; failed rows are left out, and so are values no row
// has.
func ByAxis(rows []Row, drams []DRAM) []AxisSummary {
	var out []AxisSummary
	for _, a := range axes {
		for _, v := range a.values {
			for _, d := range drams {
				s := AxisSummary{DRAM: d.Name, Axis: a.key, Value: v}
				for _, r := range rows {
					if r.DRAM != d.Name || r.Error != "" || r.axisValue(a.key) != v {
						continue
					}
					e := math.Abs(r.ErrPct)
					s.Rows++
					s.MeanAbsErrPct += e
					s.MaxAbsErrPct = max(s.MaxAbsErrPct, e)
					s.Within3Pct += b2i(e <= 3)
				}
				if s.Rows > 0 {
					s.MeanAbsErrPct /= float64(s.Rows)
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// axisValue is the row's value of a grid axis, from its Design.
func (r Row) axisValue(key string) string {
	for _, kv := range strings.Fields(r.Design) {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}
