package workloads

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestYAMLExample parses testdata/example_network.yaml and checks its
// layers against values worked out by hand from the file.
func TestYAMLExample(t *testing.T) {
	net, err := LoadFile("testdata/example_network.yaml", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, "tiny-example", net.Name)
	require.Equal(t, "hand-written example of every field (not a published network)", net.Source)
	want := []struct {
		name     string
		kind     Kind
		gemm     GEMM
		elements int64
	}{
		// batch 2: 32×32 kept by padding 1 → P = 2·32·32, K = 3·3·3.
		{"conv1", KindConv, GEMM{P: 2048, K: 27, N: 16, Count: 1}, 0},
		{"bn1", KindNorm, GEMM{}, 2 * 16384},
		{"pool1", KindPool, GEMM{}, 2 * 4096},
		// batch 1: Ho = (16+2−3)/2+1 = 8, Wo = (16−1)/1+1 = 16; K = 3·1·16.
		{"conv2", KindConv, GEMM{P: 128, K: 48, N: 32, Count: 1}, 0},
		// depthwise: 8×16 kept, one 9×1 GEMM per channel.
		{"conv3_dw", KindConv, GEMM{P: 2 * 8 * 16, K: 9, N: 1, Count: 32}, 0},
		{"conv3_add", KindAdd, GEMM{}, 2 * 4096},
		// fc: the batch stacks rows, M = 2·1.
		{"fc", KindFC, GEMM{P: 2, K: 4096, N: 10, Count: 1}, 0},
		// matmul: the batch replicates the products, Count = 2·4.
		{"scores", KindMatMul, GEMM{P: 64, K: 32, N: 64, Count: 8}, 0},
		{"softmax", KindSoftmax, GEMM{}, 2 * 16384},
	}
	require.Len(t, net.Layers, len(want))
	for i, w := range want {
		l := net.Layers[i]
		require.Equal(t, w.name, l.Name)
		require.Equal(t, w.kind, l.Kind, w.name)
		require.Equal(t, w.gemm, l.GEMM(), w.name)
		require.Equal(t, w.elements, l.Elements, w.name)
	}
	conv2 := net.Layers[3].Conv
	require.Equal(t, Conv2D{Batch: 1, H: 16, W: 16, Cin: 16, Kh: 3, Kw: 1, Cout: 32,
		StrideH: 2, StrideW: 1, PadH: 1, PadW: 0, Groups: 1, Rule: FloorRule}, conv2)
}

// TestYAMLDefaults: name from the file, batch 1, stride 1, padding 0,
// groups 1, count 1, and YAML anchors.
func TestYAMLDefaults(t *testing.T) {
	net, err := ParseYAML("dir/my.net.yml", []byte(`
layers:
  - {name: c, type: conv, input: [8, 8, 4], filter: 3, cout: 2}
  - {name: f, type: fc, m: 3, k: &k 5, n: *k}
`))
	require.NoError(t, err)
	require.Equal(t, "my.net", net.Name)
	require.Equal(t, Conv2D{Batch: 1, H: 8, W: 8, Cin: 4, Kh: 3, Kw: 3, Cout: 2,
		StrideH: 1, StrideW: 1, Groups: 1}, net.Layers[0].Conv)
	require.Equal(t, MatMul{M: 3, K: 5, N: 5, Count: 1}, net.Layers[1].MatMul)
}

// TestYAMLErrors checks that each bad input names the line, column and
// field. Positions are counted by hand: a layer's fields start in column 5.
func TestYAMLErrors(t *testing.T) {
	const conv = "  - name: c\n    type: conv\n    input: [8, 8, 4]\n    filter: 3\n    cout: 2\n"
	cases := []struct {
		name, data, want string
	}{
		{"unknown top-level field", "name: t\nlayer: []\n",
			`t.yaml:2:1 (layer): unknown field "layer"; did you mean "layers"? (known: batch, layers, name, source)`},
		{"unknown layer field", "layers:\n" + conv + "    strid: 2\n",
			`t.yaml:7:5 (strid): unknown field "strid"; did you mean "stride"? (known: batch, cin, cout, filter, groups, h, input, kh, kw, name, padding, stride, type, w)`},
		{"field of another type", "layers:\n" + conv + "    count: 2\n",
			`t.yaml:7:5 (count): field "count" does not apply to a conv layer (its fields: name, type, batch, input, h, w, cin, filter, kh, kw, cout, stride, padding, groups)`},
		{"missing cout", "layers:\n  - name: c\n    type: conv\n    input: [8, 8, 4]\n    filter: 3\n",
			`t.yaml:2:5 (cout): missing required field: cout: output channels`},
		{"missing input", "layers:\n  - name: c\n    type: conv\n    filter: 3\n    cout: 2\n",
			`t.yaml:2:5 (input): missing required field: input: [H, W, Cin] or h, w, cin`},
		{"missing one of the parts", "layers:\n  - name: c\n    type: conv\n    h: 8\n    w: 8\n    filter: 3\n    cout: 2\n",
			`t.yaml:2:5 (cin): missing required field`},
		{"input and parts", "layers:\n" + conv + "    h: 8\n",
			`t.yaml:7:5 (h): give either input or h, w, cin, not both`},
		{"not an integer", "layers:\n  - name: c\n    type: conv\n    input: [8, 8, 4]\n    filter: 3\n    cout: abc\n",
			`t.yaml:6:11 (cout): expected an integer, got "abc"`},
		{"float stride", "layers:\n" + conv + "    stride: 1.5\n",
			`t.yaml:7:13 (stride): expected an integer, got "1.5"`},
		{"short input list", "layers:\n  - name: c\n    type: conv\n    input: [8, 8]\n    filter: 3\n    cout: 2\n",
			`t.yaml:4:12 (input): expected a list [H, W, Cin], got a list`},
		{"negative padding", "layers:\n" + conv + "    padding: [1, -1]\n",
			`t.yaml:7:18 (padding): must be at least 0, got -1`},
		{"zero groups", "layers:\n" + conv + "    groups: 0\n",
			`t.yaml:7:13 (groups): must be at least 1, got 0`},
		{"too large", "layers:\n" + conv + "    batch: 99999999999999999999999\n",
			`t.yaml:7:12 (batch): 99999999999999999999999 is too large (at most 2147483647)`},
		{"above MaxDim", "layers:\n" + conv + "    batch: 0x80000000\n",
			`t.yaml:7:12 (batch): 0x80000000 is too large (at most 2147483647)`},
		{"too small", "layers:\n" + conv + "    batch: -99999999999999999999999\n",
			`t.yaml:7:12 (batch): must be at least 1, got -99999999999999999999999`},
		{"unknown type", "layers:\n  - name: c\n    type: convolution\n",
			`t.yaml:3:11 (type): unknown layer type "convolution"; did you mean "conv"? (known: add, conv, fc, matmul, norm, pool, softmax)`},
		{"missing type", "layers:\n  - name: c\n    m: 1\n",
			`t.yaml:2:5 (type): missing required field: the layer type (conv, fc, matmul, pool, add, softmax, norm)`},
		{"missing name", "layers:\n  - type: fc\n    m: 1\n",
			`t.yaml:2:5 (name): missing required field: the layer's name`},
		{"empty name", "layers:\n  - name:\n    type: fc\n",
			`t.yaml:2:10 (name): expected a non-empty string, got nothing`},
		{"duplicate layer name", "layers:\n" + conv + conv,
			`t.yaml:7:5 (name): layer name "c" is already used by the layer at line 2`},
		{"repeated field", "layers:\n" + conv + "    cout: 3\n",
			`t.yaml:7:5 (cout): field repeated (first given at line 6)`},
		{"filter larger than padded input", "layers:\n  - name: c\n    type: conv\n    input: [8, 4, 4]\n    filter: [3, 7]\n    cout: 2\n    padding: 1\n",
			`t.yaml:5:17 (Kw): layer "c": 7 is larger than the padded input width 6 (4 + 2·1)`},
		{"channels not divisible by groups", "layers:\n" + conv + "    groups: 3\n",
			`t.yaml:4:19 (Cin): layer "c": 4 is not divisible by groups 3`},
		{"fc without n", "layers:\n  - name: f\n    type: fc\n    m: 1\n    k: 2\n",
			`t.yaml:2:5 (n): missing required field`},
		{"no layer on the array", "layers:\n  - name: p\n    type: pool\n",
			`t.yaml:1:1 (layers): network "t": no layer runs on the array`},
		{"layers not a list", "layers: 3\n",
			`t.yaml:1:9 (layers): expected a non-empty list of layers`},
		{"layer not a mapping", "layers:\n  - conv1\n",
			`t.yaml:2:5: expected a layer as a mapping of fields, got "conv1"`},
		{"network batch zero", "batch: 0\nlayers:\n" + conv,
			`t.yaml:1:8 (batch): must be at least 1, got 0`},
		{"missing layers", "name: t\n",
			`t.yaml:1:1 (layers): missing required field: the list of layers`},
		{"syntax error", "layers:\n  - name: c\n   type: conv\n",
			`t.yaml:3: YAML syntax: did not find expected '-' indicator`},
		{"syntax error after a multi-line list", "layers:\n  - name: c\n    input: [8,\n      8, 4]\n    type: conv\n    cout: 2\n   filter: 3\n",
			`t.yaml:7: YAML syntax: did not find expected '-' indicator`},
		{"unclosed list", "layers:\n  - name: c\n    input: [8,\n    type: conv\n",
			`t.yaml:3: YAML syntax: did not find expected ',' or ']'`},
		{"empty file", "",
			`t.yaml:1:1: the file is empty; expected a network`},
		{"not a mapping", "- a\n- b\n",
			`t.yaml:1:1: expected the network as a mapping of fields, got a list`},
		{"two documents", "layers:\n" + conv + "---\nname: x\n",
			`t.yaml:7:1: a second YAML document; the file must hold one network`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseYAML("t.yaml", []byte(c.data))
			require.EqualError(t, err, c.want)
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
		})
	}
}

// TestYAMLSyntaxErrorLongFile: past maxSyntaxScanLines the line comes from
// yaml.v3, which lies at or before the fault, and the message says so.
func TestYAMLSyntaxErrorLongFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("layers:\n")
	for i := range maxSyntaxScanLines {
		fmt.Fprintf(&b, "  - {name: f%d, type: fc, m: 1, k: 1, n: 1}\n", i)
	}
	b.WriteString("   bad: indent\n") // line maxSyntaxScanLines + 2
	_, err := ParseYAML("t.yaml", []byte(b.String()))
	var pe *ParseError
	require.True(t, errors.As(err, &pe), "%v", err)
	require.GreaterOrEqual(t, pe.Line, 1)
	require.LessOrEqual(t, pe.Line, maxSyntaxScanLines+2)
	require.True(t, strings.HasSuffix(pe.Msg, "(at or after this line)"), pe.Msg)
}
