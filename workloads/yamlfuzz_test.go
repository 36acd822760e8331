package workloads

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParseYAML asserts that no YAML network panics the reader and that a
// network it reads is valid. Fuzz with go test -fuzz FuzzParseYAML ./workloads/.
func FuzzParseYAML(f *testing.F) {
	data, err := os.ReadFile("testdata/example_network.yaml")
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte("name: n\nbatch: 2\nlayers:\n  - {name: c, kind: conv, h: 8, w: 8, cin: 3, cout: 4, k: 3}\n"))
	f.Add([]byte("layers:\n  - {name: m, kind: matmul, m: 4, k: 5, n: 6, count: 2}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		net, err := ParseYAML("fuzz.yaml", data)
		if err != nil {
			return
		}
		require.NoError(t, net.Validate())
	})
}
