package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/memory/dram/dramcheck"
)

func newDRAMCheckCommand() *cobra.Command {
	var opts dramcheck.TableOptions
	var sizes []uint
	var quiet bool
	cmd := &cobra.Command{
		Use:   "dram-check",
		Short: "Run the DRAM micro-benchmarks on the fast and akita models side by side",
		Long: `Runs sequential, strided and random streams of reads, writes and a 2:1 mix,
with 64 B to 4 KiB requests, on logsim's fast DRAM model and on Akita's
mem/dram with the same parameters (close page, refresh and tFAW off, which
Akita v3 does not model), and prints sustained bandwidth at saturation,
unloaded latency (one request in flight) and loaded latency for both.
The akita model is slow: the full table takes minutes.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, s := range sizes {
				opts.Sizes = append(opts.Sizes, uint64(s))
			}
			out := cmd.OutOrStdout()
			if !quiet {
				opts.Progress = progressLine(cmd.ErrOrStderr())
			}
			rows, err := dramcheck.BuildTable(opts)
			if err != nil {
				return err
			}
			return dramcheck.PrintTable(out, opts, rows)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Preset, "preset", "DDR4-3200", "DRAM preset")
	f.StringSliceVar(&opts.Kinds, "kinds", nil, "patterns: seq, strided, random (default all)")
	f.StringSliceVar(&opts.Ops, "ops", nil, "operations: read, write, mix (default all)")
	f.UintSliceVar(&sizes, "sizes", nil, "request sizes, bytes (default 64,256,1024,4096)")
	f.BoolVar(&quiet, "quiet", false, "no progress lines on stderr")
	return cmd
}

func progressLine(w io.Writer) func(dramcheck.Row) {
	return func(r dramcheck.Row) {
		fmt.Fprintf(w, "done: %s\n", r.Pattern.Name())
	}
}
