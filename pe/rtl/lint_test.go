package rtl

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
)

// TestVerilatorLint lints a PE and a 4×4 array in each dataflow with
// Verilator's -Wall. WIDTH is waived: the modules widen signed operands by
// assignment on purpose (sign extension), which Verilator flags.
func TestVerilatorLint(t *testing.T) {
	requireTools(t, "verilator")
	s, err := pe.Parse("shift:as8w4,base=sqrt2")
	require.NoError(t, err)
	l := Layer{FSRA: 2, FSRW: 3, Frac: 9}
	type design struct {
		files []File
		top   string
	}
	files, err := PE(s, l)
	require.NoError(t, err)
	designs := []design{{files, TopName(s)}}
	for _, df := range []dataflow.Dataflow{dataflow.OS, dataflow.WS, dataflow.IS} {
		a := ArrayShape{Rows: 4, Cols: 4, Dataflow: df}
		files, err := Array(s, l, a)
		require.NoError(t, err)
		designs = append(designs, design{files, ArrayTopName(s, a)})
	}
	for _, d := range designs {
		dir := t.TempDir()
		paths, err := WriteFiles(dir, d.files)
		require.NoError(t, err)
		args := append([]string{"--lint-only", "-Wall", "-Wno-WIDTH", "--top-module", d.top}, paths...)
		_, err = Run(dir, "verilator", args...)
		require.NoError(t, err, d.top)
	}
}
