package sweep

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// runShards runs every shard of p into dir and returns the shard files.
func runShards(t *testing.T, p *Plan, dir string, n int) []string {
	t.Helper()
	var files []string
	for i := 1; i <= n; i++ {
		f := filepath.Join(dir, fmt.Sprintf("shard%d.jsonl", i))
		sum := runPlan(t, context.Background(), p, Outputs{Out: f, WriteFile: writeWhole}, Options{Shard: Shard{Index: i, Count: n}})
		require.Equal(t, 4, sum.Points)
		files = append(files, f)
	}
	return files
}

func TestMergeWritesWhatOneRunWrites(t *testing.T) {
	p := plan(t, testSpec)
	ref := outputsIn(t.TempDir())
	runPlan(t, context.Background(), p, ref, Options{})
	shards := runShards(t, p, t.TempDir(), 3)

	out := outputsIn(t.TempDir())
	sum, err := Merge([]string{shards[2], shards[0], shards[1]}, out)
	require.NoError(t, err)
	require.Equal(t, Summary{Points: 12}, sum)
	require.Equal(t, readAll(t, ref), readAll(t, out))
}

func TestMergeErrorsNameThePoints(t *testing.T) {
	p := plan(t, testSpec)
	dir := t.TempDir()
	shards := runShards(t, p, dir, 3)
	unsharded := filepath.Join(dir, "all.csv")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	runPlan(t, ctx, p, Outputs{Out: unsharded, WriteFile: writeWhole}, Options{})
	other := filepath.Join(dir, "other.jsonl")
	runPlan(t, context.Background(), plan(t, "networks: [{file: tiny.yaml}]\nbase: {dram: ideal}"), Outputs{Out: other, WriteFile: writeWhole},
		Options{Shard: Shard{Index: 1, Count: 3}})
	torn := filepath.Join(dir, "torn.jsonl")
	data, err := os.ReadFile(shards[1])
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(torn, data[:len(data)-10], 0o644))

	cases := []struct {
		name   string
		inputs []string
		want   string
	}{
		{"missing shard", shards[:2], fmt.Sprintf("points in no input: %s (shard 3/3), %s (shard 3/3), %s (shard 3/3), %s (shard 3/3): run those shards and merge again",
			p.Jobs[2].PointID, p.Jobs[5].PointID, p.Jobs[8].PointID, p.Jobs[11].PointID)},
		{"shard twice", []string{shards[0], shards[1], shards[2], shards[0]}, fmt.Sprintf("points in more than one input: %s (in %s and %s), ", p.Jobs[0].PointID, shards[0], shards[0])},
		{"another sweep", []string{shards[0], shards[1], other}, other + " is from another sweep than " + shards[0] + ": its 1 points are not this sweep's 12"},
		{"not a shard", []string{JournalPath(unsharded)}, "all.csv.journal: not a shard file"},
		{"torn", []string{shards[0], torn}, "torn.jsonl: not a whole shard file"},
		{"no file", []string{filepath.Join(dir, "nope.jsonl")}, "nope.jsonl: no such file"},
		{"not JSON", []string{filepath.Join("testdata", "tiny.yaml")}, "tiny.yaml:1: not a logsim sweep journal or shard file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Merge(tc.inputs, outputsIn(t.TempDir()))
			var bad *BadInput
			require.ErrorAs(t, err, &bad)
			require.ErrorContains(t, err, tc.want)
		})
	}
}
