package workloads

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlMap is a YAML mapping read into its fields, in document order, with
// duplicate keys rejected.
type yamlMap struct {
	p     yamlParser
	node  *yaml.Node
	order []string
	keys  map[string]*yaml.Node // key nodes, for errors about a field
	vals  map[string]*yaml.Node // value nodes, aliases resolved
}

// mapping reads n as a mapping; what names it in errors ("a layer").
func (p yamlParser) mapping(n *yaml.Node, what string) (*yamlMap, error) {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		return nil, p.errAt(n, "", "expected %s as a mapping of fields, got %s", what, describeNode(n))
	}
	m := &yamlMap{p: p, node: n, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := deref(n.Content[i])
		if k.Kind != yaml.ScalarNode {
			return nil, p.errAt(k, "", "expected a field name, got %s", describeNode(k))
		}
		if first, dup := m.keys[k.Value]; dup {
			return nil, p.errAt(k, k.Value, "field repeated (first given at line %d)", first.Line)
		}
		m.order = append(m.order, k.Value)
		m.keys[k.Value], m.vals[k.Value] = k, deref(n.Content[i+1])
	}
	return m, nil
}

// describeNode names a node's kind for error messages.
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an empty value"
}

// onlyKnown rejects fields not in known. A field of another layer type
// (in elsewhere) is said not to apply; others get the nearest known name.
func (m *yamlMap) onlyKnown(known []string, what string, elsewhere []string) error {
	for _, key := range m.order {
		if slices.Contains(known, key) {
			continue
		}
		msg := unknownMsg("field", key, known)
		if slices.Contains(elsewhere, key) {
			msg = fmt.Sprintf("field %q does not apply to a %s (its fields: %s)", key, what, strings.Join(known, ", "))
		}
		return m.p.errAt(m.keys[key], key, "%s", msg)
	}
	return nil
}

// str reads a string field, def when absent.
func (m *yamlMap) str(key, def string) (string, error) {
	n, ok := m.vals[key]
	if !ok {
		return def, nil
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" || strings.TrimSpace(n.Value) == "" {
		return "", m.p.errAt(n, key, "expected a non-empty string, got %s", describeNode(n))
	}
	return n.Value, nil
}

// requiredStr reads a string field that must be present; what describes
// it in the error.
func (m *yamlMap) requiredStr(key, what string) (string, error) {
	if _, ok := m.vals[key]; !ok {
		return "", m.p.errAt(m.node, key, "missing required field: %s", what)
	}
	return m.str(key, "")
}

// kind reads the layer type.
func (m *yamlMap) kind() (Kind, error) {
	t, err := m.requiredStr("type", "the layer type ("+strings.Join(yamlLayerTypes(), ", ")+")")
	if err != nil {
		return "", err
	}
	if !slices.Contains(yamlLayerTypes(), t) {
		return "", m.p.errAt(m.vals["type"], "type", "%s", unknownMsg("layer type", t, yamlLayerTypes()))
	}
	return Kind(t), nil
}

// intNode reads n as an integer in [min, MaxDim].
func (m *yamlMap) intNode(n *yaml.Node, field string, min int) (int, error) {
	isInt := n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int"
	// yaml.v3 reads digits too long for an int64 as a float: out of range.
	outOfRange := !isInt && n.Kind == yaml.ScalarNode && isPythonInt(n.Value)
	if !isInt && !outOfRange {
		return 0, m.p.errAt(n, field, "expected an integer, got %s", describeNode(n))
	}
	var v int64
	if isInt && n.Decode(&v) != nil {
		outOfRange = true
	}
	switch {
	case (outOfRange && strings.HasPrefix(n.Value, "-")) || (!outOfRange && v < int64(min)):
		return 0, m.p.errAt(n, field, "must be at least %d, got %s", min, n.Value)
	case outOfRange || v > MaxDim:
		return 0, m.p.errAt(n, field, "%s is too large (at most %d)", n.Value, MaxDim)
	}
	return int(v), nil
}

// int reads an optional integer field of at least min, def when absent;
// the node is nil when absent.
func (m *yamlMap) int(key string, min, def int) (int, *yaml.Node, error) {
	n, ok := m.vals[key]
	if !ok {
		return def, nil, nil
	}
	v, err := m.intNode(n, key, min)
	return v, n, err
}

// requiredInt reads an integer field that must be present.
func (m *yamlMap) requiredInt(key string, min int) (int, *yaml.Node, error) {
	if _, ok := m.vals[key]; !ok {
		return 0, nil, m.p.errAt(m.node, key, "missing required field")
	}
	return m.int(key, min, 0)
}

// dimsField describes a field of n integers, given as a list (input:
// [H, W, Cin]), as one integer standing for all (stride: 2) when scalarOK,
// or as separate fields (h:, w:, cin:) when parts are named. With n = 1 it
// is a plain integer field.
type dimsField struct {
	list     string
	parts    []string // separate fields that may replace the list; nil: none
	n        int      // number of integers
	scalarOK bool
	min      int
	def      []int  // value when absent; nil: required
	what     string // the layout for messages, e.g. "[H, W, Cin]"
}

// dims reads a dimsField and returns its integers with the node each came
// from (nil for defaults).
func (m *yamlMap) dims(d dimsField) ([]int, []*yaml.Node, error) {
	listNode, hasList := m.vals[d.list]
	var present []string
	for _, p := range d.parts {
		if _, ok := m.vals[p]; ok {
			present = append(present, p)
		}
	}
	switch {
	case hasList && len(present) > 0:
		return nil, nil, m.p.errAt(m.keys[present[0]], present[0],
			"give either %s or %s, not both", d.list, strings.Join(d.parts, ", "))
	case hasList:
		return m.listDims(d, listNode)
	case len(present) > 0:
		return m.partDims(d)
	case d.def != nil:
		return d.def, make([]*yaml.Node, d.n), nil
	}
	alt := ""
	if d.parts != nil {
		alt = " or " + strings.Join(d.parts, ", ")
	}
	return nil, nil, m.p.errAt(m.node, d.list, "missing required field: %s: %s%s", d.list, d.what, alt)
}

// listDims reads the list form (or the single-integer form).
func (m *yamlMap) listDims(d dimsField, n *yaml.Node) ([]int, []*yaml.Node, error) {
	var items []*yaml.Node
	switch {
	case n.Kind == yaml.ScalarNode && d.scalarOK:
		items = slices.Repeat([]*yaml.Node{n}, d.n)
	case n.Kind == yaml.SequenceNode && len(n.Content) == d.n && d.n > 1:
		items = slices.Clone(n.Content)
	default:
		form := "an integer"
		if d.n > 1 {
			form = "a list " + d.what
			if d.scalarOK {
				form = "an integer or " + form
			}
		}
		return nil, nil, m.p.errAt(n, d.list, "expected %s, got %s", form, describeNode(n))
	}
	vals := make([]int, d.n)
	for i, item := range items {
		items[i] = deref(item)
		v, err := m.intNode(items[i], d.list, d.min)
		if err != nil {
			return nil, nil, err
		}
		vals[i] = v
	}
	return vals, items, nil
}

// partDims reads the separate-field form; every part is required.
func (m *yamlMap) partDims(d dimsField) ([]int, []*yaml.Node, error) {
	vals := make([]int, len(d.parts))
	nodes := make([]*yaml.Node, len(d.parts))
	for i, p := range d.parts {
		v, n, err := m.requiredInt(p, d.min)
		if err != nil {
			return nil, nil, err
		}
		vals[i], nodes[i] = v, n
	}
	return vals, nodes, nil
}
