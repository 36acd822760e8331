package compare

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/sim/design"
)

// The example file: the base applies to every design, each design's keys
// on top, in the file's order; a design with no keys is the base.
func TestLoadDesigns(t *testing.T) {
	ds, err := LoadDesigns("testdata/designs.yaml", design.Default(), nil)
	require.NoError(t, err)
	require.Len(t, ds, 3)
	require.Equal(t, []string{"mult8", "shift4-wide", "same-as-base"}, []string{ds[0].Name, ds[1].Name, ds[2].Name})
	require.Equal(t, "shift:a8w4", ds[1].Point.PE.String())
	require.Equal(t, [2]int{16, 32}, [2]int{ds[1].Point.Array.Rows, ds[1].Point.Array.Cols})
	require.Equal(t, "ideal", ds[2].Point.DRAM.Model)
	require.Equal(t, design.Default().PE, ds[2].Point.PE)
}

// Bad designs files name the file, the line and the key or design.
func TestParseDesignsErrors(t *testing.T) {
	cases := []struct {
		text, want string
	}{
		{"designs:\n  a: {pe: mult:a8w8}\n  b:\n    rws: 16\n", `d.yaml:4: unknown key "rws" (did you mean "rows"?)`},
		{"dsigns:\n  a: {}\n", `d.yaml:1: unknown key "dsigns" (did you mean "designs"?)`},
		{"base: {rows: 8}\n", "d.yaml: no designs: key"},
		{"designs:\n  a: {pe: mult:a8w8}\n", "d.yaml: 1 design(s): compare wants two or more"},
		{"designs:\n  a: {}\n  a: {rows: 8}\n", `d.yaml:3: key "a" given twice (first on line 2)`},
		{"designs:\n  a: {}\n  b: {pe: mult:a8q8}\n", `d.yaml:3: key pe: PE spec "mult:a8q8"`},
		{"designs:\n  a: {}\n  b: {rows: 0}\n", `d.yaml:3: design "b": rows, cols: array must be at least 1×1`},
		{"designs:\n  a: {}\n  b: [rows]\n", "d.yaml:3: want a mapping of design keys"},
		{"designs: [a, b]\n", "d.yaml:1: designs: want a mapping of named designs"},
		{"designs:\n  a: {}\n  'x|y': {}\n", `d.yaml:3: design name "x|y"`},
		{"- a\n", "d.yaml:1: want a mapping with the keys base and designs"},
		{"", "d.yaml: empty"},
		{"designs:\n  a: {rows: 8, rows: 9}\n  b: {}\n", `d.yaml:2: key "rows" given twice`},
		{"base:\n  cols: 8\ndesigns:\n  a: {}\n  b: {}\n", `d.yaml:2: key "cols" is also given on the command line (--cols)`},
	}
	given := func(key string) bool { return key == "cols" }
	for _, tc := range cases {
		_, err := ParseDesigns("d.yaml", []byte(tc.text), design.Default(), given)
		require.ErrorContains(t, err, tc.want, "%q", tc.text)
	}
}

// The parser never panics; what it accepts is two or more designs with
// distinct names that resolve, and what it refuses names the file.
func FuzzParseDesigns(f *testing.F) {
	for _, s := range []string{
		"designs:\n  a: {pe: mult:a8w8}\n  b: {pe: shift:a8w4, rows: 8}\n",
		"base: {dram: ideal}\ndesigns:\n  a:\n  b: {dram_overrides: {tRCD: 24}}\n",
		"designs: {a: &x {rows: 4}, b: *x}\n",
		"designs:\n  a: {}\n  b: {pe: {kind: shift, operands: a8w4}}\n",
		"base: 3\n", "designs:\n  a: {rows: 0}\n", "{", "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ParseDesigns("f.yaml", data, design.Default(), nil)
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "f.yaml"), err.Error())
			return
		}
		require.GreaterOrEqual(t, len(ds), 2)
		seen := map[string]bool{}
		for _, d := range ds {
			require.False(t, seen[d.Name])
			seen[d.Name] = true
			_, err := d.Point.Resolve()
			require.NoError(t, err)
		}
	})
}
