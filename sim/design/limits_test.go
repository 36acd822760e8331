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
// accepts one below it. VGG-16 on a 1×1 WS array streams every one of its
// 15.5 G MACs through one PE: about 1.5×10¹⁰ cycles per image, so batch 32
// is 4.9×10¹¹ (accepted) and batch 128 2×10¹² (refused).
func TestCheckWorkload(t *testing.T) {
	p := Default()
	p.Array.Rows, p.Array.Cols = 1, 1
	r := MustResolve(p)
	for _, c := range []struct {
		batch int
		ok    bool
	}{{32, true}, {128, false}} {
		net, err := workloads.Lookup("vgg16", c.batch)
		require.NoError(t, err)
		err = r.CheckWorkload(net)
		if c.ok {
			require.NoError(t, err)
			continue
		}
		require.ErrorContains(t, err, "more than the limit of 2^40 = 1099511627776 cycles per run")
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
