package onnx

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/logsim/logsim/workloads/onnx/onnxpb"
)

// TestOpsModel imports testdata/ops.onnx (every operator, batch norm kept
// as BatchNormalization by the exporter) and checks its layers.
func TestOpsModel(t *testing.T) {
	m, err := Load("testdata/ops.onnx")
	require.NoError(t, err)
	require.True(t, m.HasWeights)
	var names []string
	for _, l := range m.Network.Layers {
		names = append(names, string(l.Kind)+":"+l.Name)
	}
	require.Equal(t, []string{"conv:conv1", "conv:conv2", "conv:dw", "add:Add", "pool:pool", "conv:conv3",
		"pool:avg", "pool:gap", "fc:fc"}, names)
	conv2, ok := m.NodeByLayer("conv2")
	require.True(t, ok)
	require.Equal(t, 2, conv2.Conv.DilationH)
	require.Equal(t, 2, conv2.Conv.Groups)
	require.Equal(t, []int{8, 10, 10}, conv2.OutShape)
}

// load parses testdata/ops.onnx as a message to edit.
func opsProto(t *testing.T) *onnxpb.ModelProto {
	data, err := os.ReadFile("testdata/ops.onnx")
	require.NoError(t, err)
	var mp onnxpb.ModelProto
	require.NoError(t, proto.Unmarshal(data, &mp))
	return &mp
}

func parseProto(t *testing.T, mp *onnxpb.ModelProto) error {
	data, err := proto.Marshal(mp)
	require.NoError(t, err)
	_, err = Parse("bad.onnx", data)
	return err
}

// TestMalformed checks that broken and unsupported files are one-line
// errors naming the file and, for a node, the node and its operator.
func TestMalformed(t *testing.T) {
	cases := []struct {
		name string
		edit func(mp *onnxpb.ModelProto)
		want string
	}{
		{"unsupported operator", func(mp *onnxpb.ModelProto) { mp.Graph.Node[2].OpType = proto.String("Softmax") },
			`node "/Relu" (Softmax): unsupported operator Softmax`},
		{"other domain", func(mp *onnxpb.ModelProto) { mp.Graph.Node[2].Domain = proto.String("com.microsoft") },
			`node "/Relu" (Relu): operator Relu of domain "com.microsoft" is not supported`},
		{"asymmetric pads", func(mp *onnxpb.ModelProto) { setInts(mp.Graph.Node[0], "pads", 1, 1, 0, 0) },
			`node "/conv1/Conv" (Conv): attribute pads [1 1 0 0]: asymmetric padding`},
		{"missing weight", func(mp *onnxpb.ModelProto) { mp.Graph.Node[0].Input[1] = "nowhere" },
			`node "/conv1/Conv" (Conv): input "nowhere" must be a constant`},
		{"out of order", func(mp *onnxpb.ModelProto) { mp.Graph.Node[0], mp.Graph.Node[2] = mp.Graph.Node[2], mp.Graph.Node[0] },
			`(the graph must be in topological order)`},
		{"no nodes", func(mp *onnxpb.ModelProto) { mp.Graph.Node = nil }, "the graph has no nodes"},
		{"opset", func(mp *onnxpb.ModelProto) { mp.OpsetImport[0].Version = proto.Int64(99) }, "opset 99"},
		{"short raw data", func(mp *onnxpb.ModelProto) { mp.Graph.Initializer[0].RawData = []byte{1, 2, 3} },
			"3 bytes of raw data"},
		{"group mismatch", func(mp *onnxpb.ModelProto) { setInt(mp.Graph.Node[3], "group", 4) },
			`node "/conv2/Conv" (Conv): weights [8 4 3 3] with 4 groups want 16 input channels`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mp := opsProto(t)
			c.edit(mp)
			err := parseProto(t, mp)
			require.Error(t, err)
			require.Contains(t, err.Error(), c.want)
			require.True(t, strings.HasPrefix(err.Error(), "ONNX file bad.onnx: "), err.Error())
			require.NotContains(t, err.Error(), "\n")
		})
	}
	_, err := Parse("junk.onnx", []byte("not a protobuf at all"))
	require.ErrorContains(t, err, "ONNX file junk.onnx: not a valid ONNX model")
}

func attr(n *onnxpb.NodeProto, name string) *onnxpb.AttributeProto {
	for _, a := range n.Attribute {
		if a.GetName() == name {
			return a
		}
	}
	a := &onnxpb.AttributeProto{Name: proto.String(name)}
	n.Attribute = append(n.Attribute, a)
	return a
}

func setInts(n *onnxpb.NodeProto, name string, v ...int64) { attr(n, name).Ints = v }
func setInt(n *onnxpb.NodeProto, name string, v int64)     { attr(n, name).I = proto.Int64(v) }

// FuzzParse feeds the importer arbitrary bytes and mutations of real
// files: it must return a model or an error, never panic.
func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/ops.onnx", "testdata/zoo/alexnet.onnx", "../../examples/mnist/mnist_cnn.onnx"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse("fuzz.onnx", data)
		if err == nil {
			require.NoError(t, m.Network.Validate())
		}
	})
}
