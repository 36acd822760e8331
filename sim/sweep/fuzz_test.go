package sweep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzScan: any journal or shard file is read or refused with an error
// naming it, never a panic; what is read belongs to its header's points
// and lies within the file.
func FuzzScan(f *testing.F) {
	h := `{"format":"logsim-sweep/1","logsim_version":"0.2.0","shard":{"index":1,"count":2},"numerics":null,"net_columns":["a"],"layer_columns":["b"],"points":["p0","p1","p2"]}` + "\n"
	f.Add(h)
	f.Add(h + `{"i":0,"point_id":"p0","net":["1"],"layers":[["x"]]}` + "\n" + `{"i":2,"point_id":"p2","error":"e","net":["2"]}` + "\n")
	f.Add(h + `{"i":0,"point_id":"p0","net":["1"]}` + "\n" + `{"i":2,"point_id":"p2","ne`)
	f.Add(h + `{"i":1,"point_id":"p0","net":[]}` + "\n")
	f.Add(`{"format":"logsim-sweep/1"`)
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "j")
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		file, err := os.Open(path)
		require.NoError(t, err)
		defer file.Close()
		s, err := scan(file, path)
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), path), err.Error())
			return
		}
		require.LessOrEqual(t, s.end, int64(len(text)))
		for _, r := range s.records {
			require.Less(t, r.index, len(s.header.Points))
			require.LessOrEqual(t, r.off+int64(r.n), s.end)
		}
		if _, err := Merge([]string{path}, Outputs{Out: filepath.Join(t.TempDir(), "m.csv"), WriteFile: writeWhole}); err != nil {
			require.NotContains(t, err.Error(), "internal")
		}
	})
}

// FuzzParseShard: --shard text is a valid shard or an error.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"1/1", "3/8", "0/2", "9/4", "x", "1/", "/2", " 2 / 3 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseShard(text)
		if err == nil {
			require.True(t, s.Index >= 1 && s.Index <= s.Count, "%+v", s)
		}
	})
}
