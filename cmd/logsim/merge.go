package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/sim/sweep"
)

// mergeOptions are the flags of "logsim merge".
type mergeOptions struct {
	outputs sweepOutputs
	quiet   bool
}

func newMergeCommand() *cobra.Command {
	var o mergeOptions
	cmd := &cobra.Command{
		Use:   "merge OUT.csv SHARD…",
		Short: "Join the shard files of a sharded sweep into the files one run writes",
		Long: `Join the shard files that "logsim sweep --shard i/n --out SHARD" wrote into
OUT.csv (and --layers, --jsonl): byte for byte the files one unsharded run
of the same spec writes. Every shard file must come from the same sweep
(points, logsim version, numerics, shard count); a point found in two files
or in none is an error that names it. Exit status 1 if a point failed.`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.outputs.out = args[0]
			return o.run(args[1:], cmd.ErrOrStderr())
		},
	}
	o.outputs.register(cmd, "")
	cmd.Flags().BoolVarP(&o.quiet, "quiet", "q", false, "no summary on stderr")
	return cmd
}

func (o *mergeOptions) run(inputs []string, stderr io.Writer) error {
	sum, err := sweep.Merge(inputs, o.outputs.outputs())
	if err != nil {
		return sweepError(err)
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "logsim: merge: wrote %s: %d points from %d shard files, %d failed\n", o.outputs.out, sum.Points, len(inputs), sum.Failed)
	}
	return failedPoints(sum, o.outputs.out)
}
