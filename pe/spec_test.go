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
		"mult:a2w8":                   "field operands: activation bits 2: want 4..16",
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
