package scalecfg

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParse asserts that no config panics the reader, that every error
// names the file, and that a config read has positive sizes. `go test`
// runs the seeds (testdata/*.cfg and testdata/fuzz/FuzzParse); fuzz with
// go test -fuzz FuzzParse ./sim/scalecfg/.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/*.cfg")
	require.NoError(f, err)
	for _, name := range files {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(strings.NewReader(string(data)), "fuzz.cfg")
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "fuzz.cfg"), "%v", err)
			return
		}
		require.Positive(t, c.ArrayHeight)
		require.Positive(t, c.ArrayWidth)
		require.Positive(t, c.IfmapSRAMKiB)
	})
}
