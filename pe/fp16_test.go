package pe

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/logsim/logsim/pe/quant"
	"github.com/stretchr/testify/require"
)

// TestFP16DatapathExhaustive: every finite binary16 activation code against
// six random finite weight codes, from three accumulator values, against
// big.Float: the exact product plus the accumulator, rounded once to
// binary32 (ties to even, subnormals included). Truncations are the inexact
// additions. An overflow to ±Inf cannot happen in one MAC from a finite
// accumulator: |product| ≤ 65504² < 2^32, far below half an ulp of the
// largest binary32 (2^103); the check that the counter would follow the
// reference stays in the loop.
func TestFP16DatapathExhaustive(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	finite := func(h uint16) bool { return h>>10&0x1f != 0x1f }
	var ws []uint16
	for len(ws) < 6 {
		if h := uint16(r.IntN(1 << 16)); finite(h) {
			ws = append(ws, h)
		}
	}
	ws[0] = 0x7bff // 65504, the largest: overflows from the large accumulator
	accs := []float32{0, -1234.5, 3.4e38}
	var d FP16Datapath
	exact := new(big.Float).SetPrec(400)
	prod := new(big.Float).SetPrec(400)
	var total Counters
	for a := 0; a < 1<<16; a++ {
		if !finite(uint16(a)) {
			continue
		}
		for _, w := range ws {
			for _, acc := range accs {
				var c Counters
				got := d.MAC(acc, uint16(a), w, &c)
				prod.SetFloat64(quant.F16Value(uint16(a)))
				prod.Mul(prod, new(big.Float).SetFloat64(quant.F16Value(w)))
				exact.SetFloat64(float64(acc))
				exact.Add(exact, prod)
				want, _ := exact.Float32()
				require.True(t, got == want, "a=%#04x w=%#04x acc=%v: got %v want %v", a, w, acc, got, want)
				wantC := Counters{MACs: 1}
				if math.IsInf(float64(want), 0) {
					wantC.Overflows = 1
				} else if new(big.Float).SetFloat64(float64(want)).Cmp(exact) != 0 {
					wantC.Truncations = 1
				}
				require.Equal(t, wantC, c, "a=%#04x w=%#04x acc=%v", a, w, acc)
				total.Add(c)
			}
		}
	}
	require.Zero(t, total.Overflows)
	require.Positive(t, total.Truncations)
}
