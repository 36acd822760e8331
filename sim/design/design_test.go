package design

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/require"
)

// Every parameter's text reads back to the same point (Get ∘ Set is the
// identity on canonical text), for the default point and a point with every
// optional parameter set.
func TestParamTextRoundTrips(t *testing.T) {
	p := Default()
	full := Default()
	for key, text := range map[string]string{
		"dram": "bandwidth", "dram_bw_gbps": "6.4", "dram_latency_ns": "50",
		"dram_overrides": "EnergyPJPerBit=12", "pe": "shift:a8w4,acc=24", "tiling": "whole",
	} {
		pr, ok := ParamByKey(key)
		require.True(t, ok, key)
		require.NoError(t, pr.Set(&full, text))
	}
	for _, pt := range []Point{p, full} {
		for _, pr := range Params() {
			text := pr.Get(pt)
			var q Point = Default()
			require.NoError(t, pr.Set(&q, text), pr.Key)
			require.Equal(t, text, pr.Get(q), pr.Key)
		}
	}
}

// A dumped design file loads back to a point with the same fingerprint.
func TestDumpLoadsBack(t *testing.T) {
	p := Default()
	p.DRAM.Model, p.DRAM.Preset = "fast", "HBM2"
	p.DRAM.Overrides = map[string]string{"tRCD": "16", "Channels": "4"}
	p.PE.Kind, p.PE.WBits = 1, 4 // shift:a8w4
	r := MustResolve(p)
	var buf bytes.Buffer
	require.NoError(t, Dump(&buf, r))
	back, err := Decode("dump.yaml", buf.Bytes(), Point{})
	require.NoError(t, err, buf.String())
	require.Equal(t, r.Fingerprint(), MustResolve(back).Fingerprint(), buf.String())
	require.Contains(t, buf.String(), "4 channel(s), peak 128 GB/s")
}

// Two spellings of one design have one fingerprint; any change of a
// parameter that decides the results changes it.
func TestFingerprint(t *testing.T) {
	base := MustResolve(Default()).Fingerprint()
	same := Default()
	require.NoError(t, mustParam(t, "dram_overrides").Set(&same, "trcd=22")) // the preset's own value
	require.NoError(t, mustParam(t, "pe").Set(&same, "MULT:a8w8,acc=32"))
	require.Equal(t, base, MustResolve(same).Fingerprint())
	for key, text := range map[string]string{
		"rows": "16", "dataflow": "os", "clock_mhz": "800", "pe": "mult:a8w4", "corner": "high",
		"dram_overrides": "tRCD=24", "dram_preset": "LPDDR4-4266", "word_bits": "32", "tiling": "whole",
	} {
		q := Default()
		require.NoError(t, mustParam(t, key).Set(&q, text))
		require.NotEqual(t, base, MustResolve(q).Fingerprint(), key)
	}
}

func mustParam(t *testing.T, key string) Param {
	pr, ok := ParamByKey(key)
	require.True(t, ok, key)
	return pr
}

func TestDecodeErrorsNameFileLineAndKey(t *testing.T) {
	cases := []struct{ text, want string }{
		{"rows: 64\nArrayHieght: 8\n", `d.yaml:2: unknown key "ArrayHieght"`},
		{"rows: 64\nrows: 8\n", `d.yaml:2: key "rows" given twice (first on line 1)`},
		{"rows: x\n", `d.yaml:1: key rows: "x" is not an integer`},
		{"clock_mhz: .nan\n", "is not a finite number"},
		{"dataflow: rs\n", `unknown dataflow "rs"`},
		{"dram_overrides: {tRCD: [1]}\n", "want a single value"},
		{"dram_overrides: {tRCX: 4}\n", `did you mean "tRCD"`},
		{"pe: mult:a8q8\n", "d.yaml:1: key pe"},
		{"- rows\n", "want a mapping of design parameters"},
		{"rows: [1, 2]\n", "want a single value"},
	}
	for _, tc := range cases {
		_, err := Decode("d.yaml", []byte(tc.text), Default())
		require.ErrorContains(t, err, tc.want, tc.text)
	}
}

func TestTechPathIsRelativeToTheDesignFile(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "t.yaml"), []byte("register:\n  energy_per_bit_write_pj: 0.02\n"), 0o644))
	path := filepath.Join(dir, "d.yaml")
	require.NoError(t, os.WriteFile(path, []byte("tech: t.yaml\n"), 0o644))
	p, err := Load(path, Default())
	require.NoError(t, err)
	r, err := p.Resolve()
	require.NoError(t, err)
	require.Equal(t, 0.02, r.Tech().Register.EnergyPerBitWritePJ)
}

func TestFlagsApplyInOrderOnTopOfABase(t *testing.T) {
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	f := RegisterFlags(fs, Default())
	require.NoError(t, fs.Parse([]string{"--rows", "16", "--dram-set", "tRCD=24", "--dram-set", "tRP=30", "--rows", "8"}))
	p := Default()
	p.DRAM.Overrides = map[string]string{"Channels": "2"}
	require.NoError(t, f.Apply(&p))
	require.Equal(t, 8, p.Array.Rows)
	require.Equal(t, "Channels=2;tRCD=24;tRP=30", FormatOverrides(p.DRAM.Overrides))
	require.True(t, f.Given("rows"))
	require.False(t, f.Given("cols"))

	for _, bad := range [][]string{{"--rows", "x"}, {"--dram-set", "tRCD"}, {"--dataflow", "rs"}, {"--clock-mhz", "NaN"}} {
		fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
		RegisterFlags(fs, Default())
		require.Error(t, fs.Parse(bad), "%v", bad)
	}
}

// The DRAM energy per bit comes from the preset, scaled by the corner:
// DDR4 low 2784/512 (its IDD read burst), nominal 20, high 40 (Horowitz);
// with EnergyPJPerBit 10 the high corner is 10·40/20 = 20.
func TestDRAMEnergyFromThePreset(t *testing.T) {
	for corner, want := range map[string]float64{"low": 2784.0 / 512, "nominal": 20, "high": 40} {
		p := Default()
		require.NoError(t, mustParam(t, "corner").Set(&p, corner))
		require.InDelta(t, want, MustResolve(p).DRAMPJPerBit(), 1e-12)
	}
	p := Default()
	require.NoError(t, mustParam(t, "dram_overrides").Set(&p, "EnergyPJPerBit=10"))
	require.NoError(t, mustParam(t, "corner").Set(&p, "high"))
	require.InDelta(t, 20, MustResolve(p).DRAMPJPerBit(), 1e-12)
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("rows: 64\ncols: 8\ndram_overrides: {tRCD: 24}\npe: shift:a8w4\n"))
	f.Add([]byte("pe: {kind: mult, operands: a8w8}\n"))
	f.Add([]byte("dram_latency_ns: 1e9\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode("fuzz.yaml", data, Default())
		if err != nil {
			return
		}
		if r, err := p.Resolve(); err == nil {
			var buf bytes.Buffer
			require.NoError(t, Dump(&buf, r))
			back, err := Decode("dump.yaml", buf.Bytes(), Point{})
			require.NoError(t, err, buf.String())
			require.Equal(t, r.Fingerprint(), MustResolve(back).Fingerprint())
		}
	})
}

// A Resolver gives every point what Point.Resolve gives it (table,
// fingerprint), whether its table was built for an earlier point or not,
// reads an override file once, and gives a table's error to every point
// that needs the table.
func TestResolverSharesTablesWithoutChangingThem(t *testing.T) {
	dir := t.TempDir()
	techFile := filepath.Join(dir, "t.yaml")
	require.NoError(t, os.WriteFile(techFile, []byte("register:\n  energy_per_bit_write_pj: 0.02\n"), 0o644))
	var points []Point
	for _, set := range [][2]string{{"rows", "16"}, {"corner", "high"}, {"node_nm", "28"}, {"tech", techFile},
		{"cost_source", "horowitz"}, {"corner", "low"}, {"rows", "8"}} {
		q := Default()
		require.NoError(t, mustParam(t, set[0]).Set(&q, set[1]))
		points = append(points, q)
	}
	var r Resolver
	for round := 0; round < 2; round++ { // the second finds every table built
		for _, q := range points {
			want, err := q.Resolve()
			require.NoError(t, err)
			got, err := r.Resolve(q)
			require.NoError(t, err)
			require.Equal(t, want.Tech(), got.Tech(), "%+v", q)
			require.Equal(t, want.Fingerprint(), got.Fingerprint(), "%+v", q)
		}
	}
	require.NoError(t, os.WriteFile(techFile, []byte("register:\n  energy_per_bit_write_pj: 0.5\n"), 0o644))
	got, err := r.Resolve(points[3])
	require.NoError(t, err)
	require.Equal(t, 0.02, got.Tech().Register.EnergyPerBitWritePJ, "the override file is read once")
	bad := Default()
	bad.TechFile = filepath.Join(dir, "missing.yaml")
	for range 2 {
		_, err = r.Resolve(bad)
		require.ErrorContains(t, err, "missing.yaml")
	}
}
