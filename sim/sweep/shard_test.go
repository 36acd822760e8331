package sweep

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseShard(t *testing.T) {
	s, err := ParseShard("2/8")
	require.NoError(t, err)
	require.Equal(t, Shard{Index: 2, Count: 8}, s)
	require.Equal(t, "2/8", s.String())
	for _, bad := range []string{"0/4", "5/4", "1/0", "a/2", "2", "", "1/-1"} {
		_, err := ParseShard(bad)
		require.Error(t, err, bad)
	}
}

// The shards of a sweep split its points: each point in exactly one,
// shard i taking the indices i−1, i−1+n, …
func TestShardsPartitionThePoints(t *testing.T) {
	const points, n = 23, 4
	seen := make([]int, points)
	for i := 1; i <= n; i++ {
		for p := 0; p < points; p++ {
			if (Shard{Index: i, Count: n}).Has(p) {
				seen[p]++
				require.Equal(t, i-1, p%n)
			}
		}
	}
	for p, c := range seen {
		require.Equal(t, 1, c, "point %d", p)
	}
	require.True(t, Shard{}.Has(17), "the zero shard is the whole sweep")
}

func TestShardFromEnv(t *testing.T) {
	cases := []struct {
		name   string
		env    map[string]string
		shards int
		want   Shard
		err    string
	}{
		{"slurm 1-based", map[string]string{EnvSlurmTaskID: "3", EnvSlurmTaskCount: "4", EnvSlurmTaskMin: "1"}, 0, Shard{3, 4}, ""},
		{"slurm 0-based", map[string]string{EnvSlurmTaskID: "0", EnvSlurmTaskCount: "4", EnvSlurmTaskMin: "0"}, 0, Shard{1, 4}, ""},
		{"slurm stepped", map[string]string{EnvSlurmTaskID: "6", EnvSlurmTaskCount: "3", EnvSlurmTaskMin: "2", EnvSlurmTaskStep: "2"}, 0, Shard{3, 3}, ""},
		{"slurm not a range", map[string]string{EnvSlurmTaskID: "9", EnvSlurmTaskCount: "3", EnvSlurmTaskMin: "1"}, 0, Shard{}, "give the array as a range"},
		{"slurm no count", map[string]string{EnvSlurmTaskID: "1", EnvSlurmTaskMin: "1"}, 0, Shard{}, "SLURM_ARRAY_TASK_COUNT"},
		{"slurm with --shards", map[string]string{EnvSlurmTaskID: "1", EnvSlurmTaskCount: "2", EnvSlurmTaskMin: "1"}, 2, Shard{}, "--shards is for a Kubernetes"},
		{"k8s", map[string]string{EnvK8sIndex: "0"}, 3, Shard{1, 3}, ""},
		{"k8s last", map[string]string{EnvK8sIndex: "2"}, 3, Shard{3, 3}, ""},
		{"k8s beyond", map[string]string{EnvK8sIndex: "3"}, 3, Shard{}, "not below --shards 3"},
		{"k8s without --shards", map[string]string{EnvK8sIndex: "1"}, 0, Shard{}, "needs --shards N"},
		{"k8s bad index", map[string]string{EnvK8sIndex: "x"}, 2, Shard{}, "JOB_COMPLETION_INDEX"},
		{"both", map[string]string{EnvK8sIndex: "1", EnvSlurmTaskID: "1"}, 2, Shard{}, "both"},
		{"neither", map[string]string{}, 0, Shard{}, "neither SLURM_ARRAY_TASK_ID (a Slurm array job) nor JOB_COMPLETION_INDEX"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ShardFromEnv(func(k string) string { return tc.env[k] }, tc.shards)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, s)
		})
	}
}
