package workloads

import (
	"errors"
	"fmt"
)

// Network is an ordered list of layers with a name and the reference its
// shapes come from.
type Network struct {
	Name   string
	Source string // where the layer shapes come from (a reference implementation or a file)
	// Batch is the network's batch size (images or sequences): the zoo's
	// --batch, a YAML file's default batch (a layer may override it), 1 for
	// SCALE-Sim topologies.
	Batch  int
	Layers []Layer
}

// Validate checks every layer and that the network has at least one layer on
// the array. The first error names the layer and field.
func (n Network) Validate() error {
	onArray := 0
	for _, l := range n.Layers {
		if err := l.Validate(); err != nil {
			return fmt.Errorf("network %q: %w", n.Name, err)
		}
		if l.Kind.OnArray() {
			onArray++
		}
	}
	if onArray == 0 {
		return fmt.Errorf("network %q: %w", n.Name, errors.New("no layer runs on the array"))
	}
	return nil
}

// MACs is the total multiply-accumulate count of the network's array layers.
func (n Network) MACs() int64 {
	var total int64
	for _, l := range n.Layers {
		total += l.MACs()
	}
	return total
}

// ArrayLayers returns the layers that run on the array, in order.
func (n Network) ArrayLayers() []Layer {
	out := make([]Layer, 0, len(n.Layers))
	for _, l := range n.Layers {
		if l.Kind.OnArray() {
			out = append(out, l)
		}
	}
	return out
}

// LayerByName returns the first layer called name.
func (n Network) LayerByName(name string) (Layer, bool) {
	for _, l := range n.Layers {
		if l.Name == name {
			return l, true
		}
	}
	return Layer{}, false
}
