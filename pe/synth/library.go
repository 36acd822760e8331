package synth

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Library is what the energy model reads from a Liberty file: each cell's
// area, leakage and pins with their capacitance and internal-energy
// tables. Units are the file's, which Load checks: pF, V, ns, nW and pJ
// (pF·V²) for the energy tables.
type Library struct {
	Name     string
	Corner   string  // the operating conditions' name
	VoltageV float64 // the operating conditions' voltage (V)
	Cells    map[string]*Cell
}

// Cell is one standard cell.
type Cell struct {
	Name       string
	AreaUM2    float64
	LeakageNW  float64 // cell_leakage_power (nW)
	Sequential bool    // has an ff or latch group
	Pins       map[string]*Pin
}

// Pin is one signal pin of a cell.
type Pin struct {
	Name     string
	Output   bool
	Clock    bool
	CapPF    float64 // input capacitance (pF)
	Internal []InternalPower
}

// InternalPower is one internal_power group: for an output pin, the
// energy per output rise and fall as functions of the input slew and the
// output load (Related is the input pin); for an input pin, the energy per
// input rise and fall as functions of its slew.
type InternalPower struct {
	Related    string
	Rise, Fall Table
}

// Table is a one- or two-dimensional lookup table: Values[i][j] at
// Slew[i] (ns) and Load[j] (pF); one-dimensional tables have one column.
type Table struct {
	Slew, Load []float64
	Values     [][]float64
}

// At interpolates the table bilinearly at slew (ns) and load (pF),
// extrapolating linearly beyond its ends as static timing tools do.
func (t Table) At(slew, load float64) float64 {
	if len(t.Values) == 0 {
		return 0
	}
	i, fi := bracket(t.Slew, slew)
	if len(t.Load) < 2 {
		return lerp(t.Values[i][0], t.Values[i+1][0], fi)
	}
	j, fj := bracket(t.Load, load)
	lo := lerp(t.Values[i][j], t.Values[i][j+1], fj)
	hi := lerp(t.Values[i+1][j], t.Values[i+1][j+1], fj)
	return lerp(lo, hi, fi)
}

func lerp(a, b, f float64) float64 { return a + (b-a)*f }

// bracket returns i with xs[i] ≤ x ≤ xs[i+1] (the end segments beyond)
// and x's fraction of the way from xs[i] to xs[i+1]; one point: 0, 0.
func bracket(xs []float64, x float64) (int, float64) {
	if len(xs) < 2 {
		return 0, 0
	}
	i := sort.SearchFloat64s(xs, x) - 1
	i = max(0, min(i, len(xs)-2))
	return i, (x - xs[i]) / (xs[i+1] - xs[i])
}

// LoadLiberty reads the cells of a Liberty file's text. It rejects units
// other than logsim assumes.
func LoadLiberty(src string) (*Library, error) {
	root, err := parseLiberty(src)
	if err != nil {
		return nil, fmt.Errorf("liberty: %w", err)
	}
	for attr, want := range map[string]string{"time_unit": "1ns", "voltage_unit": "1V", "leakage_power_unit": "1nW"} {
		if got := root.simple[attr]; got != want {
			return nil, fmt.Errorf("liberty %s: %s is %q, want %q", strings.Join(root.args, ""), attr, got, want)
		}
	}
	if cl := root.complex["capacitive_load_unit"]; len(cl) != 1 || len(cl[0]) != 2 || cl[0][1] != "pf" || num(cl[0][0]) != 1 {
		return nil, fmt.Errorf("liberty: capacitive_load_unit must be (1, pf), got %v", cl)
	}
	lib := &Library{Name: strings.Join(root.args, ""), Cells: map[string]*Cell{}}
	templates := map[string]*group{}
	for _, g := range root.children {
		switch g.name {
		case "power_lut_template":
			templates[strings.Join(g.args, "")] = g
		case "operating_conditions":
			lib.VoltageV = num(g.simple["voltage"])
			lib.Corner = strings.Join(g.args, "")
		}
	}
	for _, g := range root.children {
		if g.name != "cell" || len(g.args) != 1 {
			continue
		}
		c, err := readCell(g, templates)
		if err != nil {
			return nil, fmt.Errorf("liberty cell %s: %w", strings.Join(g.args, ""), err)
		}
		lib.Cells[c.Name] = c
	}
	if lib.VoltageV <= 0 {
		return nil, fmt.Errorf("liberty %s: no operating_conditions voltage", lib.Name)
	}
	return lib, nil
}

func num(s string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0
	}
	return v
}

func readCell(g *group, templates map[string]*group) (*Cell, error) {
	c := &Cell{Name: g.args[0], AreaUM2: num(g.simple["area"]), LeakageNW: num(g.simple["cell_leakage_power"]), Pins: map[string]*Pin{}}
	for _, ch := range g.children {
		switch ch.name {
		case "ff", "latch", "ff_bank", "latch_bank", "statetable":
			c.Sequential = true
		case "pin":
			p, err := readPin(ch, templates)
			if err != nil {
				return nil, err
			}
			c.Pins[p.Name] = p
		}
	}
	return c, nil
}

func readPin(g *group, templates map[string]*group) (*Pin, error) {
	p := &Pin{Name: strings.Join(g.args, ""), Output: g.simple["direction"] == "output",
		Clock: g.simple["clock"] == "true", CapPF: num(g.simple["capacitance"])}
	for _, ch := range g.children {
		if ch.name != "internal_power" {
			continue
		}
		ip := InternalPower{Related: ch.simple["related_pin"]}
		for _, t := range ch.children {
			tab, err := readTable(t, templates)
			if err != nil {
				return nil, fmt.Errorf("pin %s %s: %w", p.Name, t.name, err)
			}
			switch t.name {
			case "rise_power":
				ip.Rise = tab
			case "fall_power":
				ip.Fall = tab
			}
		}
		p.Internal = append(p.Internal, ip)
	}
	return p, nil
}

// rectangular reports whether rows is n rows of m values.
func rectangular(rows [][]float64, n, m int) bool {
	if len(rows) != n {
		return false
	}
	for _, r := range rows {
		if len(r) != m {
			return false
		}
	}
	return true
}

// readTable reads a power table; its indices come from the group or its
// template, whose variables say which index is the slew and which the load.
func readTable(g *group, templates map[string]*group) (Table, error) {
	tmpl := templates[strings.Join(g.args, "")]
	index := func(k string) ([]float64, error) {
		if v, ok := g.complex[k]; ok {
			return floats(v[0])
		}
		if tmpl != nil {
			if v, ok := tmpl.complex[k]; ok {
				return floats(v[0])
			}
		}
		return nil, nil
	}
	i1, err := index("index_1")
	if err != nil {
		return Table{}, err
	}
	i2, err := index("index_2")
	if err != nil {
		return Table{}, err
	}
	var rows [][]float64
	if vals, ok := g.complex["values"]; ok {
		for _, row := range vals[0] {
			r, err := floats([]string{row})
			if err != nil {
				return Table{}, err
			}
			rows = append(rows, r)
		}
	}
	var1 := ""
	if tmpl != nil {
		var1 = tmpl.simple["variable_1"]
	}
	t := Table{Slew: i1, Load: i2}
	switch {
	case len(i1) == 0: // scalar
		if len(rows) != 1 || len(rows[0]) != 1 {
			return Table{}, fmt.Errorf("scalar table: want one value")
		}
		t.Slew, t.Values = []float64{0}, [][]float64{{rows[0][0]}}
	case len(i2) == 0: // one dimension: one row of values along the slew
		if len(rows) != 1 || len(rows[0]) != len(i1) {
			return Table{}, fmt.Errorf("want %d values", len(i1))
		}
		for _, v := range rows[0] {
			t.Values = append(t.Values, []float64{v})
		}
	case !rectangular(rows, len(i1), len(i2)):
		return Table{}, fmt.Errorf("want %d rows of %d values", len(i1), len(i2))
	case strings.Contains(var1, "capacitance"): // load first: transpose
		t.Slew, t.Load = i2, i1
		t.Values = make([][]float64, len(i2))
		for i := range i2 {
			for j := range i1 {
				t.Values[i] = append(t.Values[i], rows[j][i])
			}
		}
	default:
		t.Values = rows
	}
	if len(t.Slew) == 1 {
		t.Slew = append(t.Slew, t.Slew[0]+1)
		t.Values = append(t.Values, t.Values[0])
	}
	return t, nil
}
