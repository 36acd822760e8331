package pe

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/logsim/logsim/internal/suggest"
)

// yamlKeys maps the keys of the YAML mapping form to short-spec fields.
// kind and operands are required; the others are optional.
var yamlKeys = map[string]string{
	"kind": "", "operands": "", "acc_bits": "acc", "frac_bits": "frac", "fsr": "fsr",
	"fsr_act": "fsra", "fsr_weight": "fsrw", "round": "round", "base": "base",
	"overflow": "ovf", "act_signed": "signed",
}

// UnmarshalYAML reads a Spec from either a short spec string
// (pe: "shift:a8w4,acc=24") or a mapping:
//
//	pe:
//	  kind: shift          # mult | shift | logboth
//	  operands: a8w4       # a<bits>w<bits> | as<bits>w<bits> | fp16
//	  acc_bits: 24         # optional, as acc=
//	  frac_bits: auto      # optional, as frac=
//	  fsr: auto            # optional, as fsr= (fsr_act, fsr_weight: fsra=, fsrw=)
//	  round: log           # optional
//	  base: "2"            # optional
//	  overflow: sat        # optional, as ovf=
//	  act_signed: false    # optional, as signed=
//
// Errors name the line and the key.
func (s *Spec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		p, err := Parse(n.Value)
		if err != nil {
			return fmt.Errorf("line %d: %w", n.Line, err)
		}
		*s = p
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: PE spec: want a short spec string or a mapping", n.Line)
	}
	var kind, operands string
	var fields []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		short, ok := yamlKeys[k.Value]
		if !ok {
			return fmt.Errorf("line %d: PE spec key %q: unknown key%s", k.Line, k.Value, suggest.DidYouMean(k.Value, yamlKeyNames()))
		}
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: PE spec key %q: want a single value", v.Line, k.Value)
		}
		switch k.Value {
		case "kind":
			kind = v.Value
		case "operands":
			operands = v.Value
		default:
			fields = append(fields, short+"="+v.Value)
		}
	}
	if kind == "" || operands == "" {
		return fmt.Errorf("line %d: PE spec: keys kind and operands are required", n.Line)
	}
	text := kind + ":" + operands
	if len(fields) > 0 {
		text += "," + strings.Join(fields, ",")
	}
	p, err := Parse(text)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*s = p
	return nil
}

// MarshalYAML writes the canonical short spec.
func (s Spec) MarshalYAML() (any, error) { return s.String(), nil }

// ParseFile reads a PE file (name is used in errors): a YAML document
// whose only key is pe:, holding a short spec string or the mapping form
// (UnmarshalYAML). Other keys and a key given twice are errors.
func ParseFile(name string, data []byte) (Spec, error) {
	var doc struct {
		PE *Spec `yaml:"pe"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return Spec{}, fmt.Errorf("%s: %s", name, yamlMessage(err))
	}
	if doc.PE == nil {
		return Spec{}, fmt.Errorf("%s: no pe: key", name)
	}
	return *doc.PE, nil
}

// yamlMessage is the first of a YAML decoding error's messages, with an
// unknown top-level key named as such.
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if line, rest, ok := strings.Cut(msg, ": field "); ok {
		if key, _, ok := strings.Cut(rest, " not found"); ok {
			return fmt.Sprintf("%s: unknown key %q%s", line, key, suggest.DidYouMean(key, []string{"pe"}))
		}
	}
	return msg
}

// yamlKeyNames lists the keys of the mapping form.
func yamlKeyNames() []string {
	names := make([]string, 0, len(yamlKeys))
	for k := range yamlKeys {
		names = append(names, k)
	}
	return names
}
