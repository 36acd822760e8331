package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/rtl"
	"github.com/logsim/logsim/results"
)

// layerFlags are the layer parameters a PE's Verilog needs (rtl.Layer).
type layerFlags struct {
	fsrA, fsrW, frac int
}

func (l *layerFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.IntVar(&l.fsrA, "fsra", 0, "activation FSR (default: the spec's, else that of the numerics module's synthetic layer)")
	f.IntVar(&l.fsrW, "fsrw", 0, "weight FSR (default: the spec's, else that of the synthetic layer)")
	f.IntVar(&l.frac, "frac", 0, "accumulator fractional bits (default: the spec's, else pe.FracBits of the synthetic layer)")
}

// layer is the default layer of s with the flags the user set.
func (l *layerFlags) layer(cmd *cobra.Command, s pe.Spec) (rtl.Layer, error) {
	lay, err := rtl.DefaultLayer(s)
	if err != nil {
		return rtl.Layer{}, err
	}
	f := cmd.Flags()
	if f.Changed("fsra") {
		lay.FSRA = l.fsrA
	}
	if f.Changed("fsrw") {
		lay.FSRW = l.fsrW
	}
	if f.Changed("frac") {
		lay.Frac = l.frac
	}
	return lay, nil
}

func newRTLCommand() *cobra.Command {
	var (
		spec, out string
		lf        layerFlags
	)
	cmd := &cobra.Command{
		Use:   "rtl --pe SPEC --out DIR",
		Short: "Write the synthesizable Verilog of a PE",
		Long: `Writes into DIR the Verilog of one PE of SPEC (mult, shift or logboth at
any integer widths): the module library (one module per file: logsim_mac,
logsim_pe, the product, alignment and accumulate modules) and a top module
pe_<spec> that sets their parameters. The PE computes exactly what logsim's
datapath (package pe) computes. The layer's FSRs and accumulator fractional
bits fix the alignment shift: by default the spec's, else those of the
numerics module's synthetic layer (the one logsim synth simulates).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := pe.Parse(spec)
			if err != nil {
				return fmt.Errorf("--pe: %w", err)
			}
			lay, err := lf.layer(cmd, s)
			if err != nil {
				return err
			}
			files, err := rtl.PE(s, lay)
			if err != nil {
				return err
			}
			if err := writeVerilog(out, files); err != nil {
				return &failure{err}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d files of %s (FSRA %d, FSRW %d, FRAC %d) into %s; top module %s\n",
				len(files), s, lay.FSRA, lay.FSRW, lay.Frac, out, rtl.TopName(s))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&spec, "pe", "", "PE spec, e.g. shift:a8w4 (required)")
	f.StringVarP(&out, "out", "o", "", "folder to write the Verilog into (required)")
	lf.register(cmd)
	_ = cmd.MarkFlagRequired("pe")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

// writeVerilog writes each file whole (temporary file, then rename).
func writeVerilog(dir string, files []rtl.File) error {
	for _, f := range files {
		text := f.Text
		if err := results.WriteFileAtomic(filepath.Join(dir, f.Name), func(w io.Writer) error {
			_, err := io.WriteString(w, text)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}
