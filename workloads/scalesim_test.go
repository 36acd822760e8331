package workloads

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSCALESimShippedTopologies parses every topology shipped with
// SCALE-Sim v2 (and the project's two small GEMM files). The layer counts
// are the files' non-blank rows after the header, counted by eye.
func TestSCALESimShippedTopologies(t *testing.T) {
	cases := []struct {
		file   string
		format Format
		layers int
	}{
		{"GEMM_mnk__gpt2.csv", FormatSCALESimGEMM, 6},
		{"GEMM_mnk__test_mnk_input.csv", FormatSCALESimGEMM, 1},
		{"GEMM_mnk__transformer_partial.csv", FormatSCALESimGEMM, 6},
		{"conv_nets__Resnet18.csv", FormatSCALESimConv, 21},
		{"conv_nets__alexnet.csv", FormatSCALESimConv, 5},
		{"conv_nets__mobilenet.csv", FormatSCALESimConv, 27},
		{"conv_nets__test.csv", FormatSCALESimConv, 1},
		{"conv_nets__yolo_tiny.csv", FormatSCALESimConv, 9},
		{"mlperf__Resnet50.csv", FormatSCALESimConv, 54},
		{"own_tiny_mnk.csv", FormatSCALESimGEMM, 2},
		{"tiny_mnk.csv", FormatSCALESimGEMM, 2},
	}
	entries, err := os.ReadDir("testdata/scalesim")
	require.NoError(t, err)
	require.Len(t, entries, len(cases), "every file in testdata/scalesim is tested")
	for _, c := range cases {
		net, err := LoadFile(filepath.Join("testdata/scalesim", c.file), c.format)
		require.NoError(t, err, c.file)
		require.Len(t, net.Layers, c.layers, c.file)
		require.NoError(t, net.Validate(), c.file)
		require.Equal(t, c.file[:len(c.file)-len(".csv")], net.Name)
	}
}

// TestSCALESimAlexNet checks P, K, N of SCALE-Sim's alexnet.csv by hand:
// E = ⌈(H − F + S)/S⌉, P = E², K = F²·C, N = Num Filter.
func TestSCALESimAlexNet(t *testing.T) {
	net, err := LoadFile("testdata/scalesim/conv_nets__alexnet.csv", FormatAuto)
	require.NoError(t, err)
	want := []struct {
		name string
		g    GEMM
	}{
		{"Conv1", GEMM{P: 55 * 55, K: 11 * 11 * 3, N: 96, Count: 1}},  // ⌈(224−11+4)/4⌉ = ⌈54.25⌉ = 55
		{"Conv2", GEMM{P: 23 * 23, K: 5 * 5 * 96, N: 256, Count: 1}},  // 27−5+1 = 23, no padding
		{"Conv3", GEMM{P: 11 * 11, K: 3 * 3 * 256, N: 384, Count: 1}}, // 13−3+1 = 11
		{"Conv4", GEMM{P: 11 * 11, K: 3 * 3 * 384, N: 384, Count: 1}}, //
		{"Conv5", GEMM{P: 11 * 11, K: 3 * 3 * 384, N: 256, Count: 1}}, //
	}
	require.Len(t, net.Layers, len(want))
	for i, w := range want {
		require.Equal(t, w.name, net.Layers[i].Name)
		require.Equal(t, KindConv, net.Layers[i].Kind)
		require.Equal(t, w.g, net.Layers[i].GEMM(), w.name)
	}
	require.Equal(t, 3025, net.Layers[0].GEMM().P)
	require.Equal(t, 529, net.Layers[1].GEMM().P)
}

// TestSCALESimResNet50 checks the mlperf ResNet-50 (a blank second line,
// the ceil rule on an unpadded 7×7 stride-2 stem: ⌈(224−7+2)/2⌉ = 110).
func TestSCALESimResNet50(t *testing.T) {
	net, err := LoadFile("testdata/scalesim/mlperf__Resnet50.csv", FormatSCALESimConv)
	require.NoError(t, err)
	require.Len(t, net.Layers, 54)
	require.Equal(t, GEMM{P: 110 * 110, K: 7 * 7 * 3, N: 64, Count: 1}, net.Layers[0].GEMM())
	last := net.Layers[53]
	require.Equal(t, "FC6", last.Name)
	require.Equal(t, GEMM{P: 1, K: 2048, N: 1000, Count: 1}, last.GEMM())
}

// TestSCALESimGEMM checks the column order name, M, N, K.
func TestSCALESimGEMM(t *testing.T) {
	net, err := LoadFile("testdata/scalesim/GEMM_mnk__gpt2.csv", FormatSCALESimGEMM)
	require.NoError(t, err)
	require.Equal(t, Layer{Name: "QKTV", Kind: KindFC, MatMul: MatMul{M: 1024, K: 1024, N: 64, Count: 1}}, net.Layers[1])
	net, err = LoadFile("testdata/scalesim/GEMM_mnk__test_mnk_input.csv", FormatSCALESimGEMM)
	require.NoError(t, err)
	require.Equal(t, GEMM{P: 128, K: 256, N: 64, Count: 1}, net.Layers[0].GEMM())
	// Columns after K are ignored unread, as SCALE-Sim does.
	net, err = ParseSCALESimGEMM("g.csv", []byte("Layer,M,N,K,\ng, 4, 5, 6, note,\n"))
	require.NoError(t, err)
	require.Equal(t, MatMul{M: 4, K: 6, N: 5, Count: 1}, net.Layers[0].MatMul)
}

// TestSCALESimRules covers SCALE-Sim's parsing rules on small inputs.
func TestSCALESimRules(t *testing.T) {
	const header = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,"
	conv := func(body string) Network {
		t.Helper()
		net, err := ParseSCALESimConv("t.csv", []byte(header+"\n"+body))
		require.NoError(t, err)
		return net
	}

	// "DP" in the name: one layer per channel, Num Filter kept as written.
	net := conv("myDPconv, 7, 7, 3, 3, 4, 2, 1,\n")
	require.Len(t, net.Layers, 4)
	for i, l := range net.Layers {
		require.Equal(t, "myDPconvChannel_"+string(rune('0'+i)), l.Name)
		require.Equal(t, GEMM{P: 5 * 5, K: 9, N: 2, Count: 1}, l.GEMM())
	}
	// The check is case-sensitive, as Python's `in`.
	require.Len(t, conv("dpconv, 7, 7, 3, 3, 4, 1, 1,\n").Layers, 1)

	// A ninth column is the stride width: ⌈(10−3+2)/2⌉ = 5, ⌈(12−3+3)/3⌉ = 4.
	l := conv("c, 10, 12, 3, 3, 1, 1, 2, 3,\n").Layers[0]
	require.Equal(t, 2, l.Conv.StrideH)
	require.Equal(t, 3, l.Conv.StrideW)
	require.Equal(t, GEMM{P: 5 * 4, K: 9, N: 1, Count: 1}, l.GEMM())
	// One stride serves both directions; extra integer columns are ignored.
	l = conv("c, 10, 12, 3, 3, 1, 1, 2, 2, 77, 99999999999999999999,\n").Layers[0]
	require.Equal(t, GEMM{P: 5 * 6, K: 9, N: 1, Count: 1}, l.GEMM())

	// CRLF, a lone CR, blank and white-space lines, no final line end.
	net = conv("a,5,5,1,1,1,1,1,\r\n\r\n   \rb,5,5,1,1,1,1,1,\r c,5,5,1,1,1,1,1,  ")
	require.Len(t, net.Layers, 3)
	require.Equal(t, []string{"a", "b", "c"}, []string{net.Layers[0].Name, net.Layers[1].Name, net.Layers[2].Name})

	// The first line is skipped whatever it holds; Python int() spellings.
	net, err := ParseSCALESimConv("t.csv", []byte("x,1,1,1,1,1,1,1,\nc, +1_0, 10, 3, 3, 1, 1, 1,\n"))
	require.NoError(t, err)
	require.Len(t, net.Layers, 1)
	require.Equal(t, 10, net.Layers[0].Conv.H)
	for _, bad := range []string{"1__0", "_10", "10_", "3.0", "0x10", "+-3", "1 0", "٣"} {
		_, err := ParseSCALESimConv("t.csv", []byte("h\nc, "+bad+", 10, 3, 3, 1, 1, 1,\n"))
		require.ErrorContains(t, err, "t.csv:2:4 (IFMAP Height): ", bad)
	}
}

// TestSCALESimErrors checks that malformed inputs give one-line errors
// naming the file, line, column and field. Columns are counted by hand.
func TestSCALESimErrors(t *testing.T) {
	cases := []struct {
		name string
		gemm bool
		data string
		want string
	}{
		{"not an integer", false, "h\nc1, 5, x, 3, 3, 1, 1, 1,\n",
			`t.csv:2:8 (IFMAP Width): "x" is not an integer`},
		{"empty field", false, "h\nc1,5,5,,3,1,1,1,\n",
			`t.csv:2:8 (Filter Height): the field is empty; expected an integer`},
		{"missing trailing comma", false, "h\nc1,5,5,3,3,1,1,1\n",
			`t.csv:2:16 (Strides): the row does not end with a comma: SCALE-Sim drops the field after the last comma, so "1" would be lost; end the row with a comma`},
		{"missing trailing comma, stride width", false, "h\nc1,5,5,3,3,1,1,1, 2\n",
			`t.csv:2:19 (Stride Width): the row does not end with a comma: SCALE-Sim drops the field after the last comma, so "2" would be lost; end the row with a comma`},
		{"too few fields", false, "h\nok,5,5,3,3,1,1,1,\nc1,5,5,3,3,1,1,\n",
			`t.csv:3:16 (Strides): missing: the row has 7 fields before its trailing comma, a row needs 8 (Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides)`},
		{"GEMM row read as conv", false, "h\ng,4,4,4,\n",
			`t.csv:2:9 (Filter Width): missing: the row has 4 fields before its trailing comma, a row needs 8 (Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides); if this is a GEMM topology (name, M, N, K), read it in the GEMM format (SCALE-Sim's -i gemm)`},
		{"filter larger than ifmap", false, "h\nc1,5,5,7,3,1,1,1,\n",
			`t.csv:2:8 (Filter Height): 7 is larger than the input height 5`},
		{"filter wider than ifmap", false, "h\nc1,5,4,3,5,1,1,1,\n",
			`t.csv:2:10 (Filter Width): 5 is larger than the input width 4`},
		{"zero dimension", false, "h\nc1,5,5,3,3,0,1,1,\n",
			`t.csv:2:12 (Channels): must be positive, got 0`},
		{"negative stride", false, "h\nc1,5,5,3,3,1,1,-1,\n",
			`t.csv:2:16 (Strides): must be positive, got -1`},
		{"zero stride width", false, "h\nc1,5,5,3,3,1,1,1,0,\n",
			`t.csv:2:18 (Stride Width): must be positive, got 0`},
		{"non-integer extra column", false, "h\nc1,5,5,3,3,1,1,1,1,x,\n",
			`t.csv:2:20 (extra column 10): "x" is not an integer`},
		{"too large", false, "h\nc1,5,5,3,3,1,1,99999999999999999999,\n",
			`t.csv:2:16 (Strides): 99999999999999999999 is too large (at most 2147483647)`},
		{"far below zero", false, "h\nc1,5,5,3,3,1,1,-99999999999999999999,\n",
			`t.csv:2:16 (Strides): must be positive, got -99999999999999999999`},
		{"above MaxDim", false, "h\nc1,5,5,3,3,1,4294967296,1,\n",
			`t.csv:2:14 (Num Filter): must be at most 2147483647, got 4294967296`},
		{"MAC count overflow", false, "h\nbig,2147483647,2147483647,1,1,2147483647,2147483647,1,\n",
			`t.csv:2:1 (Layer name): operand or MAC count exceeds 9223372036854775807`},
		{"DP without channels", false, "h\nDP1,5,5,3,3,0,1,1,\n",
			`t.csv:2:13 (Channels): must be positive, got 0`},
		{"DP with too many channels", false, "h\nDP1,5,5,3,3,70000,1,1,\n",
			`t.csv:2:13 (Channels): a DP row expands to one layer per channel: at most 65536, got 70000`},
		{"empty file", false, "",
			`t.csv:1:1 (header): the file is empty; expected a header line and layer rows`},
		{"header only", false, "h\n\n   \n",
			`t.csv:3:1: no layer rows after the header line`},
		{"invalid UTF-8", false, "h\nc\xff,5,5,3,3,1,1,1,\n",
			`t.csv:2:1: the line is not valid UTF-8`},
		{"GEMM too few fields", true, "Layer,M,N,K,\ng, 4, 4,\n",
			`t.csv:2:9 (K): missing: the row has 3 fields before its trailing comma, a row needs 4 (Layer, M, N, K)`},
		{"GEMM zero", true, "Layer,M,N,K,\ng, 4, 0, 4,\n",
			`t.csv:2:7 (N): must be positive, got 0`},
		{"GEMM missing trailing comma", true, "Layer,M,N,K,\ng, 4, 4, 4\n",
			`t.csv:2:10 (K): the row does not end with a comma: SCALE-Sim drops the field after the last comma, so "4" would be lost; end the row with a comma`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parse := ParseSCALESimConv
			if c.gemm {
				parse = ParseSCALESimGEMM
			}
			_, err := parse("t.csv", []byte(c.data))
			require.EqualError(t, err, c.want)
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
		})
	}
}

// FuzzParseSCALESimCSV asserts that no input panics, and that a parsed
// network is valid. `go test` runs the seeds; fuzz with
// go test -fuzz FuzzParseSCALESimCSV ./workloads/.
func FuzzParseSCALESimCSV(f *testing.F) {
	entries, err := os.ReadDir("testdata/scalesim")
	require.NoError(f, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("testdata/scalesim", e.Name()))
		require.NoError(f, err)
		f.Add(data, false)
		f.Add(data, true)
	}
	f.Add([]byte("h\nDP,3,3,1,1,5,1,1,\n"), false)
	f.Add([]byte("h\r\nc,9,9,3,3,1,1,2,3,4,\r"), false)
	f.Fuzz(func(t *testing.T, data []byte, gemm bool) {
		parse := ParseSCALESimConv
		if gemm {
			parse = ParseSCALESimGEMM
		}
		net, err := parse("fuzz.csv", data)
		if err != nil {
			var pe *ParseError
			require.True(t, errors.As(err, &pe), "%v", err)
			return
		}
		require.NoError(t, net.Validate())
	})
}

// TestConvTopologyReadAsGEMM: a conv topology given to the GEMM reader is
// refused by its header, not read as M, N, K from its first columns.
func TestConvTopologyReadAsGEMM(t *testing.T) {
	_, err := ParseSCALESimGEMM("c.csv", []byte("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nc, 7, 7, 3, 3, 192, 384, 1,\n"))
	require.ErrorContains(t, err, "c.csv:1:1 (header): the header names a conv topology's columns")
}
