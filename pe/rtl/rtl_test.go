package rtl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/pe"
)

// TestPEFilesAreComplete checks that PE's module list names files that
// exist and that every module the PE instantiates is among them.
func TestPEFilesAreComplete(t *testing.T) {
	s, err := pe.Parse("shift:a8w4")
	require.NoError(t, err)
	files, err := PE(s, Layer{})
	require.NoError(t, err)
	require.Len(t, files, len(peModules)+1)
	defined := map[string]bool{}
	for _, f := range files {
		for _, line := range splitLines(f.Text) {
			var name string
			if n, _ := sscanModule(line, &name); n == 1 {
				defined[name] = true
			}
		}
	}
	for _, m := range []string{"logsim_pe", "logsim_mac", "logsim_align", "logsim_accumulate",
		"logsim_mult_product", "logsim_shift_product", "logsim_logboth_product", TopName(s)} {
		require.True(t, defined[m], "module %s", m)
	}
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

// sscanModule reads "module NAME" at the start of a line.
func sscanModule(line string, name *string) (int, error) {
	n, err := fmt.Sscanf(line, "module %s", name)
	*name = strings.TrimSuffix(strings.TrimSuffix(*name, "("), " ")
	return n, err
}
