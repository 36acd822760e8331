package synth

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Netlist is a flat gate-level netlist as yosys's write_json gives it:
// cells of library types whose pins connect to numbered nets (bits), and
// the names of the nets.
type Netlist struct {
	Top   string
	Cells []Instance
	Names map[string][]int // net name → bit per index (LSB first); constants are −1
	Ports map[string]bool  // the top's port names
}

// Instance is one cell of the netlist.
type Instance struct {
	Name string
	Type string
	Pins map[string]int // pin → net bit
}

type jsonNetlist struct {
	Modules map[string]struct {
		Ports map[string]struct {
			Direction string `json:"direction"`
		} `json:"ports"`
		Cells map[string]struct {
			Type        string                       `json:"type"`
			Connections map[string][]json.RawMessage `json:"connections"`
		} `json:"cells"`
		Netnames map[string]struct {
			Bits []json.RawMessage `json:"bits"`
		} `json:"netnames"`
	} `json:"modules"`
}

// ParseNetlist reads top from yosys JSON.
func ParseNetlist(data []byte, top string) (*Netlist, error) {
	var j jsonNetlist
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("netlist JSON: %w", err)
	}
	m, ok := j.Modules[top]
	if !ok {
		return nil, fmt.Errorf("netlist JSON: no module %s", top)
	}
	n := &Netlist{Top: top, Names: map[string][]int{}, Ports: map[string]bool{}}
	for p := range m.Ports {
		n.Ports[p] = true
	}
	for name, c := range m.Cells {
		inst := Instance{Name: name, Type: c.Type, Pins: map[string]int{}}
		for pin, bits := range c.Connections {
			if len(bits) != 1 {
				return nil, fmt.Errorf("netlist: cell %s pin %s has %d bits, want 1", name, pin, len(bits))
			}
			inst.Pins[pin] = bitOf(bits[0])
		}
		n.Cells = append(n.Cells, inst)
	}
	sort.Slice(n.Cells, func(a, b int) bool { return n.Cells[a].Name < n.Cells[b].Name })
	for name, nn := range m.Netnames {
		bits := make([]int, len(nn.Bits))
		for i, b := range nn.Bits {
			bits[i] = bitOf(b)
		}
		n.Names[strings.TrimPrefix(name, "\\")] = bits
	}
	return n, nil
}

// bitOf is a net number, or −1 for a constant ("0", "1", "x").
func bitOf(raw json.RawMessage) int {
	var v int
	if json.Unmarshal(raw, &v) == nil {
		return v
	}
	return -1
}
