package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The soft limit is 256 MiB up to two cores, then 128 MiB a core.
func TestGCSoftLimit(t *testing.T) {
	for cores, want := range map[int]int64{1: 256 << 20, 2: 256 << 20, 3: 384 << 20, 16: 2 << 30} {
		require.Equal(t, want, gcSoftLimit(cores), "%d cores", cores)
	}
}
