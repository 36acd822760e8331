package numerics

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/pe"
)

// Toggle rates are fractions; ReLU'd activations are zero half the time,
// so an activation code register toggles less than random data's 0.5, and
// so does a 32-bit accumulator, whose high bits follow the sign of small
// sums; signed weights near zero flip most bits of a two's complement code
// (about 0.5). Same seed, same rates (deterministic); another seed, rates
// within a few hundredths.
func TestMeasureToggles(t *testing.T) {
	for _, spec := range []string{"mult:a8w8", "shift:a8w4", "logboth:a4w4"} {
		s, err := pe.Parse(spec)
		require.NoError(t, err)
		tg, err := MeasureToggles(s, Gaussian, 1)
		require.NoError(t, err)
		for _, r := range []float64{tg.Act, tg.Weight, tg.Acc} {
			require.Greater(t, r, 0.0, spec)
			require.Less(t, r, 1.0, spec)
		}
		require.Less(t, tg.Act, 0.5, spec)
		require.Less(t, tg.Acc, 0.5, spec)
		again, err := MeasureToggles(s, Gaussian, 1)
		require.NoError(t, err)
		require.Equal(t, tg, again, spec)
		other, err := MeasureToggles(s, Gaussian, 7)
		require.NoError(t, err)
		require.InDelta(t, tg.Act, other.Act, 0.03, spec)
		require.InDelta(t, tg.Acc, other.Acc, 0.03, spec)
	}
	fp, _ := pe.Parse("mult:fp16")
	_, err := MeasureToggles(fp, Gaussian, 1)
	require.ErrorContains(t, err, "no integer datapath")
}
