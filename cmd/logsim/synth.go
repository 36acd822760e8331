package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/synth"
	"github.com/logsim/logsim/results"
)

// CrossCheckSpecs are the PEs logsim synth synthesizes by default: the
// five of the README's cross-check.
var crossCheckSpecs = []string{"mult:a8w8", "mult:a8w4", "shift:a8w4", "shift:a8w3", "logboth:a4w4"}

// defaultLiberty is the committed sky130 library, relative to the
// repository's root.
const defaultLiberty = "pe/synth/testdata/sky130_fd_sc_hd__tt_025C_1v80.lib.gz"

func newSynthCommand() *cobra.Command {
	var (
		specs, libs []string
		out, work   string
		opt         synth.Options
	)
	cmd := &cobra.Command{
		Use:   "synth --out FILE.csv",
		Short: "Synthesize PEs with yosys and a Liberty library, time them with OpenSTA and price a gate-level simulation",
		Long: `For each PE spec and Liberty library: writes the PE's Verilog (logsim rtl, on
the numerics module's synthetic layer), synthesizes it with yosys (synth
-flatten; dfflibmap; abc mapping, buffering and sizing for the clock period;
stat), finds its critical path with OpenSTA at the clock period (ideal clock,
inputs and outputs at the clock edge), and simulates the netlist with Icarus
Verilog on the numerics module's operand stream (the sums must equal logsim's
datapath). The toggles of every net are priced with the library's tables:
internal energy per output transition at --slew-ns and the net's load, input
pins' internal energy, ½·C·V² on pin capacitance, the clock pins; leakage
from cell_leakage_power. Left out: glitches (the simulation has zero delay)
and wire capacitance. The low-power (lpflow) and physical-only cells are not
used. Writes one CSV row per PE and library (areas µm², times ns, energies
pJ per MAC, leakage nW). Needs yosys, iverilog and sta on PATH.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var parsed []pe.Spec
			for _, t := range specs {
				s, err := pe.Parse(t)
				if err != nil {
					return fmt.Errorf("--pe: %w", err)
				}
				parsed = append(parsed, s)
			}
			var rs []synth.Result
			for _, lib := range libs {
				for _, s := range parsed {
					o := opt
					o.Liberty = lib
					if work != "" {
						o.WorkDir = fmt.Sprintf("%s/%s", work, s)
					}
					r, err := synth.Synthesize(s, o)
					if err != nil {
						return &failure{err}
					}
					fmt.Fprintf(cmd.ErrOrStderr(), "%s on %s: %.1f µm², %d cells, critical path %.3f ns, %.4f pJ/MAC\n",
						s, r.Library, r.AreaUM2, r.Cells, r.PathNS, r.MACPJ())
					rs = append(rs, r)
				}
			}
			if err := results.WriteFileAtomic(out, func(w io.Writer) error { return synth.WriteCSV(w, rs) }); err != nil {
				return &failure{err}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&specs, "pe", crossCheckSpecs, "PE spec to synthesize (repeatable)")
	f.StringArrayVar(&libs, "liberty", []string{defaultLiberty}, "Liberty file, .lib or .lib.gz (repeatable; default: the committed sky130_fd_sc_hd typical corner, relative to the repository root)")
	f.StringVarP(&out, "out", "o", "", "CSV file to write (required)")
	f.StringVar(&work, "work", "", "keep each PE's scratch files (Verilog, scripts, netlist, logs, VCD) under this folder")
	f.Float64Var(&opt.ClockNS, "clock-ns", synth.DefaultClockNS, "clock period for static timing, ABC's delay target and leakage (ns)")
	f.Float64Var(&opt.SlewNS, "slew-ns", synth.DefaultSlewNS, "input slew at which the internal-energy tables are read (ns)")
	f.IntVar(&opt.Outputs, "outputs", synth.DefaultOutputs, "outputs of the numerics stream simulated for energy (64 MACs each)")
	_ = cmd.MarkFlagRequired("out")
	cmd.AddCommand(newSynthCheckCommand())
	return cmd
}
