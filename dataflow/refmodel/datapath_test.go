package refmodel

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/workloads"
)

// TestDatapathArithmetic runs a GEMM of log-domain codes through the
// reference array with a saturating 10-bit shift datapath and requires each
// output to equal pe.Datapath.Dot of its row and column, which adds the
// products in the same order (k ascending). In OS the whole reduction stays
// in one PE; in WS and IS K fits one fold (K ≤ rows), so no partial sums
// meet at the edge. The outputs must saturate somewhere, or the test would
// not tell the datapath from plain integers.
func TestDatapathArithmetic(t *testing.T) {
	s, err := pe.Parse("shift:as6w4,acc=10")
	require.NoError(t, err)
	d, err := pe.NewDatapath(s, 3, 3, 4)
	require.NoError(t, err)
	lo, hi := d.Range()
	rng := rand.New(rand.NewSource(5))
	g := workloads.GEMM{P: 9, K: 6, N: 7, Count: 1}
	codes := func(rows, cols, bits int) Matrix {
		m := NewMatrix(rows, cols)
		for i := range m {
			for j := range m[i] {
				m[i][j] = int64(rng.Intn(1 << bits))
			}
		}
		return m
	}
	p := Problem{A: []Matrix{codes(g.P, g.K, s.ABits)}, B: []Matrix{codes(g.K, g.N, s.WBits)}}
	for _, df := range dataflows {
		t.Run(fmt.Sprint(df), func(t *testing.T) {
			m, err := dataflow.NewMapping(g, dataflow.Array{Rows: 6, Cols: 4}, df)
			require.NoError(t, err)
			res, err := Run(m.Schedule(), dataflow.Pipelined, p, Options{Arithmetic: DatapathMAC{D: d}})
			require.NoError(t, err)
			saturated := 0
			for i := 0; i < g.P; i++ {
				for j := 0; j < g.N; j++ {
					a, w := make([]uint16, g.K), make([]uint16, g.K)
					for k := range a {
						a[k], w[k] = uint16(p.A[0][i][k]), uint16(p.B[0][k][j])
					}
					var c pe.Counters
					want := d.Dot(a, w, &c)
					require.Equal(t, want, res.Outputs[0][i][j], "C[%d][%d]", i, j)
					if c.Overflows > 0 && (want == lo || want == hi) {
						saturated++
					}
				}
			}
			require.Positive(t, saturated)
		})
	}
}
