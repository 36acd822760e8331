package results

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/accuracy"
	"github.com/logsim/logsim/sim/analytic"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
)

// NetRow is what a network column reads: one design point run on one
// network.
type NetRow = *sim.NetworkResult

type netCol = Column[NetRow]

func uj(pj float64) string { return ftoa(cost.PJToUJ(pj)) }

// NetworkColumns is the one-row-per-run summary every command writes
// (logsim_network.csv, the sweep CSV, compare): what produced the row, the
// network, the whole design point and what resolution derived from it,
// totals over the network (final drain included), energy in µJ and area in
// mm² by part, efficiency, and numerics.
func NetworkColumns() []netCol {
	cols := []netCol{
		{"logsim_version", "", "logsim version that wrote the row (sim.Version, bumped by hand)", ModelProvenant,
			func(NetRow) string { return sim.Version }},
		{"point_id", "", "hash of the resolved design point and the network (sim.PointID): the same design on the same network has the same ID in every file", ModelProvenant,
			func(r NetRow) string { return r.PointID }},
		{"fidelity", "", "the level the row was computed at: event (the Akita simulation, every DRAM request an event) or analytic (the same components tile by tile, DMA transfers timed from the DRAM's bandwidth and latency; README: fidelity levels)", ModelProvenant,
			func(r NetRow) string { return r.Fidelity }},
		{"fidelity_fallback", "", "why the analytic level, asked for, fell back to the event simulation on this point (empty: it did not)", ModelProvenant,
			func(r NetRow) string { return r.FidelityFallback }},
		{"analytic_dram_gbps", "GB/s", "at the analytic level with a command-level DRAM (fast, akita): the bandwidth of the bandwidth model standing in for it, fitted to the event DMA on that DRAM (analytic.Calibration; empty otherwise)", ModelResolved,
			standIn(func(c *analytic.Calibration) float64 { return c.SustainedGBps })},
		{"analytic_dram_latency_ns", "ns", "the stand-in's latency on top of its bus transfer, fitted with its bandwidth (empty otherwise)", ModelResolved,
			standIn(func(c *analytic.Calibration) float64 { return c.StandIn.LatencyNS })},
		{"event_check_total_cycles", "cycles", "for a point an auto sweep also ran with the event simulation: its total cycles (empty otherwise)", ModelEventSim,
			eventCheck(func(r NetRow) string { return itoa(r.EventCheck.TotalCycles) })},
		{"event_check_cycles_error_pct", "%", "the analytic level's total cycles less the event simulation's, in % of them (empty unless checked)", ModelEventSim,
			eventCheck(func(r NetRow) string { return ftoa(r.EventCheck.CyclesErrorPct(r.Totals().TotalCycles)) })},
		{"event_check_dram_bytes_equal", "", "whether both levels moved the same DRAM bytes: true or false (empty unless checked)", ModelEventSim,
			eventCheck(func(r NetRow) string {
				return strconv.FormatBool(r.EventCheck.DRAMBytes == r.Totals().DRAMBytes.Total())
			})},
		{"network", "", "network name", ModelInput, func(r NetRow) string { return r.Network.Name }},
		{"network_source", "", "where the network's shapes come from (reference implementation or file)", ModelInput,
			func(r NetRow) string { return r.Network.Source }},
		{"batch", "images", "batch size of the network", ModelInput, func(r NetRow) string { return strconv.Itoa(r.Network.Batch) }},
	}
	cols = append(cols, designColumns()...)
	cols = append(cols, resolvedColumns()...)
	cols = append(cols, totalColumns()...)
	cols = append(cols, energyColumns()...)
	cols = append(cols, areaColumns()...)
	cols = append(cols, efficiencyColumns()...)
	return append(append(cols, numericsColumns()...), accuracyColumns()...)
}

// eventCheck is a column of an auto sweep's event check, empty without one.
func eventCheck(v func(NetRow) string) func(NetRow) string {
	return func(r NetRow) string {
		if r.EventCheck == nil {
			return ""
		}
		return v(r)
	}
}

// standIn is a column of the analytic level's DRAM stand-in, empty
// without one.
func standIn(v func(*analytic.Calibration) float64) func(NetRow) string {
	return func(r NetRow) string {
		if r.DRAMStandIn == nil {
			return ""
		}
		return ftoa(v(r.DRAMStandIn))
	}
}

// designColumns are the design parameters, named by their keys.
func designColumns() []netCol {
	var cols []netCol
	for _, pr := range design.Params() {
		pr := pr
		cols = append(cols, netCol{pr.Key, pr.Unit, pr.Usage, ModelDesign,
			func(r NetRow) string { return pr.Get(r.Design.Point()) }})
	}
	return cols
}

func resolvedColumns() []netCol {
	return []netCol{
		{"dram_peak_gbps", "GB/s", "peak bandwidth of the DRAM as simulated (all channels; the bandwidth model's own; +Inf for ideal)", ModelResolved,
			func(r NetRow) string { return ftoa(r.Design.DRAM().PeakGBps()) }},
		{"dram_channels", "channels", "independent DRAM channels simulated", ModelResolved,
			func(r NetRow) string { return strconv.Itoa(r.Design.DRAM().Channels()) }},
		{"dram_pj_per_bit", "pJ/bit", "DRAM energy per bit: the preset's EnergyPJPerBit times its scale at the corner", ModelResolved,
			func(r NetRow) string { return ftoa(r.Design.DRAMPJPerBit()) }},
	}
}

func totalColumns() []netCol {
	tot := func(get func(sim.Totals) int64) func(NetRow) string {
		return func(r NetRow) string { return itoa(get(r.Totals())) }
	}
	return []netCol{
		{"array_layers", "layers", "layers run on the array", ModelEventSim, func(r NetRow) string { return strconv.Itoa(len(r.Layers)) }},
		{"unsimulated_layers", "layers", "layers off the array that were only listed (vector_unit off): no cycles or energy", ModelInput,
			func(r NetRow) string { return strconv.Itoa(len(r.NotOnArray)) }},
		{"vector_layers", "layers", "layers off the array run on the vector unit", ModelEventSim,
			func(r NetRow) string { return strconv.Itoa(len(r.Vector)) }},
		{"macs", "MACs", "multiply-accumulates of the array layers", ModelMapping, tot(func(t sim.Totals) int64 { return t.MACs })},
		{"vector_ops", "operations", "operations of the vector unit", ModelEventSim, tot(func(t sim.Totals) int64 { return t.VectorOps })},
		{"total_cycles", "cycles", "elapsed cycles: the array's and the vector unit's layers plus the final drain", ModelEventSim,
			tot(func(t sim.Totals) int64 { return t.TotalCycles })},
		{"compute_cycles", "cycles", "stall-free cycles of the layers' fold schedules", ModelTiling,
			tot(func(t sim.Totals) int64 { return t.ComputeCycles })},
		{"sram_stall_cycles", "cycles", "cycles the array waited on SRAM ports", ModelEventSim,
			tot(func(t sim.Totals) int64 { return t.SRAMStallCycles })},
		{"dram_stall_cycles", "cycles", "cycles the array waited on operands from DRAM or room to write", ModelEventSim,
			tot(func(t sim.Totals) int64 { return t.DRAMStallCycles })},
		{"prologue_cycles", "cycles", "cycles from each layer's start to its first fold (its first fill)", ModelEventSim,
			tot(func(t sim.Totals) int64 { return t.PrologueCycles })},
		{"vector_cycles", "cycles", "cycles of the layers on the vector unit (prologues and stalls included)", ModelEventSim,
			tot(func(t sim.Totals) int64 { return t.VectorCycles })},
		{"drain_cycles", "cycles", "final write-back of the last layer's outputs", ModelEventSim,
			tot(func(t sim.Totals) int64 { return t.DrainCycles })},
		{"time_us", "µs", "elapsed time: total_cycles at the clock", ModelEventSim, func(r NetRow) string { return ftoa(r.TimeUs()) }},
		{"utilisation_pct", "%", "MACs / (total_cycles × R·C)", ModelEventSim, func(r NetRow) string { return pct(r.Utilisation()) }},
		{"bound_cycles", "cycles", "lower bound of the network: the sum over layers of each layer's largest bound (logsim_layers.csv)", ModelEventSim,
			func(r NetRow) string { _, b := r.NetworkBound(); return itoa(b) }},
		{"bound", "", "the bound (compute, mapping, dram) that most of bound_cycles comes from", ModelEventSim,
			func(r NetRow) string { b, _ := r.NetworkBound(); return string(b) }},
		{"bound_gap_pct", "%", "how far total_cycles is above bound_cycles, in % of it", ModelEventSim,
			func(r NetRow) string { _, b := r.NetworkBound(); return ftoa(sim.GapPct(r.Totals().TotalCycles, b)) }},
		{"layers_near_bound", "layers", "array layers within 10 % of their largest bound", ModelEventSim,
			func(r NetRow) string { return strconv.Itoa(r.LayersNearBound(10)) }},
		{"dram_read_bytes", "bytes", "bytes read from DRAM (codes packed into 64-bit words)", ModelEventSim,
			tot(func(t sim.Totals) int64 { return t.DRAMBytes.Read() })},
		{"dram_write_bytes", "bytes", "bytes written to DRAM", ModelEventSim, tot(func(t sim.Totals) int64 { return t.DRAMBytes.Written() })},
	}
}

func energyColumns() []netCol {
	var cols []netCol
	for _, p := range cost.EnergyParts() {
		p := p
		cols = append(cols, netCol{"energy_" + p.String() + "_uj", "µJ", p.Doc(), ModelPricing,
			func(r NetRow) string { return uj(r.Cost.Energy[p]) }})
	}
	return append(cols, netCol{"energy_total_uj", "µJ", "total energy: the sum of the energy parts", ModelPricing,
		func(r NetRow) string { return uj(r.Cost.Energy.Total()) }})
}

func areaColumns() []netCol {
	var cols []netCol
	for _, p := range cost.AreaParts() {
		p := p
		cols = append(cols, netCol{"area_" + p.String() + "_mm2", "mm²", p.Doc(), ModelPricing,
			func(r NetRow) string { return ftoa(r.Cost.Area[p]) }})
	}
	return append(cols, netCol{"area_total_mm2", "mm²", "total area: the sum of the area parts", ModelPricing,
		func(r NetRow) string { return ftoa(r.Cost.Area.Total()) }})
}

func efficiencyColumns() []netCol {
	m := func(get func(cost.Metrics) float64) func(NetRow) string {
		return func(r NetRow) string { return ftoa(get(r.Cost.Metrics)) }
	}
	return []netCol{
		{"energy_per_mac_pj", "pJ/MAC", "total energy per MAC", ModelPricing, m(func(x cost.Metrics) float64 { return x.PJPerMAC })},
		{"power_mw", "mW", "average power: energy / time", ModelPricing, m(func(x cost.Metrics) float64 { return x.PowerMW })},
		{"throughput_gmac_per_s", "GMAC/s", "MACs / time (GOPS = 2 × GMAC/s)", ModelEventSim, m(func(x cost.Metrics) float64 { return x.GMACPerS })},
		{"efficiency_gmac_per_j", "GMAC/J", "MACs / energy (= GMAC/s/W)", ModelPricing, m(func(x cost.Metrics) float64 { return x.GMACPerSPerW })},
		{"density_gmac_per_s_per_mm2", "GMAC/s/mm²", "throughput per area", ModelPricing, m(func(x cost.Metrics) float64 { return x.GMACPerSPerMM2 })},
		{"edp_uj_us", "µJ·µs", "energy-delay product: energy_total_uj × time_us", ModelPricing,
			func(r NetRow) string { return ftoa(cost.PJToUJ(r.Cost.Energy.Total()) * r.TimeUs()) }},
	}
}

func numericsColumns() []netCol {
	return []netCol{
		{"numerics_data", "", "operands of the numerics: synthetic, real (.npy files or captured from an ONNX model), or empty when not measured", ModelNumerics,
			func(r NetRow) string {
				if len(r.Layers) == 0 || r.Layers[0].Numerics == nil {
					return ""
				}
				return dataKind(r.Layers[0].Numerics.Synthetic)
			}},
		{"sqnr_min_db", "dB", "lowest per-layer SQNR of the accumulator output against the exact GEMM (empty when not measured)", ModelNumerics,
			func(r NetRow) string {
				if v, ok := r.MinSQNRdB(); ok {
					return ftoa(v)
				}
				return ""
			}},
	}
}

// accuracyColumns are the top-1 accuracy measured through the PE
// arithmetic (logsim run --accuracy), empty when not measured.
func accuracyColumns() []netCol {
	pct := func(f func(a *accuracy.Result) float64) func(NetRow) string {
		return func(r NetRow) string {
			if r.Accuracy == nil {
				return ""
			}
			return ftoa(100 * f(r.Accuracy))
		}
	}
	return []netCol{
		{"top1_pct", "%", "top-1 accuracy on the held-out images through the PE arithmetic (empty when not measured)", ModelAccuracy,
			pct(func(a *accuracy.Result) float64 { return a.Top1 })},
		{"top1_lo_pct", "%", "lower end of top1_pct's 95 % Wilson interval", ModelAccuracy, pct(func(a *accuracy.Result) float64 { return a.Lo })},
		{"top1_hi_pct", "%", "upper end of top1_pct's 95 % Wilson interval", ModelAccuracy, pct(func(a *accuracy.Result) float64 { return a.Hi })},
		{"float_top1_pct", "%", "top-1 accuracy of the float64 reference on the same images", ModelAccuracy,
			pct(func(a *accuracy.Result) float64 { return a.Float.Top1 })},
	}
}

func dataKind(synthetic bool) string {
	if synthetic {
		return "synthetic"
	}
	return "real"
}

// WriteNetworkCSV writes the header and one summary row per result, so
// runs of a sweep can share one file.
func WriteNetworkCSV(w io.Writer, runs ...sim.NetworkResult) error {
	cols := NetworkColumns()
	cw := csv.NewWriter(w)
	if err := cw.Write(Names(cols)); err != nil {
		return err
	}
	for i := range runs {
		if err := cw.Write(Values(cols, &runs[i])); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
