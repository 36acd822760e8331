package sim

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/workloads"
)

// allocatedBy is the bytes the Go heap handed out while f ran.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestScheduleIsStreamed: the event and analytic simulations hold no
// record per fold. One P=1 GEMM layer of 1024×1024 weights on a WS array,
// with a filter buffer large enough to hold them in one tile, has K·N/(R·C)
// folds: 1,048,576 on a 1×1 array, 65,536 on a 4×4 one, for the same DRAM
// bytes and DMA requests. A per-fold record of even 8 bytes would add
// 7.9 MB on the 1×1 array; the test allows less than 1 byte per added
// fold.
func TestScheduleIsStreamed(t *testing.T) {
	net := workloads.Network{Name: "streamed", Batch: 1, Layers: []workloads.Layer{{
		Name: "fc", Kind: workloads.KindMatMul,
		MatMul: workloads.MatMul{M: 1, K: 1024, N: 1024, Count: 1}}}}
	for _, fidelity := range []string{FidelityEvent, FidelityAnalytic} {
		t.Run(fidelity, func(t *testing.T) {
			bytesOn := func(side int) (uint64, int64) {
				d := withDRAM(dram.Config{Model: dram.ModelIdeal})
				d.Array.Rows, d.Array.Cols = side, side
				d.FilterKiB = 4096 // every weight in one tile
				r, err := d.Resolve()
				require.NoError(t, err)
				var folds int64
				b := allocatedBy(func() {
					res, err := Run(net, r, RunOptions{Fidelity: fidelity})
					require.NoError(t, err)
					folds = int64(res.Layers[0].Mapping.Folds())
				})
				return b, folds
			}
			few, fewFolds := bytesOn(4)
			many, manyFolds := bytesOn(1)
			require.Equal(t, int64(65536), fewFolds)
			require.Equal(t, int64(1<<20), manyFolds)
			perFold := (float64(many) - float64(few)) / float64(manyFolds-fewFolds)
			t.Logf("%s: %d bytes allocated on 4×4, %d on 1×1: %.3f bytes per added fold", fidelity, few, many, perFold)
			require.Less(t, perFold, 1.0, "allocation grows with the number of folds: the schedule is not streamed")
		})
	}
}
