package dataflow

import (
	"testing"

	"github.com/logsim/logsim/workloads"
)

// BenchmarkTileNetwork tiles every array layer of a zoo network at the
// reference design point (32×32 WS, 32 KiB halves, 64-bit words, 8-bit
// operands): the cost of choosing tiles, once per run.
func BenchmarkTileNetwork(b *testing.B) {
	for _, net := range []workloads.Network{workloads.ResNet50(1), workloads.VGG16(1)} {
		b.Run(net.Name, func(b *testing.B) {
			candidates := 0
			for i := 0; i < b.N; i++ {
				candidates = 0
				for _, l := range net.ArrayLayers() {
					tl, err := TileLayer(l, Array{Rows: 32, Cols: 32}, WS, space8(32), bits8, Pipelined, minTraffic)
					if err != nil {
						b.Fatal(err)
					}
					candidates += tl.Candidates
				}
			}
			b.ReportMetric(float64(candidates), "candidates")
		})
	}
}
