package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/workloads"
)

func newNetworksCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "networks",
		Short: "List the built-in networks with their MAC counts at batch 1",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			for _, name := range workloads.Names() {
				net, err := workloads.Lookup(name, 1)
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "%-14s %3d array layers  %8.3f GMACs  %s\n",
					name, len(net.ArrayLayers()), float64(net.MACs())/1e9, net.Source)
			}
			return nil
		},
	}
}
