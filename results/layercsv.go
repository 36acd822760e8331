package results

import (
	"encoding/csv"
	"io"
	"math"

	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/workloads"
)

// LayerRow is what a per-layer column reads: one array layer of a run.
type LayerRow struct {
	Net   *sim.NetworkResult
	Layer *sim.LayerResult
}

type layerCol = Column[LayerRow]

// li reads an integer of the layer.
func li(get func(*sim.LayerResult) int64) func(LayerRow) string {
	return func(r LayerRow) string { return itoa(get(r.Layer)) }
}

// LayerColumns is logsim's per-layer schema (logsim_layers.csv and a
// sweep's per-layer file). Counts of elements are array-edge operand
// elements; cycles are array cycles.
func LayerColumns() []layerCol {
	cols := []layerCol{
		{"point_id", "", "the run's point_id (joins the network row)", ModelProvenant, func(r LayerRow) string { return r.Net.PointID }},
		{"network", "", "network name", ModelInput, func(r LayerRow) string { return r.Net.Network.Name }},
		{"layer_index", "", "position among the network's array layers, from 0", ModelInput, li(func(l *sim.LayerResult) int64 { return int64(l.Index) })},
		{"layer", "", "layer name", ModelInput, func(r LayerRow) string { return r.Layer.Layer.Name }},
		{"kind", "", "layer kind (conv, fc, matmul; other kinds are listed as not on the array)", ModelInput,
			func(r LayerRow) string { return string(r.Layer.Layer.Kind) }},
	}
	cols = append(cols, layerShapeColumns()...)
	cols = append(cols, layerCycleColumns()...)
	cols = append(cols, layerTrafficColumns()...)
	cols = append(cols, layerEnergyColumns()...)
	return append(cols, layerNumericsColumns()...)
}

func layerShapeColumns() []layerCol {
	return []layerCol{
		{"gemm_P", "rows", "GEMM output rows (B·Ho·Wo for a convolution)", ModelMapping, li(func(l *sim.LayerResult) int64 { return int64(l.GEMM.P) })},
		{"gemm_K", "elements", "GEMM reduction length (Kh·Kw·Cin/g)", ModelMapping, li(func(l *sim.LayerResult) int64 { return int64(l.GEMM.K) })},
		{"gemm_N", "columns", "GEMM output columns of one instance (Cout/g)", ModelMapping, li(func(l *sim.LayerResult) int64 { return int64(l.GEMM.N) })},
		{"gemm_count", "instances", "GEMM instances (groups, or batch × heads for attention)", ModelMapping,
			li(func(l *sim.LayerResult) int64 { return int64(l.GEMM.Count) })},
		{"macs", "MACs", "multiply-accumulates: P·K·N·count", ModelMapping, li(func(l *sim.LayerResult) int64 { return l.MACs() })},
		{"folds", "folds", "folds the array ran", ModelEventSim, li(func(l *sim.LayerResult) int64 { return int64(l.Folds) })},
		{"fold_interval_cycles", "cycles", "cycles from one fold's start to the next's, stall-free (whole-layer mapping)", ModelMapping,
			li(func(l *sim.LayerResult) int64 { return int64(l.Fold.Interval) })},
		{"fold_latency_cycles", "cycles", "cycles from a fold's start to its last output (whole-layer mapping)", ModelMapping,
			li(func(l *sim.LayerResult) int64 { return int64(l.Fold.Latency) })},
	}
}

func layerCycleColumns() []layerCol {
	return []layerCol{
		{"compute_cycles", "cycles", "the tiled fold schedule's stall-free cycles", ModelTiling, li(func(l *sim.LayerResult) int64 { return l.ComputeCycles })},
		{"sram_stall_cycles", "cycles", "cycles the array waited on SRAM ports", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.SRAMStallCycles })},
		{"dram_stall_cycles", "cycles", "cycles the array waited on operands from DRAM or room to write", ModelEventSim,
			li(func(l *sim.LayerResult) int64 { return l.DRAMStallCycles })},
		{"prologue_cycles", "cycles", "from the previous layer's last output (its write-back included) to this layer's first fold", ModelEventSim,
			li(func(l *sim.LayerResult) int64 { return l.PrologueCycles })},
		{"total_cycles", "cycles", "prologue + compute + stalls", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.TotalCycles })},
		{"time_us", "µs", "total_cycles at the clock", ModelEventSim, func(r LayerRow) string {
			return ftoa(float64(r.Layer.TotalCycles) * r.Net.Design.Point().CycleNs() / 1000)
		}},
		{"utilisation_pct", "%", "MACs / (total_cycles × R·C)", ModelEventSim, func(r LayerRow) string { return pct(r.Layer.Utilisation()) }},
		{"mapping_efficiency_pct", "%", "mean over folds of used PEs / (R·C)", ModelMapping,
			func(r LayerRow) string { return pct(r.Layer.Mapping.MappingEfficiency()) }},
		{"compute_util_pct", "%", "mean over folds of used PEs·T / (R·C·fold length), with the fold's real length", ModelMapping,
			func(r LayerRow) string { return pct(r.Layer.Mapping.ComputeUtil(r.Net.Design.Point().Timing)) }},
		{"bound_ideal_cycles", "cycles", "lower bound: ⌈MACs / (R·C)⌉, every PE busy every cycle", ModelMapping,
			li(func(l *sim.LayerResult) int64 { return l.Bounds.IdealCycles })},
		{"bound_mapped_cycles", "cycles", "lower bound: the whole-layer mapping's stall-free fold schedule (idle PEs of edge folds, fill and drain)", ModelMapping,
			li(func(l *sim.LayerResult) int64 { return l.Bounds.MappedCycles })},
		{"bound_dram_cycles", "cycles", "the layer's DRAM bytes at the DRAM's peak bandwidth (0 for the ideal DRAM); transfers that overlap the next layer can make a layer beat it", ModelEventSim,
			li(func(l *sim.LayerResult) int64 { return l.Bounds.DRAMCycles })},
		{"bound", "", "the largest of the three bounds: compute, mapping or dram", ModelEventSim,
			func(r LayerRow) string { b, _ := r.Layer.Bounds.Binding(); return string(b) }},
		{"bound_gap_pct", "%", "how far total_cycles is above the largest bound, in % of it", ModelEventSim,
			func(r LayerRow) string { return ftoa(r.Layer.BoundGapPct()) }},
	}
}

func layerTrafficColumns() []layerCol {
	sram := func(buffer int, reads bool) func(LayerRow) string {
		return func(r LayerRow) string {
			if reads {
				return itoa(r.Layer.SRAM[buffer].Reads())
			}
			return itoa(r.Layer.SRAM[buffer].Writes())
		}
	}
	return []layerCol{
		{"ifmap_sram_reads_elems", "elements", "input elements the array read", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.Traffic.IfmapReads })},
		{"filter_sram_reads_elems", "elements", "weight elements the array read", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.Traffic.FilterReads })},
		{"ofmap_sram_writes_elems", "elements", "output elements the array wrote, partial sums included", ModelEventSim,
			li(func(l *sim.LayerResult) int64 { return l.Traffic.OfmapWrites })},
		{"psum_sram_reads_elems", "elements", "partial sums read back to be accumulated", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.Traffic.PsumReads })},
		{"tiles", "tiles", "tiles the layer was cut into", ModelTiling, li(func(l *sim.LayerResult) int64 { return int64(l.Tiles) })},
		{"loop_order", "", "tile loop order, outermost first", ModelTiling, func(r LayerRow) string { return r.Layer.Order.String() }},
		{"tile_score", "objective", "the tiling objective's estimate of the chosen tiling (tile_objective: pJ·cycles, cycles, pJ or bits; empty with tiling whole)", ModelTiling,
			func(r LayerRow) string { return finite(r.Layer.TileScore) }},
		{"tile_runner_up_score", "objective", "the objective's estimate of the best other candidate (empty when there was none)", ModelTiling,
			func(r LayerRow) string { return finite(r.Layer.RunnerUpScore) }},
		{"dram_ifmap_read_bytes", "bytes", "ifmap bytes read from DRAM", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.DRAMBytes.IfmapRead })},
		{"dram_filter_read_bytes", "bytes", "filter bytes read from DRAM", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.DRAMBytes.FilterRead })},
		{"dram_psum_read_bytes", "bytes", "spilled partial sums read back from DRAM", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.DRAMBytes.PsumRead })},
		{"dram_psum_write_bytes", "bytes", "partial sums spilled to DRAM", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.DRAMBytes.PsumWrite })},
		{"dram_ofmap_write_bytes", "bytes", "final outputs written to DRAM", ModelEventSim, li(func(l *sim.LayerResult) int64 { return l.DRAMBytes.OfmapWrite })},
		{"dram_achieved_gbps", "GB/s", "DRAM bytes / the layer's time", ModelEventSim, func(r LayerRow) string {
			return ftoa(float64(r.Layer.DRAMBytes.Total()) / (float64(r.Layer.TotalCycles) * r.Net.Design.Point().CycleNs()))
		}},
		{"sram_ifmap_reads_words", "words", "ifmap buffer words read (array and DMA)", ModelEventSim, sram(0, true)},
		{"sram_ifmap_writes_words", "words", "ifmap buffer words written", ModelEventSim, sram(0, false)},
		{"sram_filter_reads_words", "words", "filter buffer words read", ModelEventSim, sram(1, true)},
		{"sram_filter_writes_words", "words", "filter buffer words written", ModelEventSim, sram(1, false)},
		{"sram_ofmap_reads_words", "words", "ofmap buffer words read", ModelEventSim, sram(2, true)},
		{"sram_ofmap_writes_words", "words", "ofmap buffer words written", ModelEventSim, sram(2, false)},
	}
}

func layerEnergyColumns() []layerCol {
	var cols []layerCol
	for _, p := range cost.EnergyParts() {
		p := p
		cols = append(cols, layerCol{"energy_" + p.String() + "_pj", "pJ", p.Doc(), ModelPricing,
			func(r LayerRow) string { return ftoa(r.Layer.Energy[p]) }})
	}
	return append(cols,
		layerCol{"energy_total_pj", "pJ", "the layer's energy: the sum of its parts (the network's final drain is not in any layer)", ModelPricing,
			func(r LayerRow) string { return ftoa(r.Layer.Energy.Total()) }},
		layerCol{"energy_per_mac_pj", "pJ/MAC", "energy_total_pj / macs", ModelPricing,
			func(r LayerRow) string { return ftoa(r.Layer.Energy.Total() / float64(r.Layer.MACs())) }})
}

func layerNumericsColumns() []layerCol {
	num := func(get func(*numerics.Result) string) func(LayerRow) string {
		return func(r LayerRow) string {
			if r.Layer.Numerics == nil {
				return ""
			}
			return get(r.Layer.Numerics)
		}
	}
	return []layerCol{
		{"numerics_data", "", "operands: synthetic or real (.npy files or captured from an ONNX model; empty when not measured)", ModelNumerics,
			num(func(n *numerics.Result) string { return dataKind(n.Synthetic) })},
		{"numerics_outputs", "outputs", "outputs evaluated", ModelNumerics, num(func(n *numerics.Result) string { return itoa(int64(n.Outputs)) })},
		{"sqnr_db", "dB", "SQNR of the accumulator output against the exact GEMM of the real-valued operands", ModelNumerics,
			num(func(n *numerics.Result) string { return ftoa(n.SQNRdB) })},
		{"output_code_sqnr_db", "dB", "SQNR after the output encoder (the activation code)", ModelNumerics,
			num(func(n *numerics.Result) string { return ftoa(n.OutputSQNRdB) })},
		{"mean_rel_err", "", "mean relative error of the outputs", ModelNumerics, num(func(n *numerics.Result) string { return ftoa(n.MeanRelErr) })},
	}
}

// finite formats v, or "" when it is NaN or infinite (not computed).
func finite(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return ftoa(v)
}

// WriteLayerCSV writes logsim's per-layer CSV for one or more runs: one
// row per array layer, then one per layer run on the vector unit (the
// columns that apply to it; kind "add (vector unit)"), then one per layer
// not simulated (name and kind only), so the whole network is accounted
// for.
func WriteLayerCSV(w io.Writer, runs ...sim.NetworkResult) error {
	cols := LayerColumns()
	cw := csv.NewWriter(w)
	if err := cw.Write(Names(cols)); err != nil {
		return err
	}
	for i := range runs {
		if err := writeLayerRows(cw, cols, &runs[i]); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeLayerRows(cw *csv.Writer, cols []layerCol, r *sim.NetworkResult) error {
	for i := range r.Layers {
		if err := cw.Write(Values(cols, LayerRow{Net: r, Layer: &r.Layers[i]})); err != nil {
			return err
		}
	}
	for i := range r.Vector {
		if err := cw.Write(vectorRow(cols, r, &r.Vector[i])); err != nil {
			return err
		}
	}
	for _, l := range r.NotOnArray {
		if err := cw.Write(notOnArrayRow(len(cols), r, l)); err != nil {
			return err
		}
	}
	return nil
}

func notOnArrayRow(n int, r *sim.NetworkResult, l workloads.Layer) []string {
	row := make([]string, n)
	row[0], row[1], row[3], row[4] = r.PointID, r.Network.Name, l.Name, string(l.Kind)+" (not simulated)"
	return row
}

// vectorRow is a layer run on the vector unit, in the per-layer columns
// that apply to it (vectorValues); the array's columns are empty.
func vectorRow(cols []layerCol, r *sim.NetworkResult, v *sim.VectorResult) []string {
	values := vectorValues(r, v)
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = values[c.Name]
	}
	return row
}

func vectorValues(r *sim.NetworkResult, v *sim.VectorResult) map[string]string {
	sram := func(i int) [2]string { return [2]string{itoa(v.SRAM[i].Reads()), itoa(v.SRAM[i].Writes())} }
	in, fl, out := sram(0), sram(1), sram(2)
	bound, _ := v.Bounds.Binding()
	vals := map[string]string{
		"point_id": r.PointID, "network": r.Network.Name, "layer": v.Layer.Name, "kind": string(v.Layer.Kind) + " (vector unit)",
		"compute_cycles": itoa(v.ComputeCycles), "sram_stall_cycles": "0", "dram_stall_cycles": itoa(v.DRAMStallCycles),
		"prologue_cycles": itoa(v.PrologueCycles), "total_cycles": itoa(v.TotalCycles),
		"time_us": ftoa(float64(v.TotalCycles) * r.Design.Point().CycleNs() / 1000), "tiles": itoa(int64(v.Tiles)),
		"bound_ideal_cycles": itoa(v.Bounds.IdealCycles), "bound_mapped_cycles": itoa(v.Bounds.MappedCycles),
		"bound_dram_cycles": itoa(v.Bounds.DRAMCycles), "bound": string(bound),
		"bound_gap_pct":         ftoa(sim.GapPct(v.TotalCycles, max(v.Bounds.MappedCycles, v.Bounds.DRAMCycles))),
		"dram_ifmap_read_bytes": itoa(v.DRAMBytes.IfmapRead), "dram_filter_read_bytes": "0", "dram_psum_read_bytes": "0",
		"dram_psum_write_bytes": "0", "dram_ofmap_write_bytes": itoa(v.DRAMBytes.OfmapWrite),
		"dram_achieved_gbps":     ftoa(float64(v.DRAMBytes.Total()) / (float64(v.TotalCycles) * r.Design.Point().CycleNs())),
		"sram_ifmap_reads_words": in[0], "sram_ifmap_writes_words": in[1], "sram_filter_reads_words": fl[0],
		"sram_filter_writes_words": fl[1], "sram_ofmap_reads_words": out[0], "sram_ofmap_writes_words": out[1],
		"energy_total_pj": ftoa(v.Energy.Total()),
	}
	for _, p := range cost.EnergyParts() {
		vals["energy_"+p.String()+"_pj"] = ftoa(v.Energy[p])
	}
	return vals
}
