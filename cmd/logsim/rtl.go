package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/rtl"
	"github.com/logsim/logsim/results"
	"github.com/logsim/logsim/sim/design"
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
		spec, out, array, df string
		lf                   layerFlags
	)
	cmd := &cobra.Command{
		Use:   "rtl --pe SPEC --out DIR [--array RxC --dataflow os|ws|is]",
		Short: "Write the synthesizable Verilog of a PE or of an array of PEs",
		Long: `Writes into DIR the Verilog of one PE of SPEC (mult, shift or logboth at
any integer widths): the module library (one module per file: logsim_mac,
logsim_pe, the product, alignment and accumulate modules) and a top module
pe_<spec> that sets their parameters. The PE computes exactly what logsim's
datapath (package pe) computes. The layer's FSRs and accumulator fractional
bits fix the alignment shift: by default the spec's, else those of the
numerics module's synthetic layer (the one logsim synth simulates).

With --array RxC it writes an R×C systolic array of those PEs in the
--dataflow (os, ws or is) with its edge skew buffers instead (logsim_array,
logsim_os_cell, logsim_stationary_cell, logsim_skew; top module
array_<dataflow>_<R>x<C>_<spec>); logsim_array.v describes its ports.`,
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
			files, top, err := rtlFiles(s, lay, array, df)
			if err != nil {
				return err
			}
			if err := writeVerilog(out, files); err != nil {
				return &failure{err}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d files of %s (FSRA %d, FSRW %d, FRAC %d) into %s; top module %s\n",
				len(files), s, lay.FSRA, lay.FSRW, lay.Frac, out, top)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&spec, "pe", "", "PE spec, e.g. shift:a8w4 (required)")
	f.StringVarP(&out, "out", "o", "", "folder to write the Verilog into (required)")
	f.StringVar(&array, "array", "", "write an array of R×C PEs, e.g. 4x4 (default: one PE)")
	f.StringVar(&df, "dataflow", "os", "the array's dataflow: os, ws or is")
	lf.register(cmd)
	_ = cmd.MarkFlagRequired("pe")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

// rtlFiles are the files of one PE, or of an array if array ("RxC") is set,
// and the name of their top module.
func rtlFiles(s pe.Spec, lay rtl.Layer, array, df string) ([]rtl.File, string, error) {
	if array == "" {
		files, err := rtl.PE(s, lay)
		return files, rtl.TopName(s), err
	}
	var shape rtl.ArrayShape
	if _, err := fmt.Sscanf(strings.ToLower(array), "%dx%d", &shape.Rows, &shape.Cols); err != nil || shape.Rows < 1 || shape.Cols < 1 ||
		fmt.Sprintf("%dx%d", shape.Rows, shape.Cols) != strings.ToLower(array) {
		return nil, "", fmt.Errorf("--array: want RxC with positive R and C, e.g. 4x4, got %q", array)
	}
	p := design.Default() // the arrays a design point may have (design.Ranges)
	p.Array.Rows, p.Array.Cols = shape.Rows, shape.Cols
	if err := p.Validate(); err != nil {
		return nil, "", fmt.Errorf("--array %s: %w", array, err)
	}
	d, err := dataflow.ParseDataflow(df)
	if err != nil {
		return nil, "", fmt.Errorf("--dataflow: %w", err)
	}
	shape.Dataflow = d
	files, err := rtl.Array(s, lay, shape)
	return files, rtl.ArrayTopName(s, shape), err
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
