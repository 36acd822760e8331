package sim

import (
	"fmt"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/workloads"
)

func validate(net workloads.Network, d DesignPoint) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("design point: %w", err)
	}
	if _, err := d.energyDesign(); err != nil {
		return err
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
