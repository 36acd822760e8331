package plots

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Options choose what Figures draws.
type Options struct {
	Style Style // colour and shape columns of the Pareto plots
	// Points are the point IDs whose per-layer plots are drawn; empty
	// means the points on each network's energy-latency front (every
	// point of a per-layer file read without its network rows).
	Points []string
	// AllPoints draws per-layer plots for every point with layers.
	AllPoints bool
}

// DefaultStyle colours points by PE and shapes them by array rows.
var DefaultStyle = Style{ColorBy: "pe", ShapeBy: "rows"}

// Set is the figures drawn from one Data, in order, and notes on what was
// left out and why.
type Set struct {
	Figures []*Figure
	Notes   []string
}

// Figures draws every plot the data allows: per network, the Pareto
// fronts of energy against latency and of EDP against area and the energy
// breakdown; the area breakdown; each compare file's ratios; and the
// per-layer cycles and roofline of the chosen points.
func Figures(d *Data, o Options) (*Set, error) {
	s := &Set{}
	points := d.Designs()
	for _, n := range Networks(points) {
		if err := s.network(n, OnNetwork(points, n), o.Style); err != nil {
			return nil, err
		}
	}
	if len(points) > 0 {
		if err := s.add(AreaBreakdown("area", points)); err != nil {
			return nil, err
		}
	}
	for _, cf := range d.Compares {
		for _, f := range RatioFigures() {
			if err := s.add(CompareRatios("ratio-"+slug(strings.TrimSuffix(filepath.Base(cf.File), ".csv"))+"-"+slug(shortName(f)), cf, f)); err != nil {
				return nil, err
			}
		}
	}
	ids, err := d.LayerPoints(o)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := s.point(d, id); err != nil {
			return nil, err
		}
	}
	if len(d.Failed) > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%d failed points (rows with an error) are not plotted; the first is %s:%d", len(d.Failed), d.Failed[0].File, d.Failed[0].Line))
	}
	return s, nil
}

func (s *Set) add(f *Figure, err error) error {
	if err != nil {
		return err
	}
	s.Figures = append(s.Figures, f)
	return nil
}

func (s *Set) network(n string, points []Point, st Style) error {
	if err := s.add(Pareto("pareto-energy-latency-"+slug(n), n, points, EnergyLatency, st)); err != nil {
		return err
	}
	if err := s.add(Pareto("pareto-edp-area-"+slug(n), n, points, EDPArea, st)); err != nil {
		return err
	}
	return s.add(EnergyBreakdown("energy-"+slug(n), n, points))
}

// point draws one point's per-layer cycles and, when its network row was
// read, its roofline.
func (s *Set) point(d *Data, id string) error {
	layers := d.LayersOf(id)
	pt, ok := d.Point(id)
	title := id
	if ok {
		title = pt.Network + ", " + pt.Label
	} else if len(layers) > 0 {
		title = layers[0].Text("network") + ", point " + id
	}
	if len(simulated(layers)) == 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("point %s: no layer was simulated, so no per-layer plots", id))
		return nil
	}
	if err := s.add(LayerCycles("layers-"+id, title, layers)); err != nil {
		return err
	}
	if !ok {
		s.Notes = append(s.Notes, fmt.Sprintf("point %s: no network row read, so no roofline (give its network or sweep CSV too)", id))
		return nil
	}
	if li, _, err := Intensities(layers); err == nil && len(li) == 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("point %s: no layer moved DRAM bytes, so no roofline", id))
		return nil
	}
	return s.add(Roofline("roofline-"+id, title, pt, layers))
}

// Designs are the points the per-network plots draw: the run and sweep
// rows, or, when only compare files were read, their rows (a point in
// two files once).
func (d *Data) Designs() []Point {
	if len(d.Points) > 0 || len(d.Compares) == 0 {
		return d.Points
	}
	var out []Point
	seen := map[string]bool{}
	for _, cf := range d.Compares {
		for _, p := range cf.Points {
			if !seen[p.ID] {
				seen[p.ID] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// LayerPoints are the point IDs whose per-layer plots are drawn, in the
// order their layers appear.
func (d *Data) LayerPoints(o Options) ([]string, error) {
	have := map[string]bool{}
	var all []string
	for _, r := range d.Layers {
		if id := r.Text("point_id"); !have[id] {
			have[id] = true
			all = append(all, id)
		}
	}
	switch {
	case len(o.Points) > 0:
		for _, id := range o.Points {
			if !have[id] {
				return nil, fmt.Errorf("point %s: no per-layer rows read for it", id)
			}
		}
		return o.Points, nil
	case o.AllPoints || len(d.Designs()) == 0:
		return all, nil
	}
	return d.frontWithLayers(all, have)
}

// frontWithLayers keeps the points with layers that are on their
// network's energy-latency front.
func (d *Data) frontWithLayers(all []string, have map[string]bool) ([]string, error) {
	onFront := map[string]bool{}
	points := d.Designs()
	for _, n := range Networks(points) {
		front, err := FrontOf(OnNetwork(points, n), EnergyLatency)
		if err != nil {
			return nil, err
		}
		for _, p := range front {
			onFront[p.ID] = true
		}
	}
	var out []string
	for _, id := range all {
		if onFront[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// slug makes a name safe in a file name: lower-case letters, digits, '-'
// and '_'; anything else becomes '_'.
func slug(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		case r >= 'A' && r <= 'Z':
			return r - 'A' + 'a'
		}
		return '_'
	}, s)
}
