package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestProbedInputsAreRefused replays issue 14's probe: each non-finite,
// extreme or damaged input is refused before anything is simulated, with
// status 2 and one line naming the parameter (or file and field).
func TestProbedInputsAreRefused(t *testing.T) {
	dir := t.TempDir()
	topo := "testdata/scalesim/conv_nets__test.csv" // one layer Inc5b_3x3: P=49, K=1728, N=384
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	bigTech := write("big.yaml", "shifter:\n  energy_per_mux_bit_pj: 1e308\n")
	npy13 := filepath.Join(dir, "npy13")
	write("npy13/Inc5b_3x3.acts.npy", "\x93NUMPY\x01\x00\x05\x00{'d")
	write("npy13/Inc5b_3x3.weights.npy", "\x93NUMPY\x01\x00\x05\x00{'d")
	npyHuge := filepath.Join(dir, "npyhuge")
	hdr := "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }"
	write("npyhuge/Inc5b_3x3.acts.npy", "\x93NUMPY\x01\x00"+string([]byte{byte(len(hdr) + 1), 0})+hdr+"\n"+strings.Repeat("\x00", 64))
	npyPartial := filepath.Join(dir, "npypartial")
	require.NoError(t, os.MkdirAll(npyPartial, 0o755))
	bigLayer := write("big.csv", "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"+
		"huge, 4096, 4096, 3, 3, 8192, 8192, 1,\n")
	bigGEMM := write("big_gemm.csv", "Layer, M, N, K,\ng, 1048576, 2048, 2048,\n") // 2^42 MACs in 2^22 folds on 1×1
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"clock NaN", []string{"--clock-mhz", "NaN"}, `invalid argument "NaN" for "--clock-mhz" flag: "NaN" is not a finite number`},
		{"clock tiny", []string{"--clock-mhz", "1e-300"}, "clock_mhz: 1e-300: must be from 1 to 10000 MHz"},
		{"clock huge", []string{"--clock-mhz", "1e300"}, "clock_mhz: 1e+300: must be from 1 to 10000 MHz"},
		{"DRAM clock Inf", []string{"--dram-set", "ClockMHz=Inf"}, `DRAM parameter ClockMHz (MHz) = "Inf": not a finite number`},
		{"DRAM clock tiny", []string{"--dram-set", "ClockMHz=1e-300"}, "parameter ClockMHz = 1e-300 MHz: must be at least 1 MHz"},
		{"bandwidth 1e-300", []string{"--dram", "bandwidth", "--dram-bw-gbps", "1e-300"}, "dram_bw_gbps: 1e-300: must be from 0.001 to 100000 GB/s (or unset)"},
		{"DMA request int64 max", []string{"--dma-request-bytes", "9223372036854775807"}, "dma_request_bytes: 9223372036854775807: must be from 1 to 1048576 bytes"},
		{"rows int32 max", []string{"--rows", "2147483647"}, "rows: 2147483647: must be from 1 to 4096 PEs"},
		{"tRCD int64 max", []string{"--dram-set", "tRCD=9223372036854775807"}, "parameter tRCD = 9223372036854775807 cycles: must be at most 65536"},
		{"tRCD int64 max, akita", []string{"--dram", "akita", "--dram-set", "tRCD=9223372036854775807"}, "parameter tRCD = 9223372036854775807 cycles: must be at most"},
		{"channels 2^30", []string{"--dram-set", "Channels=1073741824"}, "parameter Channels = 1073741824 count: must be at most 64"},
		{"ifmap int64 max", []string{"--ifmap-kib", "9223372036854775807"}, "ifmap_kib: 9223372036854775807: must be from 1 to 1048576 KiB"},
		{"tech constant 1e308", []string{"--tech", bigTech}, `big.yaml:2: key "shifter.energy_per_mux_bit_pj": bad value "1e308": want a finite number from 0 to 1e+06`},
		{"13-byte npy", []string{"--numerics", "--numerics-npy", npy13}, "Inc5b_3x3.acts.npy: not a valid .npy file (header of 5 bytes in a file of 13)"},
		{"npy claims 100000×100000", []string{"--numerics", "--numerics-npy", npyHuge}, "shape (100000, 100000) needs 80000000000 data bytes, the file holds 64"},
		{"partial npy directory", []string{"--numerics", "--numerics-npy", npyPartial}, `layer "Inc5b_3x3": numerics: npy file: open`},
		{"layer beyond MACs limit", []string{"--topology", bigLayer}, "more than the limit of 2^44 = 17592186044416 per layer"},
		{"run beyond the cycles limit", []string{"--rows", "1", "--cols", "1", "--topology", bigGEMM, "--gemm"}, "more than the limit of 2^40 = 1099511627776 cycles per run"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"run", "--quiet", "--topology", topo}, c.args...)
			status, out, stderr := runCLI(t, args...)
			require.Equal(t, exitUsage, status, stderr)
			require.Empty(t, out)
			require.Contains(t, stderr, c.want)
			require.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
		})
	}
}
