package design

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
)

// SpecFor is the PE spec array layer name runs at: its layer_pe entry, else
// the design's pe.
func (p Point) SpecFor(layer string) pe.Spec {
	if s, ok := p.LayerPE[layer]; ok {
		return s
	}
	return p.PE
}

// OperandBitsFor is OperandBits for one layer, at its own spec (SpecFor).
func (p Point) OperandBitsFor(layer string) dataflow.OperandBits {
	q := p
	q.PE = p.SpecFor(layer)
	return q.OperandBits()
}

// CheckLayerPE checks that every layer_pe entry names one of the network's
// array layers (the error suggests the nearest name).
func (p Point) CheckLayerPE(network string, arrayLayers []string) error {
	known := map[string]bool{}
	for _, l := range arrayLayers {
		known[l] = true
	}
	for _, name := range sortedKeys(p.LayerPE) {
		if !known[name] {
			return fmt.Errorf("layer_pe: network %q has no array layer %q%s", network, name, DidYouMean(name, arrayLayers))
		}
	}
	return nil
}

func sortedKeys(m map[string]pe.Spec) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// layerPEParam is the per-layer PE specs: text "layer=spec;…" in sorted
// layer order. Set merges the layers it is given into the point's, so a
// flag can change one layer of a design file's mapping.
func layerPEParam() Param {
	return Param{Key: "layer_pe", Flag: "layer-pe", Type: "layer=spec", Unit: "layer=spec;…",
		Usage: "PE spec of named array layers (repeatable on the command line), e.g. conv1=mult:a8w8; the others use pe",
		get:   func(p Point) string { return FormatLayerPE(p.LayerPE) },
		set: func(p *Point, s string) error {
			specs, err := ParseLayerPE(s)
			if err != nil {
				return err
			}
			merged := map[string]pe.Spec{}
			for k, v := range p.LayerPE {
				merged[k] = v
			}
			for k, v := range specs {
				merged[k] = v
			}
			if len(merged) == 0 {
				merged = nil
			}
			p.LayerPE = merged
			return nil
		}}
}

// ParseLayerPE reads "layer=spec;layer=spec" (a spec may hold commas and
// "=": the layer name ends at the first "=").
func ParseLayerPE(s string) (map[string]pe.Spec, error) {
	out := map[string]pe.Spec{}
	for _, kv := range strings.Split(s, ";") {
		if strings.TrimSpace(kv) == "" {
			continue
		}
		name, text, ok := strings.Cut(kv, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("%q: want layer=spec", kv)
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("layer %s given twice", name)
		}
		spec, err := pe.Parse(text)
		if err != nil {
			return nil, fmt.Errorf("layer %s: %w", name, err)
		}
		out[name] = spec
	}
	return out, nil
}

// FormatLayerPE writes specs as "layer=spec;…" in sorted layer order (""
// for none): the canonical text of the layer_pe column.
func FormatLayerPE(m map[string]pe.Spec) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, k+"="+m[k].String())
	}
	return strings.Join(parts, ";")
}

// layerPEText reads a design file's layer_pe mapping {layer: spec}, each
// spec a short string or a pe.Spec mapping.
func layerPEText(v *yaml.Node) (string, error) {
	var parts []string
	for i := 0; i+1 < len(v.Content); i += 2 {
		var s pe.Spec
		if err := v.Content[i+1].Decode(&s); err != nil {
			return "", fmt.Errorf("layer %q: %w", v.Content[i].Value, err)
		}
		if strings.ContainsAny(v.Content[i].Value, "=;") {
			return "", fmt.Errorf("layer %q: a layer name in layer_pe may not hold = or ;", v.Content[i].Value)
		}
		parts = append(parts, v.Content[i].Value+"="+s.String())
	}
	return strings.Join(parts, ";"), nil
}
