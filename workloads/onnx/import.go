package onnx

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"google.golang.org/protobuf/proto"

	"github.com/logsim/logsim/workloads"
	"github.com/logsim/logsim/workloads/onnx/onnxpb"
)

const workloadsMaxDim = workloads.MaxDim

// Opset versions of the default domain the importer reads.
const (
	minOpset = 7
	maxOpset = 22
)

// Load reads and imports an ONNX model file (see the package doc).
func Load(path string) (Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Model{}, fmt.Errorf("reading ONNX file: %w", err)
	}
	return Parse(path, data)
}

// Parse imports an ONNX model from its bytes; file names it in errors and
// names the network (its base name without the extension). Every error is
// one line naming the file and, where there is one, the node and its
// operator.
func Parse(file string, data []byte) (Model, error) {
	var mp onnxpb.ModelProto
	if err := proto.Unmarshal(data, &mp); err != nil {
		return Model{}, fmt.Errorf("ONNX file %s: not a valid ONNX model: %v", file, err)
	}
	m, err := importModel(file, &mp)
	if err != nil {
		return Model{}, fmt.Errorf("ONNX file %s: %w", file, err)
	}
	return m, nil
}

func importModel(file string, mp *onnxpb.ModelProto) (Model, error) {
	if err := checkOpset(mp); err != nil {
		return Model{}, err
	}
	g := mp.GetGraph()
	if len(g.GetNode()) == 0 {
		return Model{}, fmt.Errorf("the graph has no nodes")
	}
	im := newImporter()
	if err := im.readGraphInputs(g); err != nil {
		return Model{}, err
	}
	for _, n := range g.GetNode() {
		for _, in := range n.GetInput() {
			im.users[in]++
		}
	}
	for i, n := range g.GetNode() {
		if err := im.node(i, n); err != nil {
			return Model{}, fmt.Errorf("node %q (%s): %w", nodeName(n, i), n.GetOpType(), err)
		}
	}
	return im.finish(file, g)
}

// checkOpset accepts models of the default ONNX domain at opsets minOpset
// to maxOpset.
func checkOpset(mp *onnxpb.ModelProto) error {
	for _, o := range mp.GetOpsetImport() {
		if d := o.GetDomain(); d != "" && d != "ai.onnx" {
			continue // other domains matter only if a node uses them
		}
		if v := o.GetVersion(); v < minOpset || v > maxOpset {
			return fmt.Errorf("opset %d: logsim reads opsets %d to %d", v, minOpset, maxOpset)
		}
	}
	return nil
}

func nodeName(n *onnxpb.NodeProto, i int) string {
	if n.GetName() != "" {
		return n.GetName()
	}
	return fmt.Sprintf("%s_%d", n.GetOpType(), i)
}

// importer is the state of one import: the constants and activation
// tensors seen so far, and the model being built.
type importer struct {
	consts map[string]constant
	shapes map[string][]int  // activation tensors: per-image shape
	alias  map[string]string // tensor → the activation it is (Identity, Dropout, zero Pad)
	users  map[string]int    // nodes reading each tensor
	names  map[string]bool   // layer names taken
	layers []workloads.Layer // the network, in node order
	model  Model
	batch  int
}

func newImporter() *importer {
	return &importer{consts: map[string]constant{}, shapes: map[string][]int{}, alias: map[string]string{},
		users: map[string]int{}, names: map[string]bool{}, model: Model{HasWeights: true}}
}

// readGraphInputs reads the initializers (weights and constants) and the
// graph inputs: the first input that is not an initializer is the image
// [N, C, H, W]; any other is a weight whose shape alone is given.
func (im *importer) readGraphInputs(g *onnxpb.GraphProto) error {
	for _, t := range g.GetInitializer() {
		c, err := decodeTensor(t)
		if err != nil {
			return fmt.Errorf("initializer: %w", err)
		}
		im.consts[t.GetName()] = c
	}
	for _, in := range g.GetInput() {
		name := in.GetName()
		if _, ok := im.consts[name]; ok {
			continue
		}
		shape := valueInfoShape(in)
		read := im.shapeOnlyWeight
		if im.model.Input == "" {
			read = im.readImage
		}
		if err := read(name, shape); err != nil {
			return err
		}
	}
	if im.model.Input == "" {
		return fmt.Errorf("the graph has no input that is not an initializer: no image input")
	}
	return nil
}

// readImage reads the image input: [N, C, H, W] with C, H, W known; a
// symbolic batch is 1.
func (im *importer) readImage(name string, shape []int) error {
	if len(shape) != 4 || shape[1] < 1 || shape[2] < 1 || shape[3] < 1 {
		return fmt.Errorf("input %q: shape %v: want an image [N, C, H, W] with C, H and W known", name, shape)
	}
	im.batch = max(shape[0], 1)
	im.model.Input, im.model.InputShape = name, shape[1:]
	im.shapes[name] = shape[1:]
	return nil
}

func (im *importer) shapeOnlyWeight(name string, shape []int) error {
	for _, d := range shape {
		if d < 0 {
			return fmt.Errorf("input %q: shape %v: a weight's dimensions must be known", name, shape)
		}
	}
	im.consts[name] = constant{Dims: shape}
	im.model.HasWeights = false
	return nil
}

// finish resolves the graph output and builds the network.
func (im *importer) finish(file string, g *onnxpb.GraphProto) (Model, error) {
	if len(g.GetOutput()) == 0 {
		return Model{}, fmt.Errorf("the graph has no output")
	}
	out := g.GetOutput()[0].GetName()
	name, ok := im.activation(out)
	if !ok {
		return Model{}, fmt.Errorf("output %q is not computed from the image", out)
	}
	im.model.Output = name
	for _, nd := range im.model.ArrayNodes() {
		if nd.Weights == nil || nd.Bias == nil {
			im.model.HasWeights = false
		}
	}
	base := filepath.Base(file)
	im.model.Network = workloads.Network{
		Name: strings.TrimSuffix(base, filepath.Ext(base)), Source: "ONNX file " + file,
		Batch: im.batch, Layers: im.layers,
	}
	if err := im.model.Network.Validate(); err != nil {
		return Model{}, err
	}
	return im.model, nil
}

// activation resolves a tensor name to the activation tensor it is.
func (im *importer) activation(name string) (string, bool) {
	if a, ok := im.alias[name]; ok {
		name = a
	}
	_, ok := im.shapes[name]
	return name, ok
}

// input returns the node's i-th input as an activation and its shape.
func (im *importer) input(n *onnxpb.NodeProto, i int) (string, []int, error) {
	if i >= len(n.GetInput()) || n.GetInput()[i] == "" {
		return "", nil, fmt.Errorf("input %d is missing", i)
	}
	name, ok := im.activation(n.GetInput()[i])
	if !ok {
		if _, c := im.consts[n.GetInput()[i]]; c {
			return "", nil, fmt.Errorf("input %q is a constant: logsim imports operators on activations computed from the image", n.GetInput()[i])
		}
		return "", nil, fmt.Errorf("input %q is not computed before the node (the graph must be in topological order)", n.GetInput()[i])
	}
	return name, im.shapes[name], nil
}

// constInput returns the node's i-th input as a constant; optional inputs
// that are absent give ok = false.
func (im *importer) constInput(n *onnxpb.NodeProto, i int, optional bool) (constant, bool, error) {
	if i >= len(n.GetInput()) || n.GetInput()[i] == "" {
		if optional {
			return constant{}, false, nil
		}
		return constant{}, false, fmt.Errorf("input %d is missing", i)
	}
	c, ok := im.consts[n.GetInput()[i]]
	if !ok {
		return constant{}, false, fmt.Errorf("input %q must be a constant (an initializer or a Constant node)", n.GetInput()[i])
	}
	return c, true, nil
}

// output names the node's single output (extra outputs must be unused).
func (im *importer) output(n *onnxpb.NodeProto) (string, error) {
	outs := n.GetOutput()
	if len(outs) == 0 || outs[0] == "" {
		return "", fmt.Errorf("the node has no output")
	}
	for _, o := range outs[1:] {
		if o != "" && im.users[o] > 0 {
			return "", fmt.Errorf("output %q is used: logsim reads only the first output", o)
		}
	}
	if _, dup := im.shapes[outs[0]]; dup {
		return "", fmt.Errorf("output %q is written twice", outs[0])
	}
	return outs[0], nil
}

// layerName names a layer: its weight's name without ".weight" (PyTorch's
// module name, e.g. "conv1"), else the node name without a leading "/"
// and a trailing "/<op>", else the op and index; made unique with "_2", …
func (im *importer) layerName(n *onnxpb.NodeProto, weight string, index int) string {
	base := ""
	if w, ok := strings.CutSuffix(weight, ".weight"); ok && w != "" {
		base = w
	} else if name := strings.TrimPrefix(n.GetName(), "/"); name != "" {
		base = strings.TrimSuffix(name, "/"+n.GetOpType())
	}
	if base == "" {
		base = fmt.Sprintf("%s_%d", strings.ToLower(n.GetOpType()), index)
	}
	name := base
	for k := 2; im.names[name]; k++ {
		name = fmt.Sprintf("%s_%d", base, k)
	}
	im.names[name] = true
	return name
}

// add appends a node and, when it is a layer, the layer.
func (im *importer) add(nd Node, l *workloads.Layer) error {
	if l != nil {
		if err := l.Validate(); err != nil {
			return err
		}
		im.layers = append(im.layers, *l)
	}
	im.shapes[nd.Output] = nd.OutShape
	im.model.Nodes = append(im.model.Nodes, nd)
	return nil
}
