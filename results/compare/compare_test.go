package compare

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/tech"
	"github.com/logsim/logsim/workloads"
)

func tinyNet(t *testing.T) workloads.Network {
	t.Helper()
	net, err := workloads.LoadFile("testdata/tiny.yaml", workloads.FormatAuto)
	require.NoError(t, err)
	return net
}

// base is the reference point with the ideal DRAM (fast enough for tests).
func base() design.Point {
	p := design.Default()
	p.DRAM = dram.Config{Model: dram.ModelIdeal}
	return p
}

func specs(t *testing.T, pes ...string) []Design {
	t.Helper()
	ds, err := SpecDesigns(pes, base())
	require.NoError(t, err)
	return ds
}

func names(p NetPlan) []string {
	var out []string
	for _, d := range p.Designs {
		out = append(out, d.Name+"/"+string(d.Role))
	}
	return out
}

// A log-domain PE compared with a multiplier brings the multiplier at its
// widths (signedness and accumulator kept), unless a design already is it
// or --no-controls; a comparison without a multiplier has none.
func TestControls(t *testing.T) {
	cases := []struct {
		pes        []string
		noControls bool
		want       []string
	}{
		{[]string{"mult:a8w8", "shift:a8w4"}, false, []string{"mult:a8w8/baseline", "shift:a8w4/compared", "mult:a8w4/control"}},
		{[]string{"mult:a8w8", "shift:a8w4"}, true, []string{"mult:a8w8/baseline", "shift:a8w4/compared"}},
		{[]string{"mult:a8w8", "logboth:a4w4"}, false, []string{"mult:a8w8/baseline", "logboth:a4w4/compared", "mult:a4w4/control"}},
		{[]string{"mult:a8w8", "shift:as8w4,acc=24"}, false, []string{"mult:a8w8/baseline", "shift:as8w4,acc=24/compared", "mult:as8w4,acc=24/control"}},
		{[]string{"mult:a8w8", "mult:a8w4", "shift:a8w4", "shift:a8w3"}, false,
			[]string{"mult:a8w8/baseline", "mult:a8w4/compared", "shift:a8w4/compared", "shift:a8w3/compared", "mult:a8w3/control"}},
		{[]string{"shift:a8w4", "logboth:a4w4"}, false, []string{"shift:a8w4/baseline", "logboth:a4w4/compared"}},
		{[]string{"shift:a8w4", "mult:a8w8"}, false, []string{"shift:a8w4/baseline", "mult:a8w8/compared", "mult:a8w4/control"}},
	}
	for _, tc := range cases {
		plans, err := Plan(specs(t, tc.pes...), []workloads.Network{tinyNet(t)}, Options{NoControls: tc.noControls})
		require.NoError(t, err, "%v", tc.pes)
		require.Equal(t, tc.want, names(plans[0]), "%v no-controls=%v", tc.pes, tc.noControls)
	}
}

// A given design that is the control serves as it: mult:a8w4 given is
// shift:a8w4's control.
func TestAGivenDesignServesAsTheControl(t *testing.T) {
	plans, err := Plan(specs(t, "mult:a8w8", "mult:a8w4", "shift:a8w4"), []workloads.Network{tinyNet(t)}, Options{})
	require.NoError(t, err)
	require.Equal(t, []string{"shift:a8w4"}, plans[0].Designs[1].ControlFor)
	require.Equal(t, Compared, plans[0].Designs[1].Role)
}

func runAll(t *testing.T, designs []Design, nets []workloads.Network, opts Options) []Result {
	t.Helper()
	plans, err := Plan(designs, nets, opts)
	require.NoError(t, err)
	res, err := Run(plans, opts)
	require.NoError(t, err)
	return res
}

// The split adds up exactly: fewer bits + arithmetic = total saving, for
// every part and for the total, and the parts add up to the total; each
// number is its run's part to within half a quantum.
func TestSplitAddsUpExactly(t *testing.T) {
	res := runAll(t, specs(t, "mult:a8w8", "shift:a8w4", "logboth:a4w4"), []workloads.Network{workloads.AlexNet(1)}, Options{})
	splits := Splits(res[0])
	require.Len(t, splits, 2)
	require.Equal(t, []string{"shift:a8w4", "logboth:a4w4"}, []string{splits[0].Log, splits[1].Log})
	for _, s := range splits {
		for _, lines := range [][]SplitLine{s.Energy, s.Area} {
			var sum SplitLine
			for _, l := range lines {
				require.Equal(t, l.Total(), l.Bits()+l.Arithmetic(), "%s %s", s.Log, l.Part)
			}
			for _, l := range lines[:len(lines)-1] {
				sum.Baseline, sum.Control, sum.Log = sum.Baseline+l.Baseline, sum.Control+l.Control, sum.Log+l.Log
			}
			tot := lines[len(lines)-1]
			require.Equal(t, "total", tot.Part)
			require.Equal(t, [3]int64{sum.Baseline, sum.Control, sum.Log}, [3]int64{tot.Baseline, tot.Control, tot.Log})
		}
		require.Empty(t, s.Differs)
	}
	// shift:a8w4's numbers are its runs' parts, rounded.
	rows := res[0].Rows
	byName := func(n string) *sim.NetworkResult {
		i := slices.IndexFunc(rows, func(r results.CompareRow) bool { return r.Design == n })
		return rows[i].Run
	}
	s := splits[0]
	for i, p := range cost.EnergyParts() {
		require.InDelta(t, byName("mult:a8w4").Cost.Energy[p], float64(s.Energy[i].Control)*EnergyQuantumPJ, EnergyQuantumPJ/2)
	}
	require.InDelta(t, byName("shift:a8w4").Cost.Energy.Total(), float64(s.Energy[len(s.Energy)-1].Log)*EnergyQuantumPJ,
		float64(cost.NumEnergyParts)*EnergyQuantumPJ/2)
}

// readCSV returns the compare CSV's rows as maps from column to value.
func readCSV(t *testing.T, res []Result) []map[string]string {
	t.Helper()
	var rows []results.CompareRow
	for _, r := range res {
		rows = append(rows, r.Rows...)
	}
	var b bytes.Buffer
	require.NoError(t, results.WriteCompareCSV(&b, rows))
	recs, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, v := range rec {
			m[recs[0][i]] = v
		}
		out = append(out, m)
	}
	return out
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return v
}

// The ratio columns are the per-design columns divided, row by row; the
// corner range holds the ratio of runs simulated (not re-priced) at the
// high and low corners.
func TestRatiosFromTheRows(t *testing.T) {
	net := tinyNet(t)
	res := runAll(t, specs(t, "mult:a8w8", "shift:a8w4"), []workloads.Network{net}, Options{NoControls: true})
	rows := readCSV(t, res)
	require.Len(t, rows, 2)
	mult, shift := rows[0], rows[1]
	for _, col := range []string{"energy_total_uj", "total_cycles", "area_pe_arithmetic_mm2", "efficiency_gmac_per_j", "edp_uj_us"} {
		require.InEpsilon(t, num(t, shift[col])/num(t, mult[col]), num(t, shift[col+"_ratio"]), 1e-12, col)
		require.Equal(t, "1", mult[col+"_ratio"], col)
	}
	require.NotContains(t, shift, "total_cycles_ratio_low", "cycles do not depend on cost constants")
	for _, c := range []tech.Corner{tech.Low, tech.High} {
		at := func(spec string) float64 {
			p := base()
			p.PE, p.Corner = mustSpec(t, spec), c
			r, err := sim.Run(net, design.MustResolve(p), sim.RunOptions{})
			require.NoError(t, err)
			return r.Cost.Energy.Total()
		}
		ratio := at("shift:a8w4") / at("mult:a8w8")
		require.GreaterOrEqual(t, ratio, num(t, shift["energy_total_uj_ratio_low"])*(1-1e-12), c)
		require.LessOrEqual(t, ratio, num(t, shift["energy_total_uj_ratio_high"])*(1+1e-12), c)
	}
}

// --iso-area: each resized array has at most the baseline's area, and one
// size larger (same aspect ratio) has more.
func TestIsoArea(t *testing.T) {
	for _, tc := range []struct {
		rows, cols int
		pes        []string
	}{
		{32, 32, []string{"mult:a8w8", "shift:a8w4", "logboth:a4w4", "mult:a16w16"}},
		{16, 48, []string{"mult:a8w8", "shift:a8w3"}},
	} {
		p := base()
		p.Array.Rows, p.Array.Cols = tc.rows, tc.cols
		ds, err := SpecDesigns(tc.pes, p)
		require.NoError(t, err)
		plans, err := Plan(ds, []workloads.Network{tinyNet(t)}, Options{IsoArea: true})
		require.NoError(t, err)
		baseline := plans[0].Designs[0].Point
		limit, err := AreaOf(baseline, baseline.Point().Array)
		require.NoError(t, err)
		for _, d := range plans[0].Designs[1:] {
			a := d.Point.Point().Array
			require.Equal(t, tc.rows*a.Cols, tc.cols*a.Rows, "%s keeps the aspect ratio", d.Name)
			area, err := AreaOf(d.Point, a)
			require.NoError(t, err)
			require.LessOrEqual(t, area, limit, d.Name)
			unit := AspectUnit(baseline.Point().Array)
			bigger, err := AreaOf(d.Point, scaled(unit, a.Rows/unit.Rows+1))
			require.NoError(t, err)
			require.Greater(t, bigger, limit, "%s: one size larger fits too", d.Name)
			require.NotEmpty(t, d.Changes)
		}
		require.Greater(t, plans[0].Designs[1].Point.Point().Array.Rows, tc.rows, "a log PE gets a larger array")
	}
}

// A design larger than the baseline even at the smallest shape is an error.
func TestIsoAreaTooLarge(t *testing.T) {
	ds := specs(t, "mult:a8w8", "shift:a8w4")
	ds[1].Point.IfmapKiB = 4096
	_, err := Plan(ds, []workloads.Network{tinyNet(t)}, Options{IsoArea: true})
	require.ErrorContains(t, err, "iso-area: even a 1×1 array")
}

// --iso-sqnr-db: the chosen widths reach the target, one bit fewer does
// not (measured again by a run with numerics); the controls follow the
// chosen widths; an unreachable target names the kind.
func TestIsoSQNR(t *testing.T) {
	net := tinyNet(t)
	num := &sim.Numerics{Samples: 256, Seed: 1}
	target := 7.0 // tiny: mult a4w4 8.5 dB (a3w3 1.4), shift a8w4 12.0 (w3 6.8), logboth a4w4 8.0 (a3w3 5.0)
	res := runAll(t, specs(t, "mult:a8w8", "shift:a8w4", "logboth:a4w4"), []workloads.Network{net},
		Options{IsoSQNRdB: &target, Numerics: num})
	measure := func(p design.Point) float64 {
		r, err := sim.Run(net, design.MustResolve(p), sim.RunOptions{Numerics: num})
		require.NoError(t, err)
		m, ok := r.MinSQNRdB()
		require.True(t, ok)
		return m
	}
	for i, d := range res[0].Plan.Designs {
		if d.Role == Control {
			require.Equal(t, "mult", d.Point.Point().PE.Kind.String())
			continue
		}
		m, _ := res[0].Rows[i].Run.MinSQNRdB()
		require.GreaterOrEqual(t, m, target, d.Name)
		fewer := d.Point.Point()
		fewer.PE.WBits--
		if fewer.PE.Kind != pe.Shift {
			fewer.PE.ABits--
		}
		require.NoError(t, fewer.PE.Validate(), "%s: the test wants a target above the narrowest width", d.Name)
		require.Less(t, measure(fewer), target, "%s at %s", d.Name, fewer.PE)
	}
	ran := map[string]string{} // design name → the spec it ran with
	for _, d := range res[0].Plan.Designs {
		ran[d.Name] = d.Point.Point().PE.String()
	}
	for _, s := range Splits(res[0]) {
		require.Len(t, s.SQNRdB, 3, "the split reports the accuracy of its three designs")
		// The baseline mult:a8w8 runs at mult:a4w4 for 7 dB on tiny: the
		// split must name the spec whose numbers it shows.
		require.Equal(t, "mult:a8w8 as "+ran["mult:a8w8"], s.Baseline)
		require.NotEqual(t, "mult:a8w8", ran["mult:a8w8"], "the test wants planning to change the baseline")
		require.Contains(t, s.Log, ran[strings.SplitN(s.Log, " as ", 2)[0]])
	}
	huge := 200.0
	_, err := Plan(specs(t, "mult:a8w8", "shift:a8w4"), []workloads.Network{net}, Options{IsoSQNRdB: &huge, Numerics: num})
	require.ErrorContains(t, err, "no mult width reaches 200 dB on tiny")
}

// The widths searched: equal a/w for mult and logboth, weights only for
// shift, within what pe.Spec.Validate accepts.
func TestWidths(t *testing.T) {
	first := func(s string) (string, string, int) {
		w := Widths(mustSpec(t, s))
		return w[0].String(), w[len(w)-1].String(), len(w)
	}
	for _, tc := range []struct {
		spec, lo, hi string
		n            int
	}{
		{"mult:a8w8", "mult:a2w2", "mult:a16w16", 15},
		{"shift:a8w4,acc=24", "shift:a8w2,acc=24", "shift:a8w8,acc=24", 7},
		{"logboth:as4w4", "logboth:as2w2", "logboth:as8w8", 7},
	} {
		lo, hi, n := first(tc.spec)
		require.Equal(t, []any{tc.lo, tc.hi, tc.n}, []any{lo, hi, n}, tc.spec)
	}
	require.Empty(t, Widths(mustSpec(t, "mult:fp16")))
}

// The Markdown and CSV are the same for any number of workers, across
// networks and with the designs sharing runs.
func TestOutputDoesNotDependOnWorkers(t *testing.T) {
	nets := []workloads.Network{tinyNet(t), workloads.AlexNet(1)}
	out := func(workers int) string {
		opts := Options{Workers: workers}
		res := runAll(t, specs(t, "mult:a8w8", "shift:a8w4", "shift:a8w3", "mult:a8w4"), nets, opts)
		var b bytes.Buffer
		require.NoError(t, WriteMarkdown(&b, res, opts))
		var rows []results.CompareRow
		for _, r := range res {
			rows = append(rows, r.Rows...)
		}
		require.NoError(t, results.WriteCompareCSV(&b, rows))
		return b.String()
	}
	one := out(1)
	require.Equal(t, one, out(3))
	require.Contains(t, one, "mult:a8w3 (for shift:a8w3)")
}

// forEach returns the error of the lowest failing index, whatever the
// workers.
func TestForEachLowestError(t *testing.T) {
	for _, w := range []int{1, 2, 7} {
		err := forEach(20, w, func(i int) error {
			if i%5 == 3 {
				return errIndex(i)
			}
			return nil
		})
		require.Equal(t, errIndex(3), err, "%d workers", w)
	}
	require.NoError(t, forEach(0, 4, func(int) error { return nil }))
}

type errIndex int

func (e errIndex) Error() string { return strconv.Itoa(int(e)) }

// The split's percentages are of the baseline's total.
func TestSplitPercentOfBaseline(t *testing.T) {
	row := splitRow("energy", "µJ", SplitLine{Part: "dram", Baseline: 500, Control: 300, Log: 250}, 1000, 1e-3, 3)
	require.Equal(t, []string{"energy: dram (µJ)", "0.500", "0.300", "0.250", "0.200", "20.00", "0.050", "5.00", "0.250", "25.00"}, row)
}

func mustSpec(t *testing.T, s string) pe.Spec {
	t.Helper()
	spec, err := pe.Parse(s)
	require.NoError(t, err)
	return spec
}
