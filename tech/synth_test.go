package tech

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSynthAt130IsTheCSV: the synth table scaled to 130 nm gives back the
// committed CSV's numbers (the 45 nm table holds them divided by the
// 130 nm factors), read here straight from the file.
func TestSynthAt130IsTheCSV(t *testing.T) {
	tab, err := ForSource(Synth, Nominal)
	require.NoError(t, err)
	at130, err := tab.Scaled(130)
	require.NoError(t, err)
	rows, err := csv.NewReader(strings.NewReader(synthCSV)).ReadAll()
	require.NoError(t, err)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, spec := range []string{"mult:a8w8", "mult:a8w4", "shift:a8w4", "shift:a8w3", "logboth:a4w4"} {
		var row []string
		for _, r := range rows[1:] {
			if r[col["spec"]] == spec {
				row = r
			}
		}
		require.NotNil(t, row, spec)
		v := func(h string) float64 {
			x, err := strconv.ParseFloat(row[col[h]], 64)
			require.NoError(t, err)
			return x
		}
		p, err := at130.SynthPEs.Lookup(spec)
		require.NoError(t, err)
		require.InEpsilon(t, v("comb_pj_per_mac"), p.LogicPJ, 1e-12, spec)
		require.InEpsilon(t, v("area_comb_um2"), p.LogicUM2, 1e-12, spec)
		require.InEpsilon(t, v("comb_leakage_nw")*1e-6, p.LeakageMW, 1e-12, spec)
		require.InEpsilon(t, v("fastest_path_ns"), p.PathNS, 1e-12, spec)
		// At 45 nm the delay is 45/130 of it (FO4 ∝ node).
		p45, err := tab.SynthPEs.Lookup(spec)
		require.NoError(t, err)
		require.InEpsilon(t, v("fastest_path_ns")*45/130, p45.PathNS, 1e-12, spec)
	}
	_, err = tab.SynthPEs.Lookup("shift:a4w4")
	require.ErrorContains(t, err, "was not synthesized")
}

// TestParseSynthCSVErrors names the line and column of bad input.
func TestParseSynthCSVErrors(t *testing.T) {
	head := "spec,library,area_comb_um2,comb_pj_per_mac,comb_leakage_nw,fastest_path_ns\n"
	for _, tc := range []struct{ text, want string }{
		{head + "mult:a8w8,sky130_x,1,2,3,-4\n", "line 2, fastest_path_ns"},
		{head + "mult:a8w8,sky130_x,1,two,3,4\n", "line 2, comb_pj_per_mac"},
		{head + "mult:a8w8,tsmc45,1,2,3,4\n", "line 2, library"},
		{head + "mult:a8w8,sky130_x,1,2,3,4\nmult:a8w8,sky130_x,1,2,3,4\n", "line 3, spec"},
		{"spec,library\nmult:a8w8,sky130\n", "no column area_comb_um2"},
		{head + "mult:a8w8,sky130_x,1,2,3\n", "wrong number of fields"},
	} {
		_, err := parseSynthCSV("x.csv", tc.text)
		require.ErrorContains(t, err, tc.want, tc.text)
	}
}

// FuzzParseSynthCSV: any text is a table or an error, never a panic, and
// an accepted table has only non-negative values.
func FuzzParseSynthCSV(f *testing.F) {
	f.Add(synthCSV)
	f.Add("spec,library,area_comb_um2,comb_pj_per_mac,comb_leakage_nw,fastest_path_ns\nmult:a8w8,sky130,1,2,3,4\n")
	f.Add("spec\n\"")
	f.Fuzz(func(t *testing.T, text string) {
		m, err := parseSynthCSV("fuzz.csv", text)
		if err != nil {
			return
		}
		for _, p := range m {
			if p.LogicPJ < 0 || p.LogicUM2 < 0 || p.LeakageMW < 0 || p.PathNS < 0 {
				t.Fatalf("negative value accepted: %+v", p)
			}
		}
	})
}
