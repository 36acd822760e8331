package results

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/logsim/logsim/sim"
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
