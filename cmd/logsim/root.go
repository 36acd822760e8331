package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/sim"
)

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "logsim",
		Short: "Cycle-accurate simulator of systolic DNN accelerators with multiplier or log-domain PEs",
		Long: `logsim simulates a systolic-array DNN accelerator on a whole network: cycles,
utilisation, memory traffic, energy and area, for multiplier PEs and for
log-domain shift-and-add PEs. "logsim run" with no flags runs ResNet-50 on the
reference design point (32×32 WS array, pipelined timing, 1 GHz).`,
		Version:       sim.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("logsim {{.Version}}\n")
	root.AddCommand(newRunCommand(), newSweepCommand(), newMergeCommand(), newCompareCommand(), newAccuracyCommand(), newPlotCommand(), newReportCommand(), newNetworksCommand(), newDRAMCheckCommand(), newFidelityCheckCommand(), newVersionCommand())
	root.AddCommand(newRTLCommand(), newSynthCommand())
	return root
}

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print logsim's version (the one every network row carries)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "logsim %s\n", sim.Version)
			return err
		},
	}
}
