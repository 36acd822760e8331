package scalesimmem

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/workloads"
)

func gemmLayer(m, n, k int) workloads.Layer {
	return workloads.Layer{Name: "g", Kind: workloads.KindFC, MatMul: workloads.MatMul{M: m, K: k, N: n, Count: 1}}
}

// One fold, worked out by hand: (M, N, K) = (4, 4, 4) on a 4×4 OS array
// with 64 KiB buffers. The fold has T+R+C−2 = 10 demand rows (cycles
// 0…9, Total Cycles 9). Ifmap row r streams k = 0…3 in rows r…r+3, so
// reads run in rows 0…6, serviced a cycle later (1…7); the filter likewise.
// After T−1 = 3 idle rows the outputs leave in rows 3…9. The 16 distinct
// ifmap (and filter) words are less than one 655-word set: one first fill
// of ⌈655/10⌉ = 66 cycles ending at cycle −1. The 16 outputs are 4 lines
// of 4 words, drained from cycle 9 to 12. SCALE-Sim counts 24 SRAM output
// writes (16 + R + C); corrected, 16.
func TestOneFoldByHand(t *testing.T) {
	for _, compat := range []bool{true, false} {
		got, err := Simulate(gemmLayer(4, 4, 4), Config{Array: dataflow.Array{Rows: 4, Cols: 4}, Dataflow: dataflow.OS,
			IfmapKiB: 64, FilterKiB: 64, OfmapKiB: 64, Compat: compat})
		require.NoError(t, err)
		writes := int64(16)
		if compat {
			writes = 24
		}
		read := Operand{SRAM: Window{1, 7}, SRAMWords: 16, DRAM: Window{-66, -1}, DRAMWords: 16}
		require.Equal(t, read, got.Ifmap)
		require.Equal(t, read, got.Filter)
		require.Equal(t, Operand{SRAM: Window{3, 9}, SRAMWords: writes, DRAM: Window{9, 12}, DRAMWords: 16}, got.Ofmap)
		require.Equal(t, int64(9), got.TotalCycles)
		require.Zero(t, got.StallCycles)
		require.InDelta(t, 100*64.0/(9*16), got.OverallUtil, 1e-12)
		require.InDelta(t, 100.0, got.MappingEff, 1e-12)
		require.InDelta(t, 100*4.0/10, got.ComputeUtil, 1e-12, "T/(T+R+C−2)")
	}
}

// WS, (M, N, K) = (5, 3, 7) on 4×4: two row folds using 4×3 and 3×3 PEs,
// T = P = 5. SCALE-Sim divides each fold's 12·5 and 9·5 MACs by R·C times
// 2R+2C+T−3 = 18 cycles; the fold really lasts 2R+C+T−2 = 15.
func TestComputeUtilByHand(t *testing.T) {
	m, err := dataflow.NewMapping(gemmLayer(5, 3, 7).GEMM(), dataflow.Array{Rows: 4, Cols: 4}, dataflow.WS)
	require.NoError(t, err)
	_, mapping, compat := Utilisation(m, 29, true)
	_, _, real := Utilisation(m, 29, false)
	require.InDelta(t, 100*(12.0+9)/2/16, mapping, 1e-12)
	require.InDelta(t, 100*(12.0*5/(16*18)+9.0*5/(16*18))/2, compat, 1e-12)
	require.InDelta(t, 100*(12.0*5/(16*15)+9.0*5/(16*15))/2, real, 1e-12)
}

// A 1 KiB read buffer has sets of 10 words and moves its window every 50
// sets (500 new words). Reading words 0…1199 one per cycle from cycle 5
// moves it at cycles 504 and 1004; the first fill (500 words at 10 a
// cycle) ends two cycles before the first read, at cycle 3, and is logged
// a cycle later: 50 cycles from −45. Word 0 read again after the second
// move is fetched again; word 1100 is still held.
func TestReadBufferRefetchesAfterTheWindowMoves(t *testing.T) {
	b := newReadBuffer(1, 1202)
	for a := int64(0); a < 1200; a++ {
		b.read(a, 5+a)
	}
	b.read(0, 1300)
	b.read(1100, 1301)
	w, words, err := b.dram()
	require.NoError(t, err)
	require.Equal(t, Window{-45, 1005}, w, "from the first fill to the last move, plus the read latency")
	require.Equal(t, int64(1201), words)
}

// Two window moves in one cycle leave the fill between them no cycles to
// spread over: SCALE-Sim divides by zero; the model says so.
func TestReadBufferRejectsTwoMovesInACycle(t *testing.T) {
	b := newReadBuffer(1, 1000)
	for a := int64(0); a < 1000; a++ {
		b.read(a, 7)
	}
	_, _, err := b.dram()
	require.ErrorContains(t, err, "moved twice in cycle 7")
}

// A 1 KiB write buffer (drain half 512 words, lines of 4) taking one
// output a cycle in cycles 0…1024. Store 513 (cycle 512) passes half: the
// line being filled is cut after 1 word and 128 full lines drain in cycles
// 512…639. Store 1025 (cycle 1024) passes half again: 128 lines drain in
// 1024…1151, the cut line first, and one full line is left for the final
// flush. SCALE-Sim counts the cut line's 3 padding words as written
// (1028 words) and flushes at 1024 while the drain is still running;
// corrected, 1025 words and the flush waits until 1152.
func TestWriteBufferPaddingAndFlush(t *testing.T) {
	for _, tc := range []struct {
		compat bool
		words  int64
		dram   Window
	}{{true, 1028, Window{512, 1024}}, {false, 1025, Window{512, 1152}}} {
		b := newWriteBuffer(1, 4, tc.compat)
		for c := int64(0); c <= 1024; c++ {
			require.Equal(t, c, b.writeRow(c, 1), "never full: no stall")
		}
		b.flush(1024)
		require.Equal(t, tc.words, b.words, "compat %v", tc.compat)
		require.Equal(t, tc.dram, b.dram, "compat %v", tc.compat)
	}
}

// The same buffer taking 64 outputs a cycle passes half in cycle 8 and
// drains 128 lines in cycles 8…135; it is full again after the last store
// of cycle 23, which waits until the drain ends: serviced at cycle 135.
func TestWriteBufferStallsWhenFullDuringADrain(t *testing.T) {
	b := newWriteBuffer(1, 4, true)
	for c := int64(0); c < 23; c++ {
		require.Equal(t, c, b.writeRow(c, 64))
	}
	require.Equal(t, int64(135), b.writeRow(23, 64))
}

// Addresses follow SCALE-Sim's im2col layout; windows past the input ask
// for nothing. AlexNet's Conv1 under SCALE-Sim's ceil rule (224×224×3,
// 11×11 stride 4: 55 outputs a side) reads past column 223 in its last
// output column. Two groups of a padded conv read their own channels.
func TestOperandAddresses(t *testing.T) {
	conv1 := workloads.Layer{Kind: workloads.KindConv, Conv: workloads.Conv2D{Batch: 1, H: 224, W: 224, Cin: 3,
		Kh: 11, Kw: 11, Cout: 96, StrideH: 4, StrideW: 4, Groups: 1, Rule: workloads.CeilRule}}
	o, err := newOperands(conv1)
	require.NoError(t, err)
	require.Equal(t, int64(0), o.ifmap(0, 0, 0))
	k := int64((1*11+2)*3 + 1) // window row 1, column 2, channel 1
	require.Equal(t, int64((1*224+4+2)*3+1), o.ifmap(0, 1, k), "output (0, 1) starts at column 4")
	require.Equal(t, int64(-1), o.ifmap(0, 54, (0*11+10)*3), "column 54·4+10 = 226 is past the input")
	require.Equal(t, int64(5*363+7), o.filter(0, 7, 5), "filter 5, element 7")

	grouped := workloads.Layer{Kind: workloads.KindConv, Conv: workloads.Conv2D{Batch: 2, H: 4, W: 4, Cin: 4,
		Kh: 3, Kw: 3, Cout: 6, StrideH: 1, StrideW: 1, PadH: 1, PadW: 1, Groups: 2}}
	o, err = newOperands(grouped)
	require.NoError(t, err)
	require.Equal(t, int64(-1), o.ifmap(0, 0, 0), "top-left window corner is padding")
	centre := int64((1*3+1)*2 + 1) // window centre, channel 1 of the group
	require.Equal(t, int64(16*4+(0*4+0)*4+2+1), o.ifmap(1, 16, centre), "image 1, pixel (0,0), group 1's channel 1")
	require.Equal(t, int64((1*3+2)*18+4), o.filter(1, 4, 2), "group 1's filter 2, element 4")
}
