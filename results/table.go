package results

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/logsim/logsim/internal/printable"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/workloads"
)

// PrintTable writes, for a person to read, the run's design point, its
// per-layer table (when layers is set) and the network totals with energy
// and area by part.
func PrintTable(w io.Writer, r sim.NetworkResult, layers bool) error {
	d := r.Design.Point()
	fmt.Fprintf(w, "%s (batch %d) on a %d×%d %s array, %s timing, %g MHz\n",
		printable.String(r.Network.Name), r.Network.Batch, d.Array.Rows, d.Array.Cols, strings.ToUpper(d.Dataflow.String()), d.Timing, d.ClockMHz)
	if layers {
		if err := printLayers(w, r); err != nil {
			return err
		}
	}
	printTotals(w, r)
	printNotOnArray(w, r)
	return nil
}

func printLayers(w io.Writer, r sim.NetworkResult) error {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "#\tlayer\tP\tK\tN·count\tMMACs\tfolds\tcycles\tstalls\tutil %\tbound\tgap %\tµJ\t"+sqnrHeader(r))
	for _, l := range r.Layers {
		b, _ := l.Bounds.Binding()
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%.2f\t%d\t%d\t%d\t%.1f\t%s\t%.1f\t%.1f\t%s\n",
			l.Index, printable.String(l.Layer.Name), l.GEMM.P, l.GEMM.K, l.GEMM.N*l.GEMM.Count,
			float64(l.MACs())/1e6, l.Folds, l.TotalCycles, l.StallCycles(), 100*l.Utilisation(),
			b, l.BoundGapPct(), cost.PJToUJ(l.Energy.Total()), sqnrCell(l))
	}
	return tw.Flush()
}

func printTotals(w io.Writer, r sim.NetworkResult) {
	t := r.Totals()
	d := r.Design.Point()
	fmt.Fprintf(w, "\nTotal: %d array layers, %.3f GMACs, %d cycles (%d compute, %d stall, %d prologue, %d vector unit, %d final drain) = %.1f µs at %g MHz\n",
		len(r.Layers), float64(t.MACs)/1e9, t.TotalCycles, t.ComputeCycles, t.StallCycles, t.PrologueCycles,
		t.VectorCycles, t.DrainCycles, r.TimeUs(), d.ClockMHz)
	fmt.Fprintf(w, "Utilisation %.1f %% of %d PEs; %.1f GMAC/s\n",
		100*r.Utilisation(), d.Array.PEs(), float64(t.MACs)/(r.TimeUs()*1e3))
	bound, bc := r.NetworkBound()
	fmt.Fprintf(w, "Bound: %d cycles, mostly %s; %.1f %% above it; %d of %d layers within 10 %% of their bound\n",
		bc, bound, sim.GapPct(t.TotalCycles, bc), r.LayersNearBound(10), len(r.Layers))
	dr := r.Design.DRAM()
	fmt.Fprintf(w, "DRAM %s %s (%d channel(s), peak %.4g GB/s, %s): %.2f MB read, %.2f MB written\n",
		dr.Model, dr.Params.Name, dr.Channels(), dr.PeakGBps(), cost.DRAMPricing(r.Design),
		float64(t.DRAMBytes.Read())/1e6, float64(t.DRAMBytes.Written())/1e6)
	printFidelity(w, r)
	if m, ok := r.MinSQNRdB(); ok {
		fmt.Fprintf(w, "Numerics: lowest per-layer SQNR %.1f dB (%s data)\n", m, dataKind(r.Layers[0].Numerics.Synthetic))
	}
	if a := r.Accuracy; a != nil {
		fmt.Fprintf(w, "Accuracy: top-1 %.2f %% [%.2f, %.2f] of %d held-out images (float %.2f %%; %.2f %% of predictions agree)\n",
			100*a.Top1, 100*a.Lo, 100*a.Hi, a.Images, 100*a.Float.Top1, 100*a.Agreement)
	}
	printCost(w, r)
}

// printFidelity says how the run was computed when it was not the event
// simulation asked for.
func printFidelity(w io.Writer, r sim.NetworkResult) {
	switch {
	case r.FidelityFallback != "":
		fmt.Fprintf(w, "Fidelity: event (the analytic level was asked for, but %s)\n", r.FidelityFallback)
	case r.DRAMStandIn != nil:
		fmt.Fprintf(w, "Fidelity: analytic, the %s DRAM stood in for by a bandwidth model fitted to the event DMA on it (%.4g GB/s, %.4g ns latency)\n",
			r.Design.DRAM().Model, r.DRAMStandIn.SustainedGBps, r.DRAMStandIn.StandIn.LatencyNS)
		fmt.Fprintf(w, "  note: the stand-in does not follow the DRAM's reordering of requests, so cycles can be off by several %% at memory-bound points with small buffers; check a number that matters with --fidelity event (README: Fidelity levels)\n")
	case r.Fidelity == sim.FidelityAnalytic:
		fmt.Fprintf(w, "Fidelity: analytic (equal to the event simulation with this DRAM model)\n")
	}
}

// printCost prints the energy and area breakdowns and the efficiency.
func printCost(w io.Writer, r sim.NetworkResult) {
	c := r.Cost
	d := r.Design.Point()
	fmt.Fprintf(w, "\nPE %s, %s cost source, %v corner, %d nm:\n", d.PE, d.CostSource, d.Corner, d.NodeNM)
	fmt.Fprintf(w, "  energy %.1f µJ:", cost.PJToUJ(c.Energy.Total()))
	for _, p := range cost.EnergyParts() {
		fmt.Fprintf(w, " %s %.1f", p, cost.PJToUJ(c.Energy[p]))
	}
	fmt.Fprintf(w, "\n  area %.3f mm²:", c.Area.Total())
	for _, p := range cost.AreaParts() {
		fmt.Fprintf(w, " %s %.3f", p, c.Area[p])
	}
	fmt.Fprintf(w, "\n  %.3f pJ/MAC, %.1f mW, %.1f GMAC/J, %.1f GMAC/s/mm²\n  (%s)\n",
		c.Metrics.PJPerMAC, c.Metrics.PowerMW, c.Metrics.GMACPerSPerW, c.Metrics.GMACPerSPerMM2, cost.SwitchingNote)
	for _, n := range r.CostNotes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}

// printNotOnArray says which layers ran on the vector unit and which were
// not simulated, grouped by kind.
func printNotOnArray(w io.Writer, r sim.NetworkResult) {
	if len(r.Vector) > 0 {
		var cycles, ops, bytes int64
		var pj float64
		layers := make([]workloads.Layer, len(r.Vector))
		for i, v := range r.Vector {
			cycles, ops, bytes, pj = cycles+v.TotalCycles, ops+v.Ops, bytes+v.DRAMBytes.Total(), pj+v.Energy.Total()
			layers[i] = v.Layer
		}
		fmt.Fprintf(w, "Vector unit (%d lanes): %s; %d cycles, %.3g M operations, %.2f MB DRAM, %.1f µJ\n",
			r.Design.Point().Lanes(), byKind(layers), cycles, float64(ops)/1e6, float64(bytes)/1e6, cost.PJToUJ(pj))
	}
	if len(r.NotOnArray) > 0 {
		fmt.Fprintf(w, "Not simulated (no cycles or energy counted): %s\n", byKind(r.NotOnArray))
	}
}

// byKind counts layers by kind: "2 pool, 16 add".
func byKind(layers []workloads.Layer) string {
	counts := map[string]int{}
	for _, l := range layers {
		counts[string(l.Kind)]++
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, fmt.Sprintf("%d %s", counts[k], k))
	}
	sort.Strings(kinds)
	return strings.Join(kinds, ", ")
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
