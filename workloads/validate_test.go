package workloads

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestValidate checks that Layer.Validate and Network.Validate name the
// network, the layer and the field.
func TestValidate(t *testing.T) {
	good := Conv2D{Batch: 1, H: 8, W: 8, Cin: 4, Kh: 3, Kw: 3, Cout: 8,
		StrideH: 1, StrideW: 1, PadH: 1, PadW: 1, Groups: 1}
	conv := func(edit func(c *Conv2D)) Layer {
		c := good
		edit(&c)
		return Layer{Name: "c", Kind: KindConv, Conv: c}
	}
	cases := []struct {
		name  string
		layer Layer
		field string
		want  string
	}{
		{"zero filter", conv(func(c *Conv2D) { c.Kh = 0 }), "Kh",
			`network "n": layer "c": Kh must be positive, got 0`},
		{"negative batch", conv(func(c *Conv2D) { c.Batch = -2 }), "batch",
			`network "n": layer "c": batch must be positive, got -2`},
		{"zero stride", conv(func(c *Conv2D) { c.StrideW = 0 }), "stride_w",
			`network "n": layer "c": stride_w must be positive, got 0`},
		{"negative padding", conv(func(c *Conv2D) { c.PadW = -1 }), "pad_w",
			`network "n": layer "c": pad_w must not be negative, got -1`},
		{"huge input", conv(func(c *Conv2D) { c.H = MaxDim + 1 }), "H",
			`network "n": layer "c": H must be at most 2147483647, got 2147483648`},
		// 4 + 2·1 = 6 < 8.
		{"filter larger than padded input", conv(func(c *Conv2D) { c.H, c.Kh = 4, 8 }), "Kh",
			`network "n": layer "c": Kh 8 is larger than the padded input height 6 (4 + 2·1)`},
		{"filter wider than input", conv(func(c *Conv2D) { c.PadW, c.Kw = 0, 9 }), "Kw",
			`network "n": layer "c": Kw 9 is larger than the input width 8`},
		{"Cin not divisible by groups", conv(func(c *Conv2D) { c.Cin, c.Groups = 6, 4 }), "Cin",
			`network "n": layer "c": Cin 6 is not divisible by groups 4`},
		{"Cout not divisible by groups", conv(func(c *Conv2D) { c.Cout, c.Groups = 6, 4 }), "Cout",
			`network "n": layer "c": Cout 6 is not divisible by groups 4`},
		{"padding under the ceil rule", conv(func(c *Conv2D) { c.Rule = CeilRule }), "padding",
			`network "n": layer "c": padding must be 0 under SCALE-Sim's output rule (its input is already padded), got 1×1`},
		// 2^31−1 per dimension: the MAC count B·Ho·Wo·Kh·Kw·Cin·Cout is about 2^93.
		{"MAC count overflow", conv(func(c *Conv2D) { c.H, c.W, c.Cin, c.Cout = MaxDim, MaxDim, MaxDim, 1 }), "shape",
			`network "n": layer "c": shape operand or MAC count exceeds 9223372036854775807`},
		{"matmul count", Layer{Name: "m", Kind: KindMatMul, MatMul: MatMul{M: 1, K: 1, N: 1}}, "count",
			`network "n": layer "m": count must be positive, got 0`},
		{"fc N", Layer{Name: "f", Kind: KindFC, MatMul: MatMul{M: 1, K: 1, N: -3, Count: 1}}, "N",
			`network "n": layer "f": N must be positive, got -3`},
		{"unknown kind", Layer{Name: "x", Kind: "lstm"}, "kind",
			`network "n": layer "x": kind "lstm" is not a known kind`},
		{"negative elements", Layer{Name: "p", Kind: KindPool, Elements: -1}, "elements",
			`network "n": layer "p": elements must not be negative, got -1`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ok := Layer{Name: "fc", Kind: KindFC, MatMul: MatMul{M: 1, K: 2, N: 3, Count: 1}}
			err := Network{Name: "n", Layers: []Layer{ok, c.layer}}.Validate()
			require.EqualError(t, err, c.want)
			var fe *FieldError
			require.True(t, errors.As(err, &fe))
			require.Equal(t, c.field, fe.Field)
		})
	}
	require.NoError(t, Layer{Name: "c", Kind: KindConv, Conv: good}.Validate())
	err := Network{Name: "n", Layers: []Layer{{Name: "p", Kind: KindPool}}}.Validate()
	require.EqualError(t, err, `network "n": no layer runs on the array`)
}

func TestLoadFile(t *testing.T) {
	for s, want := range map[string]Format{"auto": FormatAuto, "scalesim-conv": FormatSCALESimConv,
		"scalesim-gemm": FormatSCALESimGEMM, "yaml": FormatYAML, "YAML": FormatYAML} {
		f, err := ParseFormat(s)
		require.NoError(t, err)
		require.Equal(t, want, f, s)
	}
	require.Equal(t, "scalesim-gemm", FormatSCALESimGEMM.String())
	_, err := ParseFormat("scalesim")
	require.EqualError(t, err, `unknown network file format "scalesim"; did you mean "scalesim-conv"? (known: auto, scalesim-conv, scalesim-gemm, yaml)`)

	_, err = LoadFile("net.txt", FormatAuto)
	require.EqualError(t, err, "net.txt: cannot tell the format from the extension: use .csv (SCALE-Sim conv topology), .yaml or .yml (logsim YAML), or name the format")
	_, err = LoadFile(filepath.Join(t.TempDir(), "missing.csv"), FormatAuto)
	require.ErrorIs(t, err, os.ErrNotExist)

	// .yml and an upper-case extension select YAML; the GEMM format must be named.
	dir := t.TempDir()
	yml := filepath.Join(dir, "n.YML")
	require.NoError(t, os.WriteFile(yml, []byte("layers: [{name: f, type: fc, m: 1, k: 2, n: 3}]\n"), 0o644))
	net, err := LoadFile(yml, FormatAuto)
	require.NoError(t, err)
	require.Equal(t, "n", net.Name)
	gemm := filepath.Join(dir, "g.csv")
	require.NoError(t, os.WriteFile(gemm, []byte("Layer,M,N,K,\ng,2,3,4,\n"), 0o644))
	net, err = LoadFile(gemm, FormatSCALESimGEMM)
	require.NoError(t, err)
	require.Equal(t, MatMul{M: 2, K: 4, N: 3, Count: 1}, net.Layers[0].MatMul)
	_, err = LoadFile(gemm, FormatAuto)
	require.ErrorContains(t, err, "read it in the GEMM format")
}
