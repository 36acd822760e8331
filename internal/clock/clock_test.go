package clock

import (
	"math"
	"testing"

	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

// At 1 GHz, 5 ns is cycle 5: 3 cycles after cycle 2; 4 cycles later is the
// edge at 9 ns; never stays never both ways.
func TestRelativeAndLater(t *testing.T) {
	f := 1 * sim.GHz
	never := sim.VTimeInSec(math.Inf(1))
	require.Equal(t, int64(3), Relative(f, 5e-9, 2))
	require.Equal(t, int64(Never), Relative(f, never, 2))
	require.InDelta(t, 9e-9, float64(Later(f, 5e-9, 4)), 1e-18)
	require.Equal(t, int64(9), Cycle(f, Later(f, 5e-9, 4)))
	require.True(t, math.IsInf(float64(Later(f, never, 4)), 1))
}

// Edges answers as sim.Freq.NextTick does, whether asked again at one time
// or at another, at an edge or between two.
func TestEdgesAreNextTicks(t *testing.T) {
	f := 700 * sim.MHz
	e := NewEdges(f)
	for _, at := range []sim.VTimeInSec{0, 0, 1e-9, 1e-9, 5 / 700e6, 5 / 700e6, 3e-9, 0} {
		require.Equal(t, f.NextTick(at), e.After(at), "%g", float64(at))
	}
}
