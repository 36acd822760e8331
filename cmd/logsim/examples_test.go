package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	batchv1 "k8s.io/api/batch/v1"
	"sigs.k8s.io/yaml"
)

var (
	slurmScript = filepath.Join("..", "..", "examples", "slurm", "sweep.sbatch")
	k8sManifest = filepath.Join("..", "..", "examples", "k8s", "sweep-job.yaml")
)

// shardWorkdir is a folder laid out like the repository the examples run
// in: ./logsim, and the shards/ folder they write.
func shardWorkdir(t *testing.T) string {
	dir := t.TempDir()
	require.NoError(t, os.Symlink(logsimBinary(t), filepath.Join(dir, "logsim")))
	return dir
}

// mergeShards runs the merge line the example's comments give in dir and
// returns what it writes: the sweep CSV and the per-layer CSV.
func mergeShards(t *testing.T, example, dir string) []string {
	t.Helper()
	text, err := os.ReadFile(example)
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^#\s+(\./logsim merge (\S+) .*--layers (\S+).*)$`).FindSubmatch(text)
	require.NotNil(t, m, "%s gives the merge command, with --layers, in a comment", example)
	cmd := exec.Command("sh", "-c", string(m[1]))
	cmd.Dir, cmd.Env = dir, cleanEnv()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s: %s", m[1], out)
	return []string{fileText(t, filepath.Join(dir, string(m[2]))), fileText(t, filepath.Join(dir, string(m[3])))}
}

// The Slurm script is valid bash; run as each task of its array, on the
// test spec, its shards merge into the files one sweep writes.
func TestSlurmExampleRunsAndMerges(t *testing.T) {
	out, err := exec.Command("bash", "-n", slurmScript).CombinedOutput()
	require.NoError(t, err, "bash -n: %s", out)
	text, err := os.ReadFile(slurmScript)
	require.NoError(t, err)
	array := regexp.MustCompile(`(?m)^#SBATCH --array=(\d+)-(\d+)$`).FindStringSubmatch(string(text))
	require.NotNil(t, array, "an #SBATCH --array=MIN-MAX line")
	min, _ := strconv.Atoi(array[1])
	max, _ := strconv.Atoi(array[2])
	spec, err := filepath.Abs(sweepSpec)
	require.NoError(t, err)
	dir := shardWorkdir(t)
	for id := min; id <= max; id++ {
		cmd := exec.Command("bash", slurmScript)
		cmd.Env = cleanEnv("SPEC="+spec, "SLURM_SUBMIT_DIR="+dir, "SLURM_CPUS_PER_TASK=1", fmt.Sprint("SLURM_ARRAY_TASK_ID=", id),
			fmt.Sprint("SLURM_ARRAY_TASK_MIN=", min), fmt.Sprint("SLURM_ARRAY_TASK_COUNT=", max-min+1))
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "task %d: %s", id, out)
	}
	want := sweepInto(t, sweepSpec, t.TempDir(), exitOK).read(t)
	requireSameFiles(t, want[:2], mergeShards(t, slurmScript, dir), "merged Slurm shards")
}

// The manifest is a batch/v1 Job (strictly: an unknown field fails) with
// Indexed completions whose container runs logsim sweep --shard auto with
// --shards equal to its completions; run locally as each index, on the
// test spec, its shards merge into the files one sweep writes.
func TestKubernetesExampleRunsAndMerges(t *testing.T) {
	text, err := os.ReadFile(k8sManifest)
	require.NoError(t, err)
	var job batchv1.Job
	require.NoError(t, yaml.UnmarshalStrict(text, &job))
	require.Equal(t, "batch/v1", job.APIVersion)
	require.Equal(t, "Job", job.Kind)
	require.NotNil(t, job.Spec.CompletionMode)
	require.Equal(t, batchv1.IndexedCompletion, *job.Spec.CompletionMode)
	require.NotNil(t, job.Spec.Completions)
	completions := int(*job.Spec.Completions)
	require.Len(t, job.Spec.Template.Spec.Containers, 1)
	c := job.Spec.Template.Spec.Containers[0]
	require.Equal(t, []string{"sh", "-c"}, c.Command)
	require.Len(t, c.Args, 1)
	script := c.Args[0]
	require.Contains(t, script, "./logsim sweep ")
	require.Contains(t, script, " --shard auto ")
	require.Contains(t, script, fmt.Sprintf(" --shards %d ", completions))

	spec, err := filepath.Abs(sweepSpec)
	require.NoError(t, err)
	dir := shardWorkdir(t)
	for i := 0; i < completions; i++ {
		cmd := exec.Command("sh", "-c", script)
		cmd.Dir = dir
		cmd.Env = cleanEnv(fmt.Sprint("JOB_COMPLETION_INDEX=", i))
		for _, e := range c.Env {
			cmd.Env = append(cmd.Env, e.Name+"="+e.Value)
		}
		cmd.Env = append(cmd.Env, "SPEC="+spec) // the test's tiny spec
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "index %d: %s", i, out)
	}
	want := sweepInto(t, sweepSpec, t.TempDir(), exitOK).read(t)
	requireSameFiles(t, want[:2], mergeShards(t, k8sManifest, dir), "merged Kubernetes shards")
}

// The README's SCALE-Sim commands (every ./logsim line of a sh block that
// reads examples/scalesim) run as written, top to bottom, in a folder laid
// out like a clean clone: ./logsim and the repository's examples/. Each
// writes its five files into runs/<run name>/, named by --run-name or the
// config's run_name.
func TestREADMESCALESimCommandsRun(t *testing.T) {
	commands := readmeCommands(t, "examples/scalesim/")
	require.GreaterOrEqual(t, len(commands), 3)
	dir := shardWorkdir(t)
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	require.NoError(t, err)
	require.NoError(t, os.Symlink(examples, filepath.Join(dir, "examples")))
	runName := regexp.MustCompile(`--run-name (\S+)`)
	for _, line := range commands {
		cmd := exec.Command("sh", "-c", line)
		cmd.Dir, cmd.Env = dir, cleanEnv()
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s: %s", line, out)
		name := "scale_example_run_32x32_os" // scale.cfg's run_name
		if m := runName.FindStringSubmatch(line); m != nil {
			name = m[1]
		}
		for _, f := range runOutputs {
			require.FileExists(t, filepath.Join(dir, "runs", name, f), line)
		}
	}
}

// readmeCommands returns the ./logsim lines of the README's sh blocks that
// mention what, in order; every go build line of the README sets
// CGO_ENABLED=0.
func readmeCommands(t *testing.T, what string) []string {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	var commands []string
	inSh := false
	for _, line := range strings.Split(string(text), "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			inSh = line == "```sh"
		case strings.Contains(line, "go build"):
			require.Contains(t, line, "CGO_ENABLED=0 go build", "README: %s", line)
		case inSh && strings.HasPrefix(line, "./logsim ") && strings.Contains(line, what):
			commands = append(commands, strings.TrimSpace(strings.SplitN(line, "#", 2)[0]))
		}
	}
	return commands
}
