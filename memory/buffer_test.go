package memory

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestBufferGeometryAndPorts(t *testing.T) {
	b, err := MakeBufferBuilder().WithCapacityKiB(64).WithWordBits(64).WithBanks(2).WithWordsPerCycle(3).Build("B")
	require.NoError(t, err)
	require.Equal(t, int64(64*1024*8/64/2), b.HalfWords()) // 4096 words per half
	require.Equal(t, int64(0), b.PortCycles(0))
	require.Equal(t, int64(1), b.PortCycles(6))
	require.Equal(t, int64(2), b.PortCycles(7))         // 7 words over 2 banks × 3 words/cycle
	require.Equal(t, int64(3), b.Words(17, 8))          // 8 codes per word
	require.Equal(t, int64(126), b.TransferWords(1001)) // ⌈1001·8/64⌉
	require.Equal(t, int64(1), b.TransferWords(8))
	b.CountArrayRead(5)
	b.CountArrayWrite(4)
	require.Equal(t, BufferStats{ArrayReadWords: 5, ArrayWriteWords: 4}, b.Stats())
	s := BufferStats{ArrayReadWords: 5, ArrayWriteWords: 4, DMAWriteWords: 126, DMAReadWords: 1}
	require.Equal(t, int64(6), s.Reads())
	require.Equal(t, int64(130), s.Writes())
	unlimited, err := MakeBufferBuilder().Build("U")
	require.NoError(t, err)
	require.Zero(t, unlimited.PortCycles(1<<30))
}

func TestBufferRejectsBadParameters(t *testing.T) {
	for _, b := range []BufferBuilder{
		MakeBufferBuilder().WithCapacityKiB(0),
		MakeBufferBuilder().WithWordBits(-8),
		MakeBufferBuilder().WithBanks(0),
		MakeBufferBuilder().WithWordsPerCycle(-1),
	} {
		_, err := b.Build("Accel.IfmapBuf")
		require.ErrorContains(t, err, "Accel.IfmapBuf")
	}
}
