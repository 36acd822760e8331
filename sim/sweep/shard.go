package sweep

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of Count disjoint parts of a sweep, numbered from 1 like
// Slurm array tasks: shard i of n runs the points whose index (in
// expansion order, from 0) satisfies index mod n = i − 1. The zero Shard
// is the whole sweep, unsharded.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// Sharded reports whether s is a shard rather than the whole sweep.
func (s Shard) Sharded() bool { return s.Count > 0 }

// Has reports whether the point at index is in the shard.
func (s Shard) Has(index int) bool { return !s.Sharded() || index%s.Count == s.Index-1 }

// String is "i/n", or "all" for the whole sweep.
func (s Shard) String() string {
	if !s.Sharded() {
		return "all"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// ParseShard reads "i/n" with 1 ≤ i ≤ n.
func ParseShard(text string) (Shard, error) {
	i, n, ok := strings.Cut(text, "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want i/n (e.g. 2/8, shards numbered from 1) or auto", text)
	}
	s := Shard{}
	var err1, err2 error
	s.Index, err1 = strconv.Atoi(strings.TrimSpace(i))
	s.Count, err2 = strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil || s.Count < 1 || s.Index < 1 || s.Index > s.Count {
		return Shard{}, fmt.Errorf("shard %q: want i/n with 1 ≤ i ≤ n (shards numbered from 1)", text)
	}
	return s, nil
}

// The environment variables ShardFromEnv reads.
const (
	EnvSlurmTaskID    = "SLURM_ARRAY_TASK_ID"
	EnvSlurmTaskCount = "SLURM_ARRAY_TASK_COUNT"
	EnvSlurmTaskMin   = "SLURM_ARRAY_TASK_MIN"
	EnvSlurmTaskStep  = "SLURM_ARRAY_TASK_STEP"
	EnvK8sIndex       = "JOB_COMPLETION_INDEX"
)

// ShardFromEnv takes the shard from a Slurm array job (shard
// SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1 of
// SLURM_ARRAY_TASK_COUNT, for an array whose IDs are a range, with a step
// if SLURM_ARRAY_TASK_STEP says so) or from a Kubernetes Indexed Job
// (shard JOB_COMPLETION_INDEX + 1 of shards, the Job's completions). It
// fails when neither is set, or both: never silently a fraction of the
// points. shards > 0 is only for Kubernetes.
func ShardFromEnv(getenv func(string) string, shards int) (Shard, error) {
	slurm, k8s := getenv(EnvSlurmTaskID) != "", getenv(EnvK8sIndex) != ""
	switch {
	case slurm && k8s:
		return Shard{}, fmt.Errorf("--shard auto: both %s (Slurm) and %s (Kubernetes) are set", EnvSlurmTaskID, EnvK8sIndex)
	case slurm && shards > 0:
		return Shard{}, fmt.Errorf("--shards is for a Kubernetes Indexed Job; under Slurm the array's size gives the count")
	case slurm:
		return slurmShard(getenv)
	case k8s && shards < 1:
		return Shard{}, fmt.Errorf("--shard auto in a Kubernetes Indexed Job needs --shards N (the Job's completions)")
	case k8s:
		idx, err := envInt(getenv, EnvK8sIndex, 0)
		if err == nil && idx >= shards {
			err = fmt.Errorf("%s=%d is not below --shards %d", EnvK8sIndex, idx, shards)
		}
		return Shard{Index: idx + 1, Count: shards}, err
	}
	return Shard{}, fmt.Errorf("--shard auto: neither %s (a Slurm array job) nor %s (a Kubernetes Indexed Job) is set", EnvSlurmTaskID, EnvK8sIndex)
}

func slurmShard(getenv func(string) string) (Shard, error) {
	id, err := envInt(getenv, EnvSlurmTaskID, 0)
	if err != nil {
		return Shard{}, err
	}
	count, err := envInt(getenv, EnvSlurmTaskCount, 1)
	if err != nil {
		return Shard{}, err
	}
	min, err := envInt(getenv, EnvSlurmTaskMin, 0)
	if err != nil {
		return Shard{}, err
	}
	step := 1
	if getenv(EnvSlurmTaskStep) != "" {
		if step, err = envInt(getenv, EnvSlurmTaskStep, 1); err != nil {
			return Shard{}, err
		}
	}
	off := id - min
	if off < 0 || off%step != 0 || off/step >= count {
		return Shard{}, fmt.Errorf("Slurm array task %d is not one of %d tasks from %d in steps of %d: give the array as a range (--array=1-%d)",
			id, count, min, step, count)
	}
	return Shard{Index: off/step + 1, Count: count}, nil
}

// envInt reads an integer at least min from the environment.
func envInt(getenv func(string) string, name string, min int) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(getenv(name)))
	if err != nil || v < min {
		return 0, fmt.Errorf("%s=%q: want an integer ≥ %d", name, getenv(name), min)
	}
	return v, nil
}
