package sweep

import (
	"go.yaml.in/yaml/v3"

	"github.com/logsim/logsim/sim/design"
)

// axes reads the axes: mapping: each key a design parameter with its list
// of values, or zip with one group (a mapping of equally long lists) or a
// list of groups. A parameter is swept by one axis at most.
func (p *parser) axes(n *yaml.Node) error {
	known := append(design.Keys(), "zip")
	swept := map[string]int{} // parameter key → line of its axis
	return p.mapping(n, "axes", known, func(k, v *yaml.Node) error {
		axes, err := p.axisEntry(k, v)
		if err != nil {
			return err
		}
		for _, a := range axes {
			for _, key := range a.Keys {
				if line, dup := swept[key]; dup {
					return p.errorf(a.Line, "axis %s: %s is already swept on line %d", a.Name(), key, line)
				}
				swept[key] = a.Line
			}
		}
		p.spec.Axes = append(p.spec.Axes, axes...)
		return nil
	})
}

// axisEntry reads one entry of axes: a parameter's axis or zip groups.
func (p *parser) axisEntry(k, v *yaml.Node) ([]Axis, error) {
	if k.Value != "zip" {
		vals, err := p.values(k.Value, v, "axis "+k.Value)
		if err != nil {
			return nil, err
		}
		a := Axis{Keys: []string{k.Value}, Line: k.Line}
		for _, s := range vals {
			a.Steps = append(a.Steps, []Setting{s})
		}
		return []Axis{a}, nil
	}
	groups := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		groups = v.Content
	}
	if len(groups) == 0 {
		return nil, p.errorf(v.Line, "zip: want a group (a mapping of equally long lists) or a list of groups")
	}
	axes := make([]Axis, len(groups))
	for i, g := range groups {
		var err error
		if axes[i], err = p.zipGroup(g); err != nil {
			return nil, err
		}
	}
	return axes, nil
}

// zipGroup reads one zip group: parameters whose i-th values go together.
func (p *parser) zipGroup(g *yaml.Node) (Axis, error) {
	a := Axis{Line: g.Line}
	err := p.mapping(g, "zip", design.Keys(), func(k, v *yaml.Node) error {
		vals, err := p.values(k.Value, v, "zip axis "+k.Value)
		if err != nil {
			return err
		}
		if len(a.Keys) > 0 && len(vals) != len(a.Steps) {
			return p.errorf(v.Line, "zip axis %s: %d values, but %s has %d: a zip group's lists must be equally long",
				k.Value, len(vals), a.Keys[0], len(a.Steps))
		}
		if a.Steps == nil {
			a.Steps = make([][]Setting, len(vals))
		}
		for i, s := range vals {
			a.Steps[i] = append(a.Steps[i], s)
		}
		a.Keys = append(a.Keys, k.Value)
		return nil
	})
	if err == nil && len(a.Keys) == 0 {
		err = p.errorf(g.Line, "zip: empty group")
	}
	return a, err
}

// values reads an axis's non-empty list of values for the parameter key,
// each checked on its own.
func (p *parser) values(key string, v *yaml.Node, where string) ([]Setting, error) {
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		return nil, p.errorf(v.Line, "%s: want a non-empty list of values (a single value goes under base:)", where)
	}
	out := make([]Setting, len(v.Content))
	for i, item := range v.Content {
		var err error
		if out[i], err = p.setting(key, item, where); err != nil {
			return nil, err
		}
	}
	return out, nil
}
