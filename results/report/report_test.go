package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/results/plots"
)

// studyData is a sweep of three points on one network, one of them named
// with markup, and a compare file.
func studyData(t *testing.T) *plots.Data {
	t.Helper()
	header := append(results.Names(results.NetworkColumns()), "error")
	row := func(id, pe, timeUs, energy string) []string {
		vals := map[string]string{"point_id": id, "network": "<b>net</b>", "pe": pe, "rows": "16", "cols": "16",
			"time_us": timeUs, "energy_total_uj": energy, "error": "", "bound": "dram", "dram_peak_gbps": "25.6", "logsim_version": "9.9.9"}
		rec := make([]string, len(header))
		for i, h := range header {
			rec[i] = "1"
			if v, ok := vals[h]; ok {
				rec[i] = v
			}
		}
		return rec
	}
	var b strings.Builder
	b.WriteString(strings.Join(header, ",") + "\n")
	for _, r := range [][]string{row("a", "mult:a8w8", "10", "30"), row("b", "shift:a8w4", "12", "20"), row("c", "logboth:a4w4", "9", "40")} {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	tb, err := plots.ParseTable("sweep.csv", strings.NewReader(b.String()))
	require.NoError(t, err)
	d, err := plots.FromTables(tb)
	require.NoError(t, err)
	return d
}

// TestReportSelfContained: the page loads nothing from anywhere (no src,
// href, url() or @import), holds every figure inline and the points
// table, escapes the CSV's text, and spells out the shared design.
func TestReportSelfContained(t *testing.T) {
	d := studyData(t)
	set, err := plots.Figures(d, plots.Options{Style: plots.DefaultStyle})
	require.NoError(t, err)
	r, err := Build("study", d, set, nil)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, r.Write(&b))
	page := b.String()

	require.NotRegexp(t, regexp.MustCompile(`(?i)\b(src|href)\s*=|url\(|@import`), page)
	for _, u := range regexp.MustCompile(`https?://[^"' )<]+`).FindAllString(page, -1) {
		require.Contains(t, []string{"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, u, "only XML namespaces, never fetched")
	}
	require.Equal(t, len(set.Figures), strings.Count(page, "<svg "))
	require.NotContains(t, page, "<?xml", "SVG prologs are stripped")
	require.Contains(t, page, "&lt;b&gt;net&lt;/b&gt;")
	require.NotContains(t, page, "<b>net</b>")
	require.Contains(t, page, "<td><code>dataflow</code></td><td>1</td>", "a shared parameter and its value")
	require.Contains(t, page, "logsim 9.9.9")
	require.Equal(t, 3, strings.Count(page, "<tr><td>")-strings.Count(page, "<tr><td><code>"), "one row per point")
}

// TestShow: numbers read easily, text stays as it is.
func TestShow(t *testing.T) {
	cases := map[string]string{"3157724": "3157724", "3157.724": "3158", "16.183785946324168": "16.18",
		"0.5368944041759084": "0.5369", "3.649783758420262e+07": "36497838", "7.44e+10": "7.44e+10", "dram": "dram",
		"": "", "+Inf": "+Inf", "0": "0"}
	for in, want := range cases {
		require.Equal(t, want, show(in), in)
	}
}
