package design

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/workloads"
)

// TestRangesAtTheirBounds: each parameter's bounds are accepted and the
// values just outside them refused, naming the key and the range.
func TestRangesAtTheirBounds(t *testing.T) {
	for _, r := range Ranges() {
		pr, ok := ParamByKey(r.Key)
		require.True(t, ok, r.Key)
		step := 1.0
		if pr.Type == "float" {
			step = r.Max * 1e-3
		}
		base := Default()
		if r.Key == "dram_bw_gbps" || r.Key == "dram_bytes_per_cycle" || r.Key == "dram_latency_ns" {
			base.DRAM.Model = "bandwidth"
		}
		try := func(v float64) error {
			p := base
			if r.Key == "dram_bytes_per_cycle" {
				p.DRAM.BandwidthGBps = 0
			}
			require.NoError(t, pr.Set(&p, strconv.FormatFloat(v, 'f', -1, 64)), r.Key)
			_, err := p.Resolve()
			return err
		}
		require.NoError(t, try(r.Min), "%s at its minimum", r.Key)
		require.NoError(t, try(r.Max), "%s at its maximum", r.Key)
		err := try(r.Max + step)
		require.ErrorContains(t, err, r.Key+": ", "above the maximum")
		require.ErrorContains(t, err, r.Text())
		if below := r.Min - min(step, r.Min/2); r.Min > 0 && !(r.Unset && below == 0) {
			if pr.Type == "int" {
				below = r.Min - 1
			}
			require.ErrorContains(t, try(below), r.Key, "%s below its minimum", r.Key)
		}
	}
}

// TestCheckWorkload: the estimate refuses a run beyond MaxCycles and
// accepts one below it. On a 1×1 WS array a GEMM of P×K×N
// has K·N folds of P + 3 cycles each: P = 2^20, K = N = 2^11 is 2^22 folds
// and about 2^42 cycles (refused), P = 2^17 about 2^39 (accepted).
// VGG-16 on a 1×1 array (1.38×10⁸ folds, about 1.5×10¹⁰ cycles) is
// accepted: the schedule is streamed, so folds cost no memory.
func TestCheckWorkload(t *testing.T) {
	gemm := func(p int) workloads.Network {
		return workloads.Network{Name: "g", Batch: 1, Layers: []workloads.Layer{{Name: "l", Kind: workloads.KindMatMul,
			MatMul: workloads.MatMul{M: p, K: 1 << 11, N: 1 << 11, Count: 1}}}}
	}
	vgg, err := workloads.Lookup("vgg16", 1)
	require.NoError(t, err)
	for _, c := range []struct {
		name string
		net  workloads.Network
		side int
		want string
	}{
		{"2^39 cycles", gemm(1 << 17), 1, ""},
		{"2^42 cycles", gemm(1 << 20), 1, "more than the limit of 2^40 = 1099511627776 cycles per run"},
		{"VGG-16 on 1×1", vgg, 1, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := Default()
			p.Array.Rows, p.Array.Cols = c.side, c.side
			p.DRAM.Model = "ideal"
			err := MustResolve(p).CheckWorkload(c.net)
			if c.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, c.want)
		})
	}
}

// TestREADMEListsTheRanges keeps the README's Limits table equal to
// Ranges.
func TestREADMEListsTheRanges(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	require.True(t, strings.Contains(string(readme), RangesMarkdown()),
		"README.md's Limits section must hold this table:\n%s", RangesMarkdown())
}
