package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRTLCommand writes a PE and an array: every module file and the top,
// whose name and parameters follow the spec.
func TestRTLCommand(t *testing.T) {
	dir := t.TempDir()
	status, _, stderr := runCLI(t, "rtl", "--pe", "shift:a8w4,acc=16", "--frac", "3", "--out", dir)
	require.Equal(t, exitOK, status, stderr)
	top := readFile(t, filepath.Join(dir, "pe_shift_a8w4_acc_16.v"))
	require.Contains(t, top, ".KIND(1), .ABITS(8), .WBITS(4), .ASIGNED(0), .ACC(16), .FRAC(3)")
	for _, m := range []string{"logsim_pe.v", "logsim_mac.v", "logsim_shift_product.v"} {
		_, err := os.Stat(filepath.Join(dir, m))
		require.NoError(t, err, m)
	}
	status, _, stderr = runCLI(t, "rtl", "--pe", "logboth:a4w4", "--array", "2x3", "--dataflow", "is", "--out", dir)
	require.Equal(t, exitOK, status, stderr)
	require.Contains(t, readFile(t, filepath.Join(dir, "array_is_2x3_logboth_a4w4.v")), ".DATAFLOW(2), .R(2), .C(3)")
}

// TestRTLAndSynthBadInput: a bad spec, array or CSV is one line, exit 2.
func TestRTLAndSynthBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("spec,area_total_um2\nmult:a8w8,lots\n"), 0o644))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"rtl", "--pe", "shift:a8w9", "--out", dir}, "weight bits 9"},
		{[]string{"rtl", "--pe", "mult:fp16", "--out", dir}, "no RTL for floating point"},
		{[]string{"rtl", "--pe", "mult:a8w8", "--array", "4by4", "--out", dir}, "--array: want RxC"},
		{[]string{"rtl", "--pe", "mult:a8w8", "--array", "5000x4", "--out", dir}, "rows: 5000: must be from 1 to 4096"},
		{[]string{"rtl", "--pe", "mult:a8w8", "--array", "4x4", "--dataflow", "rs", "--out", dir}, "--dataflow"},
		{[]string{"rtl", "--pe", "mult:a8w8"}, `required flag(s) "out" not set`},
		{[]string{"synth", "--pe", "shift:a2w9", "--out", filepath.Join(dir, "x.csv")}, "weight bits 9"},
		{[]string{"synth", "check", bad}, bad + ` line 2, area_total_um2: want a non-negative number, got "lots"`},
		{[]string{"synth", "check", filepath.Join(dir, "none.csv")}, "no such file"},
	} {
		status, _, stderr := runCLI(t, c.args...)
		require.Equal(t, exitUsage, status, "%v: %s", c.args, stderr)
		require.Contains(t, stderr, c.want)
		require.Equal(t, 1, strings.Count(strings.TrimSpace(stderr), "\n")+1, "one line: %s", stderr)
	}
}
