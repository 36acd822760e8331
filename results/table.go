package results

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/energy"
)

// PrintTable writes a per-layer table and the network totals for a person
// to read.
func PrintTable(w io.Writer, r sim.NetworkResult) error {
	d := r.Design
	fmt.Fprintf(w, "%s on a %d×%d %s array, %s timing, %g MHz\n\n",
		r.Network.Name, d.Array.Rows, d.Array.Cols, strings.ToUpper(d.Dataflow.String()), d.Timing, d.ClockMHz)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "#\tlayer\tP\tK\tN\tMMACs\tfolds\tcycles\tstalls\tutil %\tµJ\t"+sqnrHeader(r))
	for _, l := range r.Layers {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%.2f\t%d\t%d\t%d\t%.1f\t%.1f\t%s\n",
			l.Index, l.Layer.Name, l.GEMM.P, l.GEMM.K, l.GEMM.N*l.GEMM.Count,
			float64(l.MACs())/1e6, l.Folds, l.TotalCycles, l.StallCycles(), 100*l.Utilisation(),
			energy.PJToUJ(l.Energy.TotalPJ), sqnrCell(l))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	printTotals(w, r)
	printNotOnArray(w, r)
	return nil
}

func printTotals(w io.Writer, r sim.NetworkResult) {
	t := r.Totals()
	d := r.Design
	timeUs := float64(t.TotalCycles) * d.CycleNs() / 1000
	fmt.Fprintf(w, "\nTotal: %d array layers, %.3f GMACs, %d cycles (%d compute, %d stall, %d prologue, %d final drain) = %.1f µs at %g MHz\n",
		len(r.Layers), float64(t.MACs)/1e9, t.TotalCycles, t.ComputeCycles, t.StallCycles, t.PrologueCycles,
		t.DrainCycles, timeUs, d.ClockMHz)
	fmt.Fprintf(w, "Utilisation %.1f %% of %d PEs; %.1f GMAC/s\n",
		100*r.Utilisation(), d.Array.PEs(), float64(t.MACs)/(timeUs*1e3))
	fmt.Fprintf(w, "DRAM (%s %s): %.2f MB read, %.2f MB written\n", d.DRAM.Model, d.DRAM.Preset,
		float64(t.DRAMBytes.Read())/1e6, float64(t.DRAMBytes.Written())/1e6)
	printCost(w, r)
}

// printCost prints the energy and area breakdowns and the efficiency.
func printCost(w io.Writer, r sim.NetworkResult) {
	c := r.Cost
	fmt.Fprintf(w, "\nPE %s, %v corner, %d nm:\n", r.Design.PE, r.Design.Corner, r.Design.NodeNM)
	fmt.Fprintf(w, "  energy %.1f µJ:", energy.PJToUJ(c.Energy.TotalPJ))
	for _, comp := range c.Energy.Components() {
		fmt.Fprintf(w, " %s %.1f", comp.Name, energy.PJToUJ(comp.Value))
	}
	fmt.Fprintf(w, "\n  area %.3f mm²:", c.Area.TotalMM2)
	for _, comp := range c.Area.Components() {
		fmt.Fprintf(w, " %s %.3f", comp.Name, comp.Value)
	}
	fmt.Fprintf(w, "\n  %.3f pJ/MAC, %.1f mW, %.1f GMAC/J, %.1f GMAC/s/mm²\n  (%s)\n",
		c.Metrics.PJPerMAC, c.Metrics.PowerMW, c.Metrics.GMACPerSPerW, c.Metrics.GMACPerSPerMM2, energy.SwitchingNote)
}

// printNotOnArray says which layers were not simulated, grouped by kind.
func printNotOnArray(w io.Writer, r sim.NetworkResult) {
	if len(r.NotOnArray) == 0 {
		return
	}
	counts := map[string]int{}
	for _, l := range r.NotOnArray {
		counts[string(l.Kind)]++
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, fmt.Sprintf("%d %s", counts[k], k))
	}
	sort.Strings(kinds)
	fmt.Fprintf(w, "Not on the array (not simulated, no cycles or energy counted): %s\n", strings.Join(kinds, ", "))
}

// sqnrHeader labels the SQNR column when numerics were measured, saying
// whether the data was synthetic.
func sqnrHeader(r sim.NetworkResult) string {
	if len(r.Layers) == 0 || r.Layers[0].Numerics == nil {
		return ""
	}
	if r.Layers[0].Numerics.Synthetic {
		return "SQNR dB (synthetic data)\t"
	}
	return "SQNR dB\t"
}

func sqnrCell(l sim.LayerResult) string {
	if l.Numerics == nil {
		return ""
	}
	return fmt.Sprintf("%.1f\t", l.Numerics.SQNRdB)
}
