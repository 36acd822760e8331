package sim

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/workloads"
)

// RunAnalytic evaluates the network with the dataflow closed forms only:
// memory never stalls and there is no prologue (SCALE-Sim's CALC mode). It
// is exact for that memory model, and it is what the Akita simulation must
// reproduce with ideal DRAM.
func RunAnalytic(net workloads.Network, d DesignPoint) (NetworkResult, error) {
	if err := validate(net, d); err != nil {
		return NetworkResult{}, err
	}
	res := NetworkResult{Network: net, Design: d}
	for _, l := range net.Layers {
		if !l.Kind.OnArray() {
			res.NotOnArray = append(res.NotOnArray, l)
			continue
		}
		lr, err := analyticLayer(len(res.Layers), l, d)
		if err != nil {
			return NetworkResult{}, err
		}
		res.Layers = append(res.Layers, lr)
	}
	return res, nil
}

func validate(net workloads.Network, d DesignPoint) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("design point: %w", err)
	}
	return net.Validate()
}

// mapLayer maps one array layer; the error names the layer.
func mapLayer(index int, l workloads.Layer, d DesignPoint) (LayerResult, error) {
	g := l.GEMM()
	m, err := dataflow.NewMapping(g, d.Array, d.Dataflow)
	if err != nil {
		return LayerResult{}, fmt.Errorf("layer %q: %w", l.Name, err)
	}
	return LayerResult{
		Index: index, Layer: l, GEMM: g, Mapping: m,
		Folds: m.Folds(), Fold: m.FoldTiming(d.Timing),
		ComputeCycles: m.Cycles(d.Timing),
		Traffic:       m.Traffic(),
	}, nil
}

func analyticLayer(index int, l workloads.Layer, d DesignPoint) (LayerResult, error) {
	lr, err := mapLayer(index, l, d)
	lr.TotalCycles = lr.ComputeCycles
	return lr, err
}
