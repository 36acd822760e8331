package results

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/logsim/logsim/sim"
)

// PrintTable writes a per-layer table and the network totals for a person
// to read.
func PrintTable(w io.Writer, r sim.NetworkResult) error {
	d := r.Design
	fmt.Fprintf(w, "%s on a %d×%d %s array, %s timing, %g MHz\n\n",
		r.Network.Name, d.Array.Rows, d.Array.Cols, strings.ToUpper(d.Dataflow.String()), d.Timing, d.ClockMHz)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "#\tlayer\tP\tK\tN\tMMACs\tfolds\tcycles\tstalls\tutil %\t")
	for _, l := range r.Layers {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%.2f\t%d\t%d\t%d\t%.1f\t\n",
			l.Index, l.Layer.Name, l.GEMM.P, l.GEMM.K, l.GEMM.N*l.GEMM.Count,
			float64(l.MACs())/1e6, l.Folds, l.TotalCycles, l.StallCycles(), 100*l.Utilisation())
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
	timeUs := float64(t.TotalCycles) * r.Design.CycleNs() / 1000
	fmt.Fprintf(w, "\nTotal: %d array layers, %.3f GMACs, %d cycles (%d compute, %d stall, %d prologue) = %.1f µs at %g MHz\n",
		len(r.Layers), float64(t.MACs)/1e9, t.TotalCycles, t.ComputeCycles, t.StallCycles, t.PrologueCycles,
		timeUs, r.Design.ClockMHz)
	fmt.Fprintf(w, "Utilisation %.1f %% of %d PEs; %.1f GMAC/s\n",
		100*r.Utilisation(), r.Design.Array.PEs(), float64(t.MACs)/(timeUs*1e3))
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
