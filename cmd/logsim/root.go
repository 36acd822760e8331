package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "logsim",
		Short: "Cycle-accurate simulator of systolic DNN accelerators with multiplier or log-domain PEs",
		Long: `logsim simulates a systolic-array DNN accelerator on a whole network: cycles,
utilisation, memory traffic, energy and area, for multiplier PEs and for
log-domain shift-and-add PEs. "logsim run" with no flags runs ResNet-50 on the
reference design point (32×32 WS array, pipelined timing, 1 GHz).`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newRunCommand(), newNetworksCommand(), newDRAMCheckCommand())
	return root
}
