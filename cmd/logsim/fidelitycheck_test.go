package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fidelity-check on one AlexNet point: ideal DRAM identical at both levels,
// fast DRAM broken down by every grid axis (one row per axis here), and the
// largest errors listed; an unknown DRAM setting is a bad-input error.
func TestFidelityCheckCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs AlexNet four times (~2 s)")
	}
	status, stdout, stderr := runCLI(t, "fidelity-check", "--network", "alexnet", "--points", "1",
		"--dram", "ideal", "--dram", "fast-DDR4-3200", "-q")
	require.Equal(t, 0, status, stderr)
	_, byAxis, ok := strings.Cut(stdout, "\nby axis:\n")
	require.True(t, ok, stdout)
	byAxis, _, ok = strings.Cut(byAxis, "\nlargest errors:")
	require.True(t, ok, stdout)
	lines := strings.Split(strings.TrimSpace(byAxis), "\n")
	require.Len(t, lines, 1+5, "a header and one row per axis: %q", byAxis)
	for _, l := range lines[1:] {
		require.Contains(t, l, "fast-DDR4-3200", "ideal DRAM must be exact, so it has no breakdown")
	}
	require.Contains(t, stdout, "1/1", "the ideal point is identical at both levels")

	status, _, stderr = runCLI(t, "fidelity-check", "--network", "alexnet", "--dram", "fast-DDR9")
	require.Equal(t, 2, status)
	require.Contains(t, stderr, `--dram: unknown setting "fast-DDR9"`)
}
