// Package sweep runs a design-space sweep (`logsim sweep SPEC.yaml`): a
// spec names networks and axes over design parameters; every combination
// is checked before the first simulation, the points run on parallel
// workers through sim.Run, each finished point is journaled, and the
// outputs are written in point order from the journal, so they are
// byte-identical whatever the worker count, the completion order, an
// interruption and resume, or a split into shards joined by Merge.
//
// A spec (paths are relative to the spec file):
//
//	networks:                      # required: built-in names, or mappings
//	  - alexnet                    # built-in, batch 1
//	  - {name: resnet50, batch: 4}
//	  - {file: nets/tiny.yaml}     # logsim YAML; .csv is a SCALE-Sim conv topology
//	  - {file: nets/gpt.csv, format: scalesim-gemm}
//	  - {model: ../mnist/mnist_cnn.onnx}  # ONNX (a file ending in .onnx too)
//	base_design: ref.yaml          # optional: a design file (logsim run --dump-design)
//	base:                          # optional: parameters every point shares
//	  dram: bandwidth
//	axes:                          # each key a design parameter (design.Params) and its values
//	  pe: [mult:a8w8, shift:a8w4]
//	  zip:                         # parameters that move together (equal-length lists);
//	    rows: [16, 32, 64]         # a list of such groups is allowed too
//	    cols: [16, 32, 64]
//	  ifmap_kib: [32, 64]
//	numerics:                      # optional: measure SQNR (sim.Numerics)
//	  samples: 1024                # default 4096
//	  seed: 1                      # default 1
//	  weights: gaussian            # default gaussian
//	  npy: operands/               # default: synthetic operands
//	accuracy:                      # optional: top-1 of every ONNX network (sim/accuracy)
//	  data: ../mnist/mnist10k.bin.gz  # required: the labelled images
//	  calibration: 1000            # training images calibrating the FSRs (default 1000)
//	  limit: 0                     # held-out images scored (default 0: all)
//
// Values are written as in a design file (design.NodeText); a point is the
// defaults, then base_design, then base, then one value of every axis. A
// parameter is swept by one axis at most and may not be both in base and
// swept. Axes combine as a Cartesian product in the order written, the last
// axis fastest; each combination runs on every network in the order listed.
// Combinations that resolve to the same point on a network (the same
// sim.PointID) run once.
//
// Files. Finished points go to a journal (Out + ".journal", JSON Lines):
// a header line (the logsim version, the shard, the numerics, the columns
// and every point ID of the sweep, what must match to resume or merge),
// then one record per point in completion order, flushed to disk. A
// shard's output file has the same format with its records in point
// order; Merge reads those.
package sweep
