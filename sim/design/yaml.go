package design

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/logsim/logsim/internal/suggest"
)

// Load reads a design file — a YAML mapping from parameter keys (Keys) to
// values, e.g. "rows: 64" or "dram_overrides: {tRCD: 24}" — and applies it
// on top of base. A relative tech path is taken relative to the file.
// Errors name the file, the line and the key.
func Load(path string, base Point) (Point, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Point{}, fmt.Errorf("design file: %w", err)
	}
	return Decode(path, data, base)
}

// Decode applies design-file text (named name in errors) to base.
func Decode(name string, data []byte, base Point) (Point, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Point{}, fmt.Errorf("%s: %w", name, err)
	}
	p := base
	if len(doc.Content) == 0 {
		return p, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return Point{}, fmt.Errorf("%s:%d: want a mapping of design parameters (keys: %s)", name, root.Line, strings.Join(Keys(), ", "))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			return Point{}, fmt.Errorf("%s:%d: key %q given twice (first on line %d)", name, k.Line, k.Value, line)
		}
		seen[k.Value] = k.Line
		if err := SetFromNode(&p, k, v, filepath.Dir(name)); err != nil {
			return Point{}, fmt.Errorf("%s:%w", name, err)
		}
	}
	return p, nil
}

// SetFromNode sets the parameter named by the YAML key node k from the
// value node v; a relative tech path is joined to dir. The error starts
// with the line ("12: key …"), for the caller to prefix the file name.
func SetFromNode(p *Point, k, v *yaml.Node, dir string) error {
	pr, ok := ParamByKey(k.Value)
	if !ok {
		return fmt.Errorf("%d: unknown key %q%s", k.Line, k.Value, DidYouMean(k.Value, Keys()))
	}
	text, err := NodeText(pr, v)
	if err != nil {
		return fmt.Errorf("%d: key %q: %w", v.Line, k.Value, err)
	}
	if pr.Key == "tech" && text != "" && !filepath.IsAbs(text) {
		text = filepath.Join(dir, text)
	}
	if err := pr.Set(p, text); err != nil {
		return fmt.Errorf("%d: key %w", v.Line, err)
	}
	return nil
}

// NodeText converts a YAML value to the parameter's text form: a scalar
// as written; for dram_overrides a mapping {name: value} or a
// "name=value;…" string; for pe a short spec or the pe.Spec mapping; for
// layer_pe a mapping {layer: spec} or a "layer=spec;…" string.
func NodeText(pr Param, v *yaml.Node) (string, error) {
	switch {
	case v.Kind == yaml.ScalarNode:
		return v.Value, nil
	case v.Kind == yaml.MappingNode && pr.Key == "dram_overrides":
		var parts []string
		for i := 0; i+1 < len(v.Content); i += 2 {
			if v.Content[i+1].Kind != yaml.ScalarNode {
				return "", fmt.Errorf("DRAM parameter %q: want a single value", v.Content[i].Value)
			}
			parts = append(parts, v.Content[i].Value+"="+v.Content[i+1].Value)
		}
		return strings.Join(parts, ";"), nil
	case v.Kind == yaml.MappingNode && pr.Key == "layer_pe":
		return layerPEText(v)
	case v.Kind == yaml.MappingNode && pr.Key == "pe":
		var pt Point
		if err := v.Decode(&pt.PE); err != nil {
			return "", err
		}
		return pt.PE.String(), nil
	}
	return "", fmt.Errorf("want a single value")
}

// DidYouMean returns ` (did you mean "x"?)` for the closest of known, or
// the list of known names when none is close (suggest.DidYouMean).
func DidYouMean(word string, known []string) string { return suggest.DidYouMean(word, known) }

// Dump writes r as a design file that Load reads back to the same point:
// every parameter (optional ones left to their default as comments), the
// tech path made absolute, and what resolution derived, as comments.
func Dump(w io.Writer, r Resolved) error {
	p := r.Point()
	d := r.DRAM()
	fmt.Fprintf(w, "# logsim design point (logsim run --design FILE reads it back)\n")
	fmt.Fprintf(w, "# resolved: DRAM %s %s, %d channel(s), peak %s GB/s, %s pJ/bit at the %s corner\n",
		d.Model, d.Params.Name, d.Channels(), formatFloat(d.PeakGBps()), formatFloat(r.DRAMPJPerBit()), p.Corner)
	for _, pr := range Params() {
		text := pr.Get(p)
		if pr.Key == "tech" && text != "" {
			if abs, err := filepath.Abs(text); err == nil {
				text = abs
			}
		}
		if _, err := fmt.Fprintf(w, "%s\n", dumpLine(pr, text)); err != nil {
			return err
		}
	}
	return nil
}

func dumpLine(pr Param, text string) string {
	comment := "  # " + pr.Usage
	if pr.Unit != "" {
		comment += " [" + pr.Unit + "]"
	}
	if text == "" {
		return "# " + pr.Key + ":" + comment
	}
	if pr.Type == "int" || pr.Type == "float" {
		return pr.Key + ": " + text + comment
	}
	val, err := yaml.Marshal(text)
	if err != nil {
		panic(err) // a string always marshals
	}
	return pr.Key + ": " + strings.TrimSpace(string(val)) + comment
}
