package results

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/energy"
	"github.com/logsim/logsim/workloads"
)

// column is one CSV column: a header that names its unit and a getter.
type column struct {
	header string
	value  func(r sim.NetworkResult, l sim.LayerResult) string
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// ftoa formats a float with enough digits to read back exactly.
func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func pct(v float64) string { return ftoa(100 * v) }

// layerColumns is logsim's per-layer CSV schema. Counts of elements are
// array-edge operand elements; cycles are array cycles.
var layerColumns = []column{
	{"layer_index", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(int64(l.Index)) }},
	{"layer", func(_ sim.NetworkResult, l sim.LayerResult) string { return l.Layer.Name }},
	{"kind", func(_ sim.NetworkResult, l sim.LayerResult) string { return string(l.Layer.Kind) }},
	{"gemm_P", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(int64(l.GEMM.P)) }},
	{"gemm_K", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(int64(l.GEMM.K)) }},
	{"gemm_N", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(int64(l.GEMM.N)) }},
	{"gemm_count", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(int64(l.GEMM.Count)) }},
	{"macs", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.MACs()) }},
	{"folds", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(int64(l.Folds)) }},
	{"fold_interval_cycles", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(int64(l.Fold.Interval)) }},
	{"fold_latency_cycles", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(int64(l.Fold.Latency)) }},
	{"compute_cycles", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.ComputeCycles) }},
	{"sram_stall_cycles", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.SRAMStallCycles) }},
	{"dram_stall_cycles", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.DRAMStallCycles) }},
	{"prologue_cycles", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.PrologueCycles) }},
	{"total_cycles", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.TotalCycles) }},
	{"time_us", func(r sim.NetworkResult, l sim.LayerResult) string {
		return ftoa(float64(l.TotalCycles) * r.Design.CycleNs() / 1000)
	}},
	{"utilisation_pct", func(_ sim.NetworkResult, l sim.LayerResult) string { return pct(l.Utilisation()) }},
	{"mapping_efficiency_pct", func(_ sim.NetworkResult, l sim.LayerResult) string {
		return pct(l.Mapping.MappingEfficiency())
	}},
	{"compute_util_pct", func(r sim.NetworkResult, l sim.LayerResult) string {
		return pct(l.Mapping.ComputeUtil(r.Design.Timing))
	}},
	{"ifmap_sram_reads_elems", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.Traffic.IfmapReads) }},
	{"filter_sram_reads_elems", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.Traffic.FilterReads) }},
	{"ofmap_sram_writes_elems", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.Traffic.OfmapWrites) }},
	{"psum_sram_reads_elems", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.Traffic.PsumReads) }},
	{"tiles", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(int64(l.Tiles)) }},
	{"loop_order", func(_ sim.NetworkResult, l sim.LayerResult) string { return l.Order.String() }},
	{"dram_ifmap_read_bytes", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.DRAMBytes.IfmapRead) }},
	{"dram_filter_read_bytes", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.DRAMBytes.FilterRead) }},
	{"dram_psum_read_bytes", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.DRAMBytes.PsumRead) }},
	{"dram_psum_write_bytes", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.DRAMBytes.PsumWrite) }},
	{"dram_ofmap_write_bytes", func(_ sim.NetworkResult, l sim.LayerResult) string { return itoa(l.DRAMBytes.OfmapWrite) }},
	{"dram_achieved_gbps", func(r sim.NetworkResult, l sim.LayerResult) string {
		return ftoa(float64(l.DRAMBytes.Total()) / (float64(l.TotalCycles) * r.Design.CycleNs()))
	}},
	{"sram_ifmap_reads_words", sramCol(0, true)}, {"sram_ifmap_writes_words", sramCol(0, false)},
	{"sram_filter_reads_words", sramCol(1, true)}, {"sram_filter_writes_words", sramCol(1, false)},
	{"sram_ofmap_reads_words", sramCol(2, true)}, {"sram_ofmap_writes_words", sramCol(2, false)},
	{"energy_pe_arithmetic_pj", energyCol(func(e energy.Breakdown) float64 { return e.PEArithmeticPJ })},
	{"energy_pe_registers_pj", energyCol(func(e energy.Breakdown) float64 { return e.PERegistersPJ })},
	{"energy_edge_units_pj", energyCol(func(e energy.Breakdown) float64 { return e.EdgePJ })},
	{"energy_ifmap_sram_pj", energyCol(func(e energy.Breakdown) float64 { return e.IfmapPJ })},
	{"energy_filter_sram_pj", energyCol(func(e energy.Breakdown) float64 { return e.FilterPJ })},
	{"energy_ofmap_sram_pj", energyCol(func(e energy.Breakdown) float64 { return e.OfmapPJ })},
	{"energy_dram_pj", energyCol(func(e energy.Breakdown) float64 { return e.DRAMPJ })},
	{"energy_leakage_pj", energyCol(func(e energy.Breakdown) float64 { return e.LeakagePJ() })},
	{"energy_total_pj", energyCol(func(e energy.Breakdown) float64 { return e.TotalPJ })},
	{"energy_per_mac_pj", func(_ sim.NetworkResult, l sim.LayerResult) string {
		return ftoa(l.Energy.TotalPJ / float64(l.MACs()))
	}},
	{"numerics_data", numericsCol(func(n *numerics.Result) string {
		if n.Synthetic {
			return "synthetic"
		}
		return "npy"
	})},
	{"numerics_outputs", numericsCol(func(n *numerics.Result) string { return itoa(int64(n.Outputs)) })},
	{"sqnr_db", numericsCol(func(n *numerics.Result) string { return ftoa(n.SQNRdB) })},
	{"output_code_sqnr_db", numericsCol(func(n *numerics.Result) string { return ftoa(n.OutputSQNRdB) })},
	{"mean_rel_err", numericsCol(func(n *numerics.Result) string { return ftoa(n.MeanRelErr) })},
}

// numericsCol is empty for a layer whose numerics were not measured.
func numericsCol(get func(*numerics.Result) string) func(sim.NetworkResult, sim.LayerResult) string {
	return func(_ sim.NetworkResult, l sim.LayerResult) string {
		if l.Numerics == nil {
			return ""
		}
		return get(l.Numerics)
	}
}

func sramCol(buffer int, reads bool) func(sim.NetworkResult, sim.LayerResult) string {
	return func(_ sim.NetworkResult, l sim.LayerResult) string {
		if reads {
			return itoa(l.SRAM[buffer].Reads())
		}
		return itoa(l.SRAM[buffer].Writes())
	}
}

func energyCol(get func(energy.Breakdown) float64) func(sim.NetworkResult, sim.LayerResult) string {
	return func(_ sim.NetworkResult, l sim.LayerResult) string { return ftoa(get(l.Energy)) }
}

// WriteLayerCSV writes logsim's per-layer CSV: one row per array layer,
// then one row per layer that does not run on the array (kind and name
// only, marked in the "kind" column), so the whole network is accounted for.
func WriteLayerCSV(w io.Writer, r sim.NetworkResult) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(layerColumns))
	for i, c := range layerColumns {
		header[i] = c.header
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, l := range r.Layers {
		row := make([]string, len(layerColumns))
		for i, c := range layerColumns {
			row[i] = c.value(r, l)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	for _, l := range r.NotOnArray {
		if err := cw.Write(notOnArrayRow(l)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func notOnArrayRow(l workloads.Layer) []string {
	row := make([]string, len(layerColumns))
	row[0], row[1], row[2] = "", l.Name, string(l.Kind)+" (not on array)"
	return row
}
