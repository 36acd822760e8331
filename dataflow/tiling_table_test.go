package dataflow

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// A cache of candidates chooses what TileLayer chooses, for any objective,
// whichever layer of a shape listed them, from goroutines at once; it
// names the layer it tiles in errors and holds no more than its bound
// (but for the entry listed last, alone).
func TestCandidateCacheChoosesWhatTileLayerChooses(t *testing.T) {
	const bound = 300
	cache := NewCandidateCache(bound)
	a := Array{Rows: 16, Cols: 16}
	bySpace := func(t BoundTerms) float64 { return float64(t.DRAM.Total()) + 5*float64(t.Cycles) }
	objectives := []Objective{minTraffic, {Score: func(c TileCost) float64 { return bySpace(c.BoundTerms()) }, Bound: bySpace}}
	cases := tilingCases()
	cases = append(cases[:1], cases[2:]...) // all but the slowest (VGG's conv1_2)
	var wg sync.WaitGroup
	for _, l := range cases {
		for _, df := range []Dataflow{OS, WS, IS} {
			for _, obj := range objectives {
				wg.Add(1)
				go func() {
					defer wg.Done()
					want, err := TileLayer(l, a, df, space8(8), bits8, Pipelined, obj)
					require.NoError(t, err)
					for _, name := range []string{l.Name, l.Name + "-again"} {
						l := l
						l.Name = name
						got, err := cache.TileLayer(l, a, df, space8(8), bits8, Pipelined, obj)
						require.NoError(t, err)
						require.Equal(t, want, got, "%s %v", l.Name, df)
					}
				}()
			}
		}
	}
	wg.Wait()
	// Goroutines may touch entries listed before the last one after it is
	// held, so the bound is checked after one more shape, listed alone.
	extra := convLayer(30, 24, 3, 40, 1, 1)
	extra.Name = "extra"
	_, err := cache.TileLayer(extra, a, WS, space8(8), bits8, Pipelined, minTraffic)
	require.NoError(t, err)
	cache.mu.Lock()
	held, last := 0, 0
	for el := cache.recent.Front(); el != nil; el = el.Next() {
		held += el.Value.(*candidateEntry).held
		if last == 0 {
			last = el.Value.(*candidateEntry).held
		}
	}
	require.Equal(t, held, cache.held)
	require.LessOrEqual(t, cache.held, max(bound, last))
	require.Less(t, len(cache.entries), len(cases)*3, "nothing was dropped")
	cache.mu.Unlock()

	big := convLayer(224, 64, 3, 64, 1, 1)
	big.Name = "conv9"
	tiny := BufferSpace{IfmapWords: 4, FilterWords: 4, OfmapWords: 4, WordsFor: packed64}
	_, err = cache.TileLayer(big, Array{Rows: 8, Cols: 8}, WS, tiny, bits8, Pipelined, minTraffic)
	require.ErrorContains(t, err, `layer "conv9": no tile fits half of the buffers`)
}
