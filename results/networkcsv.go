package results

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/energy"
)

// netColumn is one column of the network summary.
type netColumn struct {
	header string
	value  func(r sim.NetworkResult) string
}

func uj(pj float64) string { return ftoa(energy.PJToUJ(pj)) }

// networkColumns is the one-row-per-run summary: the design point, then
// totals over the whole network (final drain included), energy in µJ by
// component, area in mm² by component, and efficiency.
var networkColumns = []netColumn{
	{"network", func(r sim.NetworkResult) string { return r.Network.Name }},
	{"run_name", func(r sim.NetworkResult) string { return r.Design.RunName }},
	{"rows", func(r sim.NetworkResult) string { return strconv.Itoa(r.Design.Array.Rows) }},
	{"cols", func(r sim.NetworkResult) string { return strconv.Itoa(r.Design.Array.Cols) }},
	{"dataflow", func(r sim.NetworkResult) string { return r.Design.Dataflow.String() }},
	{"timing", func(r sim.NetworkResult) string { return r.Design.Timing.String() }},
	{"clock_mhz", func(r sim.NetworkResult) string { return ftoa(r.Design.ClockMHz) }},
	{"pe", func(r sim.NetworkResult) string { return r.Design.PE.String() }},
	{"ifmap_kib", func(r sim.NetworkResult) string { return strconv.Itoa(r.Design.IfmapKiB) }},
	{"filter_kib", func(r sim.NetworkResult) string { return strconv.Itoa(r.Design.FilterKiB) }},
	{"ofmap_kib", func(r sim.NetworkResult) string { return strconv.Itoa(r.Design.OfmapKiB) }},
	{"word_bits", func(r sim.NetworkResult) string { return strconv.Itoa(r.Design.WordBits) }},
	{"dram_model", func(r sim.NetworkResult) string { return r.Design.DRAM.Model }},
	{"dram_preset", func(r sim.NetworkResult) string { return r.Design.DRAM.Preset }},
	{"corner", func(r sim.NetworkResult) string { return r.Design.Corner.String() }},
	{"node_nm", func(r sim.NetworkResult) string { return strconv.Itoa(r.Design.NodeNM) }},
	{"macs", func(r sim.NetworkResult) string { return itoa(r.Totals().MACs) }},
	{"total_cycles", func(r sim.NetworkResult) string { return itoa(r.Totals().TotalCycles) }},
	{"compute_cycles", func(r sim.NetworkResult) string { return itoa(r.Totals().ComputeCycles) }},
	{"stall_cycles", func(r sim.NetworkResult) string { return itoa(r.Totals().StallCycles) }},
	{"prologue_cycles", func(r sim.NetworkResult) string { return itoa(r.Totals().PrologueCycles) }},
	{"drain_cycles", func(r sim.NetworkResult) string { return itoa(r.Totals().DrainCycles) }},
	{"time_us", func(r sim.NetworkResult) string {
		return ftoa(float64(r.Totals().TotalCycles) * r.Design.CycleNs() / 1000)
	}},
	{"utilisation_pct", func(r sim.NetworkResult) string { return pct(r.Utilisation()) }},
	{"dram_read_bytes", func(r sim.NetworkResult) string { return itoa(r.Totals().DRAMBytes.Read()) }},
	{"dram_write_bytes", func(r sim.NetworkResult) string { return itoa(r.Totals().DRAMBytes.Written()) }},
	{"energy_pe_arithmetic_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.PEArithmeticPJ) }},
	{"energy_pe_registers_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.PERegistersPJ) }},
	{"energy_edge_units_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.EdgePJ) }},
	{"energy_ifmap_sram_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.IfmapPJ) }},
	{"energy_filter_sram_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.FilterPJ) }},
	{"energy_ofmap_sram_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.OfmapPJ) }},
	{"energy_dram_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.DRAMPJ) }},
	{"energy_logic_leakage_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.LogicLeakagePJ) }},
	{"energy_sram_leakage_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.SRAMLeakagePJ) }},
	{"energy_total_uj", func(r sim.NetworkResult) string { return uj(r.Cost.Energy.TotalPJ) }},
	{"area_pe_arithmetic_mm2", func(r sim.NetworkResult) string { return ftoa(r.Cost.Area.PEArithmeticMM2) }},
	{"area_pe_registers_mm2", func(r sim.NetworkResult) string { return ftoa(r.Cost.Area.PERegistersMM2) }},
	{"area_edge_units_mm2", func(r sim.NetworkResult) string { return ftoa(r.Cost.Area.EdgeMM2) }},
	{"area_ifmap_sram_mm2", func(r sim.NetworkResult) string { return ftoa(r.Cost.Area.IfmapMM2) }},
	{"area_filter_sram_mm2", func(r sim.NetworkResult) string { return ftoa(r.Cost.Area.FilterMM2) }},
	{"area_ofmap_sram_mm2", func(r sim.NetworkResult) string { return ftoa(r.Cost.Area.OfmapMM2) }},
	{"area_total_mm2", func(r sim.NetworkResult) string { return ftoa(r.Cost.Area.TotalMM2) }},
	{"energy_per_mac_pj", func(r sim.NetworkResult) string { return ftoa(r.Cost.Metrics.PJPerMAC) }},
	{"power_mw", func(r sim.NetworkResult) string { return ftoa(r.Cost.Metrics.PowerMW) }},
	{"throughput_gmac_per_s", func(r sim.NetworkResult) string { return ftoa(r.Cost.Metrics.GMACPerS) }},
	{"efficiency_gmac_per_j", func(r sim.NetworkResult) string { return ftoa(r.Cost.Metrics.GMACPerSPerW) }},
	{"density_gmac_per_s_per_mm2", func(r sim.NetworkResult) string { return ftoa(r.Cost.Metrics.GMACPerSPerMM2) }},
}

// WriteNetworkCSV writes the header and one summary row per result, so
// runs of a sweep can share one file.
func WriteNetworkCSV(w io.Writer, runs ...sim.NetworkResult) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(networkColumns))
	for i, c := range networkColumns {
		header[i] = c.header
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range runs {
		row := make([]string, len(networkColumns))
		for i, c := range networkColumns {
			row[i] = c.value(r)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
