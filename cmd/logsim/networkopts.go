package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/logsim/logsim/workloads"
	"github.com/logsim/logsim/workloads/onnx"
)

// networkOptions are the flags that choose the network: a built-in one at
// a batch size, or a file.
type networkOptions struct {
	topology string
	gemm     bool
	network  string
	batch    int
	model    string
	// onnx is the --model file as imported (nil without --model).
	onnx *onnx.Model
}

func (o *networkOptions) register(f *pflag.FlagSet) {
	o.network, o.batch = "resnet50", 1
	f.StringVar(&o.topology, "topology", "", "network file: SCALE-Sim topology CSV or logsim YAML")
	f.BoolVar(&o.gemm, "gemm", false, "the topology CSV is SCALE-Sim's GEMM format (name, M, N, K)")
	f.StringVar(&o.network, "network", o.network, "built-in network, used when no --topology is given (logsim networks lists them)")
	f.IntVar(&o.batch, "batch", o.batch, "batch size of a built-in network (images or sequences)")
	f.StringVar(&o.model, "model", "", "network as an ONNX file (its layers, and its weights for --accuracy)")
}

func (o *networkOptions) load(flags *pflag.FlagSet) (workloads.Network, error) {
	if o.batch <= 0 {
		return workloads.Network{}, fmt.Errorf("--batch must be positive, got %d", o.batch)
	}
	if o.model != "" {
		if o.topology != "" || flags.Changed("batch") || flags.Changed("network") || o.gemm {
			return workloads.Network{}, fmt.Errorf("--model %s is the network: give no --topology, --network, --batch or --gemm with it", o.model)
		}
		m, err := onnx.Load(o.model)
		if err != nil {
			return workloads.Network{}, err
		}
		o.onnx = &m
		return m.Network, nil
	}
	if o.topology != "" && (flags.Changed("batch") || flags.Changed("network")) {
		return workloads.Network{}, fmt.Errorf("--batch and --network apply to built-in networks, not to --topology %s (a YAML file sets its own batch; SCALE-Sim files are batch 1)", o.topology)
	}
	if o.topology == "" {
		if o.gemm {
			return workloads.Network{}, fmt.Errorf("--gemm needs a --topology file")
		}
		return workloads.Lookup(o.network, o.batch)
	}
	format := workloads.FormatAuto
	if o.gemm {
		format = workloads.FormatSCALESimGEMM
	}
	return workloads.LoadFile(o.topology, format)
}
