package results

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The compare CSV's header is what COLUMNS.md documents, and a design
// compared with itself has every ratio 1 and its range [1, 1], but for a
// figure that is 0 (the ideal DRAM's refresh and background energy): no
// ratio, an empty cell.
func TestCompareCSVWritesTheDocumentedColumns(t *testing.T) {
	res := tinyRun(t)
	row := CompareRow{Design: "a", Role: "baseline", Run: &res, Baseline: &res,
		Corners: []CornerPair{{Run: &res, Baseline: &res}}}
	var b bytes.Buffer
	require.NoError(t, WriteCompareCSV(&b, []CompareRow{row}))
	recs, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 2)
	require.Equal(t, docColumns(t, "compare CSV (`logsim compare --csv FILE`)"), recs[0])
	for i, name := range recs[0] {
		if len(name) > 6 && (name[len(name)-6:] == "_ratio" || name[len(name)-4:] == "_low" || name[len(name)-5:] == "_high") {
			want := "1"
			if strings.HasPrefix(name, "energy_dram_refresh_uj_") || strings.HasPrefix(name, "energy_dram_background_uj_") {
				want = ""
			}
			require.Equal(t, want, recs[1][i], name)
		}
	}
	require.Equal(t, "", recs[1][len(recs[1])-1], "no numerics, no SQNR difference")
}
