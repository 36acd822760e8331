package workloads

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// logsim's YAML network format. testdata/example_network.yaml shows every
// field. A file holds one YAML document, a mapping with:
//
//	name:    network name (default: the file's base name without extension)
//	source:  where the shapes come from (free text, optional)
//	batch:   default batch size (images or sequences), default 1
//	layers:  the layers in order, at least one of them on the array
//
// Every layer has a name (unique in the network) and a type, one of conv,
// fc, matmul, pool, add, softmax and norm, and may override the batch
// (batch: N). All sizes are per sample; the batch scales them as the zoo
// does: it multiplies P of a conv, M of an fc (weights are shared, rows
// stack), Count of a matmul (an activation×activation product is
// replicated per sample) and the elements of a non-array layer.
//
//	conv:    input: [H, W, Cin]     or h:, w:, cin:   (required)
//	         filter: [Kh, Kw] or K  or kh:, kw:       (required)
//	         cout: output channels                    (required)
//	         stride: S or [Sh, Sw]                    (default 1)
//	         padding: P or [Ph, Pw], per side         (default 0)
//	         groups: G (Cin for depthwise)            (default 1)
//	fc, matmul: m:, k:, n: (required), count: (default 1): count
//	         independent (m×k)·(k×n) products
//	pool, add, softmax, norm: elements: output elements per sample
//	         (default 0); in_elements: elements read per sample, every
//	         operand (default: twice elements for add, elements otherwise);
//	         ops_per_element: vector-unit operations per output (default by
//	         kind, Layer.VectorWork). These run on the vector unit, not on
//	         the array.
//
// Convolutions use the framework output size ⌊(H + 2P − K)/S⌋ + 1.
// Unknown fields, missing required fields, values of the wrong type and
// invalid layers are errors naming the file, line, column and field.

// yamlLayerTypes lists the layer types in the order error messages give
// them.
func yamlLayerTypes() []string {
	return []string{"conv", "fc", "matmul", "pool", "add", "softmax", "norm"}
}

// yamlFields lists the fields a layer of the given type may have.
func yamlFields(kind Kind) []string {
	common := []string{"name", "type", "batch"}
	switch kind {
	case KindConv:
		return append(common, "input", "h", "w", "cin", "filter", "kh", "kw",
			"cout", "stride", "padding", "groups")
	case KindFC, KindMatMul:
		return append(common, "m", "k", "n", "count")
	}
	return append(common, "elements", "in_elements", "ops_per_element")
}

// ParseYAML reads a network in logsim's YAML format (see above) and
// validates it. file names the input in errors and, without a name field,
// names the network.
func ParseYAML(file string, data []byte) (Network, error) {
	p := yamlParser{file: file}
	root, err := p.document(data)
	if err != nil {
		return Network{}, err
	}
	return p.network(root)
}

// yamlParser turns YAML nodes into a Network, locating errors in file.
type yamlParser struct{ file string }

// errAt returns a ParseError at node n.
func (p yamlParser) errAt(n *yaml.Node, field, format string, args ...any) *ParseError {
	return &ParseError{File: p.file, Line: n.Line, Column: n.Column, Field: field,
		Msg: fmt.Sprintf(format, args...)}
}

// yamlLinePrefix matches the position yaml.v3 puts in syntax errors.
var yamlLinePrefix = regexp.MustCompile(`^yaml: line (\d+): `)

// maxSyntaxScanLines bounds the files whose syntax errors are located
// exactly by re-parsing prefixes (see syntaxErrorLine); the cost grows with
// the square of the line count (about 0.2 s at 1000 lines).
const maxSyntaxScanLines = 1500

// document decodes the file's single YAML document and returns its root.
func (p yamlParser) document(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) || (err == nil && len(doc.Content) == 0) {
		return nil, &ParseError{File: p.file, Line: 1, Column: 1, Msg: "the file is empty; expected a network"}
	}
	if err != nil {
		return nil, p.syntaxError(data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, p.syntaxError(data, err)
		}
		return nil, p.errAt(&extra, "", "a second YAML document; the file must hold one network")
	}
	return doc.Content[0], nil
}

// syntaxError turns a yaml.v3 syntax error into a ParseError at the line
// where the file stops being valid YAML. In a file too long to scan it
// uses yaml.v3's line, which lies at or before the fault: for parser errors
// yaml.v3 gives the 0-based line of the enclosing block.
func (p yamlParser) syntaxError(data []byte, err error) error {
	msg := err.Error()
	yamlLine := 0
	if m := yamlLinePrefix.FindStringSubmatch(msg); m != nil {
		yamlLine, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	msg = "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ")
	line, exact := syntaxErrorLine(data)
	if !exact {
		line, msg = max(yamlLine, 1), msg+" (at or after this line)"
	}
	return &ParseError{File: p.file, Line: line, Msg: msg}
}

// syntaxErrorLine returns the line after the longest prefix of whole lines
// that parses; exact is false for a file too long to scan.
func syntaxErrorLine(data []byte) (line int, exact bool) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > maxSyntaxScanLines {
		return 0, false
	}
	for k := len(lines) - 1; k > 0; k-- {
		var n yaml.Node
		if yaml.Unmarshal(bytes.Join(lines[:k], nil), &n) == nil {
			return k + 1, true
		}
	}
	return 1, true
}

// network reads the top-level mapping.
func (p yamlParser) network(root *yaml.Node) (Network, error) {
	m, err := p.mapping(root, "the network")
	if err != nil {
		return Network{}, err
	}
	if err := m.onlyKnown([]string{"name", "source", "batch", "layers"}, "network", nil); err != nil {
		return Network{}, err
	}
	net := Network{Name: nameFromFile(p.file), Source: "logsim YAML " + p.file}
	if net.Name, err = m.str("name", net.Name); err != nil {
		return Network{}, err
	}
	if net.Source, err = m.str("source", net.Source); err != nil {
		return Network{}, err
	}
	batch, _, err := m.int("batch", 1, 1)
	if err != nil {
		return Network{}, err
	}
	net.Batch = batch
	if net.Layers, err = p.layers(m, batch); err != nil {
		return Network{}, err
	}
	if err := net.Validate(); err != nil {
		return Network{}, p.errAt(m.keys["layers"], "layers", "%v", err)
	}
	return net, nil
}

// layers reads the layer list and checks that names are unique.
func (p yamlParser) layers(m *yamlMap, batch int) ([]Layer, error) {
	n, ok := m.vals["layers"]
	if !ok {
		return nil, p.errAt(m.node, "layers", "missing required field: the list of layers")
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return nil, p.errAt(n, "layers", "expected a non-empty list of layers")
	}
	layers := make([]Layer, 0, len(n.Content))
	firstLine := map[string]int{}
	for _, item := range n.Content {
		item = deref(item)
		l, err := p.layer(item, batch)
		if err != nil {
			return nil, err
		}
		if line, dup := firstLine[l.Name]; dup {
			return nil, p.errAt(item, "name", "layer name %q is already used by the layer at line %d", l.Name, line)
		}
		firstLine[l.Name] = item.Line
		layers = append(layers, l)
	}
	return layers, nil
}

// layer reads one layer and validates it, placing a validation error at
// the field it is about.
func (p yamlParser) layer(n *yaml.Node, defaultBatch int) (Layer, error) {
	m, err := p.mapping(n, "a layer")
	if err != nil {
		return Layer{}, err
	}
	l := Layer{}
	if l.Name, err = m.requiredStr("name", "the layer's name"); err != nil {
		return Layer{}, err
	}
	if l.Kind, err = m.kind(); err != nil {
		return Layer{}, err
	}
	if err := m.onlyKnown(yamlFields(l.Kind), string(l.Kind)+" layer", yamlAllFields()); err != nil {
		return Layer{}, err
	}
	batch, batchNode, err := m.int("batch", 1, defaultBatch)
	if err != nil {
		return Layer{}, err
	}
	if batchNode == nil {
		batchNode = n // the network's default batch: point at the layer
	}
	at := map[string]*yaml.Node{"batch": batchNode}
	switch l.Kind {
	case KindConv:
		l.Conv, err = m.conv(batch, at)
	case KindFC, KindMatMul:
		l.MatMul, err = m.matMul(l.Kind, batch, at)
	default:
		err = m.vectorWork(&l, batch, at)
	}
	if err != nil {
		return Layer{}, err
	}
	return l, p.validate(l, n, at)
}

// validate runs Layer.Validate and places a *FieldError at the node
// recorded for its field (the layer itself when none is).
func (p yamlParser) validate(l Layer, layerNode *yaml.Node, at map[string]*yaml.Node) error {
	err := l.Validate()
	var fe *FieldError
	if err == nil || !errors.As(err, &fe) {
		return err
	}
	node := at[fe.Field]
	if node == nil {
		node = layerNode
	}
	return p.errAt(node, fe.Field, "layer %q: %s", l.Name, fe.Msg)
}

// yamlAllFields lists every field of every layer type.
func yamlAllFields() []string {
	var all []string
	seen := map[string]bool{}
	for _, t := range yamlLayerTypes() {
		for _, f := range yamlFields(Kind(t)) {
			if !seen[f] {
				seen[f] = true
				all = append(all, f)
			}
		}
	}
	return all
}

// deref follows a YAML alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// conv reads a conv layer's fields, recording in at the node of each
// Conv2D field for validation errors.
func (m *yamlMap) conv(batch int, at map[string]*yaml.Node) (Conv2D, error) {
	fields := []struct {
		d     dimsField
		names []string // the Conv2D fields the integers fill, for at
	}{
		{dimsField{list: "input", parts: []string{"h", "w", "cin"}, n: 3, min: 1, what: "[H, W, Cin]"}, []string{"H", "W", "Cin"}},
		{dimsField{list: "filter", parts: []string{"kh", "kw"}, n: 2, scalarOK: true, min: 1, what: "[Kh, Kw]"}, []string{"Kh", "Kw"}},
		{dimsField{list: "cout", n: 1, scalarOK: true, min: 1, what: "output channels"}, []string{"Cout"}},
		{dimsField{list: "stride", n: 2, scalarOK: true, min: 1, def: []int{1, 1}, what: "[Sh, Sw]"}, []string{"stride_h", "stride_w"}},
		{dimsField{list: "padding", n: 2, scalarOK: true, min: 0, def: []int{0, 0}, what: "[Ph, Pw]"}, []string{"pad_h", "pad_w"}},
		{dimsField{list: "groups", n: 1, scalarOK: true, min: 1, def: []int{1}, what: "groups"}, []string{"groups"}},
	}
	var v []int
	for _, f := range fields {
		vals, nodes, err := m.dims(f.d)
		if err != nil {
			return Conv2D{}, err
		}
		for i, name := range f.names {
			at[name] = nodes[i]
		}
		v = append(v, vals...)
	}
	return Conv2D{Batch: batch, H: v[0], W: v[1], Cin: v[2], Kh: v[3], Kw: v[4], Cout: v[5],
		StrideH: v[6], StrideW: v[7], PadH: v[8], PadW: v[9], Groups: v[10], Rule: FloorRule}, nil
}

// matMul reads an fc or matmul layer's fields. The batch multiplies M of
// an fc and Count of a matmul.
func (m *yamlMap) matMul(kind Kind, batch int, at map[string]*yaml.Node) (MatMul, error) {
	fields := []struct {
		key, name string // YAML key, MatMul field
		required  bool
	}{{"m", "M", true}, {"k", "K", true}, {"n", "N", true}, {"count", "count", false}}
	var v [4]int
	for i, f := range fields {
		var err error
		if f.required {
			v[i], at[f.name], err = m.requiredInt(f.key, 1)
		} else {
			v[i], at[f.name], err = m.int(f.key, 1, 1)
		}
		if err != nil {
			return MatMul{}, err
		}
	}
	mm := MatMul{M: v[0], K: v[1], N: v[2], Count: v[3]}
	if kind == KindFC {
		mm.M *= batch
	} else {
		mm.Count *= batch
	}
	return mm, nil
}

// vectorWork reads a non-array layer's output size, and optionally its
// input size, per sample, and its operations per output element (0: the
// kind's default, Layer.VectorWork).
func (m *yamlMap) vectorWork(l *Layer, batch int, at map[string]*yaml.Node) error {
	out, n, err := m.int("elements", 0, 0)
	at["elements"] = n
	if err != nil {
		return err
	}
	in, n, err := m.int("in_elements", 0, 0)
	at["in_elements"] = n
	if err != nil {
		return err
	}
	ops, n, err := m.int("ops_per_element", 0, 0)
	at["ops_per_element"] = n
	l.Elements, l.InElements, l.OpsPerElement = int64(batch)*int64(out), int64(batch)*int64(in), ops
	return err
}
