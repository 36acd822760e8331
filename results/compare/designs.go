package compare

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/design"
)

// Design is one design of a comparison as the user gives it: a name and a
// design point.
type Design struct {
	Name  string
	Point design.Point
}

// SpecDesigns are the designs of `--pe A --pe B …`: base with each PE,
// each named by its canonical spec. The first is the baseline.
func SpecDesigns(specs []string, base design.Point) ([]Design, error) {
	var ds []Design
	for _, text := range specs {
		s, err := pe.Parse(text)
		if err != nil {
			return nil, fmt.Errorf("--pe: %w", err)
		}
		p := base
		p.PE = s
		ds = append(ds, Design{Name: s.String(), Point: p})
	}
	return ds, checkDesigns(ds, "--pe")
}

// checkDesigns wants two or more designs with distinct names; where says
// where they were given.
func checkDesigns(ds []Design, where string) error {
	if len(ds) < 2 {
		return fmt.Errorf("%s: %d design(s): compare wants two or more (the first is the baseline)", where, len(ds))
	}
	seen := map[string]bool{}
	for _, d := range ds {
		if seen[d.Name] {
			return fmt.Errorf("%s: design %q given twice", where, d.Name)
		}
		seen[d.Name] = true
	}
	return nil
}

// LoadDesigns reads a designs file (ParseDesigns).
func LoadDesigns(path string, base design.Point, given func(key string) bool) ([]Design, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("designs file: %w", err)
	}
	return ParseDesigns(path, data, base, given)
}

// designsFileKeys are the top-level keys of a designs file.
var designsFileKeys = []string{"base", "designs"}

// ParseDesigns reads a designs file (named name in errors) on top of base:
//
//	base:                    # optional: design keys every design starts from
//	  dram: fast
//	designs:                 # two or more named designs, in order; the first is the baseline
//	  mult8: {pe: mult:a8w8}
//	  shift4:
//	    pe: shift:a8w4
//	    rows: 64
//	  same-as-base:          # no keys: the base as it is
//
// Keys are those of a design file (design.Params, `logsim run
// --dump-design`); a relative tech path is taken relative to the file.
// A key that given reports as set on the command line is an error: one
// of the two settings would be silently unread. Every design is resolved
// here, so errors name the file, the line and the key or design.
func ParseDesigns(name string, data []byte, base design.Point, given func(key string) bool) ([]Design, error) {
	top, err := topLevel(name, data)
	if err != nil {
		return nil, err
	}
	if top["designs"] == nil {
		return nil, fmt.Errorf("%s: no designs: key (want a mapping of named designs, the first the baseline)", name)
	}
	f := designsFile{name: name, given: given}
	if b := top["base"]; b != nil {
		if err := f.apply(&base, b); err != nil {
			return nil, err
		}
	}
	ds, err := f.designs(top["designs"], base)
	if err != nil {
		return nil, err
	}
	return ds, checkDesigns(ds, name)
}

// topLevel reads the file's top-level mapping into its known keys' values.
func topLevel(name string, data []byte) (map[string]*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty (want base: and designs:)", name)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want a mapping with the keys base and designs", name, root.Line)
	}
	top := map[string]*yaml.Node{}
	err := eachPair(name, root, func(k, v *yaml.Node) error {
		switch k.Value {
		case "base", "designs":
			top[k.Value] = v
			return nil
		}
		return fmt.Errorf("%s:%d: unknown key %q%s", name, k.Line, k.Value, design.DidYouMean(k.Value, designsFileKeys))
	})
	return top, err
}

// eachPair calls f on every key and value of a mapping, in order, after
// refusing a key given twice; aliases are followed.
func eachPair(name string, m *yaml.Node, f func(k, v *yaml.Node) error) error {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		if line, dup := seen[k.Value]; dup {
			return fmt.Errorf("%s:%d: key %q given twice (first on line %d)", name, k.Line, k.Value, line)
		}
		seen[k.Value] = k.Line
		if err := f(k, v); err != nil {
			return err
		}
	}
	return nil
}

// designsFile is a designs file being read.
type designsFile struct {
	name  string
	given func(key string) bool
}

// designs reads the designs: mapping, each design on top of base.
func (f designsFile) designs(m *yaml.Node, base design.Point) ([]Design, error) {
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: designs: want a mapping of named designs", f.name, m.Line)
	}
	var ds []Design
	err := eachPair(f.name, m, func(k, v *yaml.Node) error {
		if err := checkName(k.Value); err != nil {
			return fmt.Errorf("%s:%d: %w", f.name, k.Line, err)
		}
		p := base
		if err := f.apply(&p, v); err != nil {
			return err
		}
		if _, err := p.Resolve(); err != nil {
			return fmt.Errorf("%s:%d: design %q: %w", f.name, k.Line, k.Value, err)
		}
		ds = append(ds, Design{Name: k.Value, Point: p})
		return nil
	})
	return ds, err
}

// apply sets every design key of a mapping (null: none) on p.
func (f designsFile) apply(p *design.Point, m *yaml.Node) error {
	if m.Kind == yaml.ScalarNode && m.Tag == "!!null" {
		return nil
	}
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: want a mapping of design keys (%s)", f.name, m.Line, strings.Join(design.Keys(), ", "))
	}
	return eachPair(f.name, m, func(k, v *yaml.Node) error {
		if err := design.SetFromNode(p, k, v, filepath.Dir(f.name)); err != nil {
			return fmt.Errorf("%s:%w", f.name, err)
		}
		if pr, _ := design.ParamByKey(k.Value); f.given != nil && f.given(k.Value) {
			return fmt.Errorf("%s:%d: key %q is also given on the command line (--%s): set it in one place", f.name, k.Line, k.Value, pr.Flag)
		}
		return nil
	})
}

// checkName accepts a design name that reads well in a table and a CSV
// field: printable, without | or ;, at most 64 characters.
func checkName(name string) error {
	if strings.TrimSpace(name) == "" || len(name) > 64 {
		return fmt.Errorf("design name %q: want 1 to 64 characters", name)
	}
	if strings.ContainsAny(name, "|;") || strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return fmt.Errorf("design name %q: must be printable, without | or ;", name)
	}
	return nil
}
