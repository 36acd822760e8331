package scalecfg

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/dataflow"
)

func TestParsesEveryShippedConfig(t *testing.T) {
	files, err := filepath.Glob("testdata/*.cfg")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		c, err := ParseFile(f)
		require.NoError(t, err, f)
		require.Positive(t, c.ArrayHeight, f)
	}
}

func TestReadsTheValuesSCALESimUses(t *testing.T) {
	c, err := ParseFile("testdata/shipped_v2_google.cfg")
	require.NoError(t, err)
	require.Equal(t, Config{
		File: "testdata/shipped_v2_google.cfg", RunName: "GoogleTPU_v1_ws",
		ArrayHeight: 256, ArrayWidth: 256,
		IfmapSRAMKiB: 6144, FilterSRAMKiB: 6144, OfmapSRAMKiB: 2048,
		Dataflow: dataflow.WS, Bandwidth: []float64{10}, InterfaceBW: ModeCALC,
		Ignored: []string{"IfmapOffset", "FilterOffset", "OfmapOffset", "Bandwidth", "MemoryBanks"},
	}, c)

	u, err := ParseFile("testdata/user_bw10_32x32_is.cfg")
	require.NoError(t, err)
	require.Equal(t, ModeUSER, u.InterfaceBW)
	require.Equal(t, dataflow.IS, u.Dataflow)
	require.Equal(t, []float64{10}, u.Bandwidth)

	v3, err := ParseFile("testdata/v3_scale_32x32_os.cfg") // extra v3 sections are ignored
	require.NoError(t, err)
	require.Equal(t, dataflow.OS, v3.Dataflow)
}

func TestBadConfigsNameLineAndKey(t *testing.T) {
	good, err := os.ReadFile("testdata/scale_32x32_ws.cfg")
	require.NoError(t, err)
	cases := []struct {
		name, from, to, want string
	}{
		{"non-integer", "ArrayHeight:    32", "ArrayHeight: 3x2", "bad.cfg:5: [architecture_presets] ArrayHeight must be a positive integer"},
		{"zero", "ArrayWidth:     32", "ArrayWidth: 0", "bad.cfg:6: [architecture_presets] ArrayWidth must be a positive integer"},
		{"missing", "IfmapSramSzkB:   64\n", "", "[architecture_presets] IfmapSramSzkB is missing"},
		{"dataflow", "Dataflow : ws", "Dataflow : rs", "bad.cfg:14: [architecture_presets] Dataflow: unknown dataflow \"rs\""},
		{"mode", "InterfaceBandwidth: CALC", "InterfaceBandwidth: FAST", "InterfaceBandwidth must be CALC or USER"},
		{"garbage", "[general]", "[general]\nthis is not a key", "bad.cfg:2: expected \"key: value\""},
	}
	for _, tc := range cases {
		text := strings.Replace(string(good), tc.from, tc.to, 1)
		require.NotEqual(t, string(good), text, tc.name)
		_, err := Parse(strings.NewReader(text), "bad.cfg")
		require.ErrorContains(t, err, tc.want, tc.name)
	}
}

// SCALE-Sim v3 configs run while what v3 adds is off; each switch turned
// on is rejected by name, with its line.
func TestV3FeaturesAreRejectedOnlyWhenOn(t *testing.T) {
	good, err := os.ReadFile("testdata/v3_scale_32x32_ws.cfg")
	require.NoError(t, err)
	_, err = Parse(strings.NewReader(string(good)), "v3.cfg")
	require.NoError(t, err)
	cases := []struct{ from, to, want string }{
		{"IfmapCustomLayout: False", "IfmapCustomLayout: True", "v3.cfg:20: [layout] IfmapCustomLayout is on: SCALE-Sim v3's custom SRAM layouts"},
		{"FilterCustomLayout: False", "FilterCustomLayout: yes", "v3.cfg:24: [layout] FilterCustomLayout is on"},
		{"SparsitySupport : false", "SparsitySupport : TRUE", "v3.cfg:30: [sparsity] SparsitySupport is on: SCALE-Sim v3's sparse operands"},
		{"UseRamulatorTrace: False", "UseRamulatorTrace: on", "v3.cfg:38: [run_presets] UseRamulatorTrace is on: SCALE-Sim v3's Ramulator DRAM traces"},
		{"UseRamulatorTrace: False", "UseRamulatorTrace: maybe", "v3.cfg:38: [run_presets] UseRamulatorTrace must be True or False, got \"maybe\""},
	}
	for _, tc := range cases {
		text := strings.Replace(string(good), tc.from, tc.to, 1)
		require.NotEqual(t, string(good), text, tc.to)
		_, err := Parse(strings.NewReader(text), "v3.cfg")
		require.ErrorContains(t, err, tc.want, tc.to)
	}
	// Off in any of getboolean's spellings, or absent (a v2 config), is fine.
	off := strings.NewReplacer("IfmapCustomLayout: False", "IfmapCustomLayout: 0", "SparsitySupport : false", "SparsitySupport : No",
		"UseRamulatorTrace: False", "UseRamulatorTrace: OFF").Replace(string(good))
	_, err = Parse(strings.NewReader(off), "v3.cfg")
	require.NoError(t, err)
}

// TestKeysAreStrict: an unknown or duplicated key or section is an error
// naming file and line, with a suggestion; SCALE-Sim's own keys that logsim
// does not use are accepted and listed in Ignored.
func TestKeysAreStrict(t *testing.T) {
	base := "[general]\nrun_name = r\n[architecture_presets]\nArrayHeight: 4\nArrayWidth: 4\nIfmapSramSzkB: 8\nFilterSramSzkB: 8\nOfmapSramSzkB: 8\nDataflow: os\n"
	for _, c := range []struct{ name, extra, want string }{
		{"misspelt key", "ArrayHieght: 4\n", `cfg:10: [architecture_presets] unknown key "ArrayHieght" (did you mean "ArrayHeight"?)`},
		{"duplicate key", "arrayheight: 8\n", `cfg:10: [architecture_presets] key "arrayheight" given twice (first on line 4)`},
		{"unknown section", "[run_preset]\nInterfaceBandwidth: CALC\n", `cfg:11: unknown section [run_preset] (did you mean "run_presets"?)`},
		{"duplicate section", "[general]\n", "cfg:10: section [general] given twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(base+c.extra), "x.cfg")
			require.ErrorContains(t, err, c.want)
		})
	}
	cfg, err := Parse(strings.NewReader(base+"MemoryBanks: 4\nReadRequestBuffer: 32\n[run_presets]\nUseRamulatorTrace: False\n"), "x.cfg")
	require.NoError(t, err)
	require.Equal(t, []string{"MemoryBanks", "ReadRequestBuffer"}, cfg.Ignored)
}
