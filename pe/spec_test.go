package pe

import (
	"os"
	"testing"

	"github.com/logsim/logsim/pe/quant"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in        string
		want      Spec
		canonical string
	}{
		{"mult:a8w8", Spec{Kind: Mult, ABits: 8, WBits: 8}, "mult:a8w8"},
		{"shift:a8w4", Spec{Kind: Shift, ABits: 8, WBits: 4}, "shift:a8w4"},
		{"logboth:a4w4", Spec{Kind: LogBoth, ABits: 4, WBits: 4}, "logboth:a4w4"},
		{"mult:fp16", Spec{Kind: Mult, FP16: true, ABits: 16, WBits: 16, ASigned: true}, "mult:fp16"},
		{"mult:as8w8", Spec{Kind: Mult, ABits: 8, WBits: 8, ASigned: true}, "mult:as8w8"},
		{"shift:a8w4,signed=true", Spec{Kind: Shift, ABits: 8, WBits: 4, ASigned: true}, "shift:as8w4"},
		{"shift:a8w4,acc=32,fsr=auto", Spec{Kind: Shift, ABits: 8, WBits: 4, AccBits: 32}, "shift:a8w4"},
		{
			"shift:a8w4,acc=24,fsr=3,round=lin,base=sqrt2,ovf=wrap,frac=10",
			Spec{Kind: Shift, ABits: 8, WBits: 4, AccBits: 24, Frac: OptInt{true, 10}, FSRA: OptInt{true, 3},
				FSRW: OptInt{true, 3}, Round: quant.LinRound, Base: quant.BaseSqrt2, Ovf: Wrap},
			"shift:a8w4,acc=24,frac=10,fsr=3,round=lin,base=sqrt2,ovf=wrap",
		},
		{"logboth:as5w4,fsra=-2,fsrw=1", Spec{Kind: LogBoth, ABits: 5, WBits: 4, ASigned: true,
			FSRA: OptInt{true, -2}, FSRW: OptInt{true, 1}}, "logboth:as5w4,fsra=-2,fsrw=1"},
		{" MULT:A16W4 ", Spec{Kind: Mult, ABits: 16, WBits: 4}, "mult:a16w4"},
		// mult at the log specs' widths (2..16 bits, both operands).
		{"mult:a8w2", Spec{Kind: Mult, ABits: 8, WBits: 2}, "mult:a8w2"},
		{"mult:a8w3", Spec{Kind: Mult, ABits: 8, WBits: 3}, "mult:a8w3"},
		{"mult:a3w3", Spec{Kind: Mult, ABits: 3, WBits: 3}, "mult:a3w3"},
		{"mult:a2w2", Spec{Kind: Mult, ABits: 2, WBits: 2}, "mult:a2w2"},
		{"mult:as2w2", Spec{Kind: Mult, ABits: 2, WBits: 2, ASigned: true}, "mult:as2w2"},
		{"mult:as3w4", Spec{Kind: Mult, ABits: 3, WBits: 4, ASigned: true}, "mult:as3w4"},
		{"mult:a2w16,acc=8", Spec{Kind: Mult, ABits: 2, WBits: 16, AccBits: 8}, "mult:a2w16,acc=8"},
		{"mult:a16w2,signed=true", Spec{Kind: Mult, ABits: 16, WBits: 2, ASigned: true}, "mult:as16w2"},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		require.NoError(t, err, c.in)
		require.Equal(t, c.want, got, c.in)
		require.Equal(t, c.canonical, got.String(), c.in)
		back, err := Parse(got.String())
		require.NoError(t, err)
		require.Equal(t, got.String(), back.String(), "round trip")
	}
}

func TestParseErrors(t *testing.T) {
	cases := map[string]string{
		"mult":                        "want <kind>:<operands>",
		"div:a8w8":                    "field kind",
		"mult:b8w8":                   "field operands",
		"mult:a8x8":                   "field operands",
		"mult:a1w8":                   "field operands: activation bits 1: want 2..16 for mult",
		"mult:a8w1":                   "field operands: weight bits 1: want 2..16 for mult",
		"mult:a17w8":                  "field operands: activation bits 17: want 2..16 for mult",
		"mult:a8w17":                  "field operands: weight bits 17: want 2..16 for mult",
		"mult:as1w4":                  "field operands: activation bits 1: want 2..16 for mult",
		"mult:a0w0":                   "field operands: activation bits 0",
		"shift:a8w9":                  "field operands: weight bits 9: want 2..8",
		"shift:fp16":                  "fp16 is only for mult",
		"shift:a8w4,acc=3":            "field acc",
		"shift:a8w4,acc=x":            "field acc",
		"shift:a8w4,fsr=big":          "field fsr",
		"shift:a8w4,round=up":         "field round",
		"shift:a8w4,base=3":           "field base",
		"shift:a8w4,ovf=clip":         "field ovf",
		"shift:a8w4,signed=maybe":     "field signed",
		"shift:a8w4,speed=9":          `field "speed": unknown`,
		"shift:a8w4,acc":              "want key=value",
		"mult:a8w8,base=sqrt2":        "field base: applies to log codes only",
		"mult:fp16,acc=16":            "mult:fp16 takes no fields",
		"logboth:a4w4,frac=100000000": "field frac",
	}
	for in, want := range cases {
		_, err := Parse(in)
		require.ErrorContains(t, err, want, in)
		require.ErrorContains(t, err, in, "the error quotes the spec")
	}
}

// TestMultControlForEveryLogSpec: every shift and logboth width pair
// (either activation signedness) has a mult spec at the same widths that
// validates and reads back from its String.
func TestMultControlForEveryLogSpec(t *testing.T) {
	var n int
	for _, kind := range []Kind{Shift, LogBoth} {
		aHi := 16
		if kind == LogBoth {
			aHi = 8
		}
		for ab := 2; ab <= aHi; ab++ {
			for wb := 2; wb <= 8; wb++ {
				for _, signed := range []bool{false, true} {
					logSpec := Spec{Kind: kind, ABits: ab, WBits: wb, ASigned: signed}
					require.NoError(t, logSpec.Validate(), logSpec.String())
					ctrl := logSpec
					ctrl.Kind = Mult
					back, err := Parse(ctrl.String())
					require.NoError(t, err, "control of %s", logSpec)
					require.Equal(t, ctrl, back, "control of %s", logSpec)
					n++
				}
			}
		}
	}
	require.Equal(t, 2*(15*7+7*7), n)
}

func TestSpecYAML(t *testing.T) {
	var cfg struct {
		PE Spec `yaml:"pe"`
	}
	require.NoError(t, yaml.Unmarshal([]byte("pe: shift:a8w3,acc=24\n"), &cfg))
	require.Equal(t, "shift:a8w3,acc=24", cfg.PE.String())

	data, err := os.ReadFile("testdata/pe_mapping.yaml")
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(data, &cfg))
	require.Equal(t, "shift:as8w4,acc=24,fsrw=2,round=lin,base=sqrt2,ovf=wrap", cfg.PE.String())

	out, err := yaml.Marshal(cfg)
	require.NoError(t, err)
	var again struct {
		PE Spec `yaml:"pe"`
	}
	require.NoError(t, yaml.Unmarshal(out, &again))
	require.Equal(t, cfg.PE, again.PE)

	data, err = os.ReadFile("testdata/pe_badkey.yaml")
	require.NoError(t, err)
	err = yaml.Unmarshal(data, &cfg)
	require.ErrorContains(t, err, `line 4: PE spec key "acumulator": unknown key`)
	err = yaml.Unmarshal([]byte("pe: shift:a8w4,acc=2\n"), &cfg)
	require.ErrorContains(t, err, "line 1: PE spec")
	require.ErrorContains(t, err, "field acc")
}
