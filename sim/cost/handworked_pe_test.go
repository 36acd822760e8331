package cost_test

import (
	"testing"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/memory"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/tech"
	"github.com/stretchr/testify/require"
)

// TestHandWorkedLayer is issue 5 item 7: one FC layer, M = P = 2, K = 2,
// N = 2, on a 2×2 array, WS, pipelined timing, 45 nm nominal, 32-bit
// accumulators, 8-bit activations.
//
// Mapping (design.md §4, WS): rows take K = 2, columns N = 2, P = 2 rows
// stream through: 1 fold, 8 MACs, each of the 4 PEs does 2 MACs and loads its
// weight once. 4 outputs leave the array (4 encoder conversions); K fits one
// fold, so no partial sums cross the edge adder.
//
// mult:a8w8:
//
//	multiplier  3.28e-3·8^1.977 = 0.200116 pJ      8.28·8^2.135 = 701.661 µm²
//	accumulator 32·3.4e-3 = 0.1088 pJ              8.67·32 + 2.9 = 280.34 µm²
//	registers   (8 + 32) b written per MAC: 40·0.0104 = 0.416 pJ
//	            PE bits 8 + 32 + 8 + 8 (shadow) = 56: 420 µm²
//	per MAC     0.724916 pJ; per PE per fold 2·8 b = 16·0.0104 = 0.1664 pJ
//	PE area     1402.001 µm²
//	array       8·0.724916 + 4·0.1664 = 6.464931 pJ; 4·1402.001 = 5608.005 µm²
//
// shift:a8w4 (7 weight exponents, S = 3 stages, 8 + 6 = 14 output bits):
//
//	shifter     14·3·1.0 fJ = 0.042 pJ              42·1.97 = 82.74 µm²
//	sign        14 XOR·0.65 fJ = 0.0091 pJ          14·2.0 = 28 µm²
//	accumulator 0.1088 pJ                           280.34 µm²
//	registers   40 b per MAC: 0.416 pJ; PE bits 8 + 32 + 4 + 4 = 48: 360 µm²
//	per MAC     0.5759 pJ; per PE per fold 8 b = 0.0832 pJ
//	PE area     751.08 µm²
//	array       8·0.5759 + 4·0.0832 = 4.94 pJ; 4·751.08 = 3004.32 µm²
//
// Edge, both PEs (linear requantizer, 32-bit input, 8-bit output code):
// shifter 32·5 mux bits 0.160 pJ / 315.2 µm², output register 8 b 0.0832 pJ
// / 60 µm², adder 32 b 0.1088 pJ / 280.34 µm², 40 gates 0.026 pJ / 80 µm²:
// 0.378 pJ per conversion, 735.54 µm² per column; 4 conversions 1.512 pJ.
//
// Memory (64 KiB buffers, one bank, 64-bit words; CACTI 64 KB × 64 b: read
// 25.87 pJ, write 19.65 pJ): the 4 input codes, the 4 weights and the 4
// output codes each pack into one 64-bit word (8 codes of 8 bits, 16 of
// 4 bits), so: DRAM → ifmap and filter, 1 word write each; array reads 1
// word from each; ofmap 1 word write, then 1 word read back to DRAM:
// 3·19.65 + 3·25.87 = 136.56 pJ. DRAM (DDR4, 20 pJ/bit): 3 tensors of 8 bytes
// (one 64-bit word each) = 192 bits = 3840 pJ.
func TestHandWorkedPELayer(t *testing.T) {
	tb := handTable(t)
	cases := []struct {
		spec                 string
		perMAC, fold, peArea float64
		arrayPJ, arrayUM2    float64
	}{
		{"mult:a8w8", 0.724916, 0.1664, 1402.001, 6.464931, 5608.005},
		{"shift:a8w4", 0.5759, 0.0832, 751.08, 4.94, 3004.32},
	}
	const macs, pes, folds, outputs = 8, 4, 1, 4
	for _, c := range cases {
		s, err := pe.Parse(c.spec)
		require.NoError(t, err)
		pc, err := cost.PEOf(s, tb, dataflow.WS, dataflow.Pipelined)
		require.NoError(t, err)
		require.InDelta(t, c.perMAC, pc.PerMAC.TotalPJ(), 1e-6, c.spec)
		require.InDelta(t, c.fold, pc.FoldPJPerPE, 1e-12, c.spec)
		require.InDelta(t, c.peArea, pc.Area.TotalUM2(), 1e-3, c.spec)
		require.InDelta(t, c.arrayPJ, macs*pc.PerMAC.TotalPJ()+pes*folds*pc.FoldPJPerPE, 1e-6, c.spec)
		require.InDelta(t, c.arrayUM2, pes*pc.Area.TotalUM2(), 1e-3, c.spec)
		require.InDelta(t, 0.378, pc.Edge.EncoderPJ, 1e-12, c.spec)
		require.InDelta(t, 1.512, outputs*pc.Edge.EncoderPJ, 1e-12, c.spec)
		require.InDelta(t, 735.54, pc.Edge.EncoderUM2, 1e-9, c.spec)

		words := memory.WordsFor(4, s.ABits, 64) + memory.WordsFor(4, s.WBits, 64)
		require.Equal(t, int64(2), words)
		buf := cost.SRAM{CapacityKiB: 64, WordBits: 64, Banks: 1}
		rd, err := buf.ReadPJ(tb)
		require.NoError(t, err)
		wr, err := buf.WritePJ(tb)
		require.NoError(t, err)
		require.InDelta(t, 136.56, 3*wr+3*rd, 1e-9)
		dram := ddr4PJPerBit(t, tech.Nominal)
		bytes := memory.BytesPacked(4, s.ABits) + memory.BytesPacked(4, s.WBits) + memory.BytesPacked(4, s.ABits)
		require.Equal(t, int64(24), bytes)
		require.InDelta(t, 3840.0, float64(bytes*8)*dram, 1e-9)
	}
}
