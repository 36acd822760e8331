package results

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/dataflow/scalesimmem"
	"github.com/logsim/logsim/memory/dram"
	"github.com/logsim/logsim/sim"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/workloads"
)

// SCALESimReports are the rows of SCALE-Sim v2's three report files for
// one run.
type SCALESimReports struct {
	Compute []ComputeReportRow // COMPUTE_REPORT.csv
	Access  []AccessRow        // BANDWIDTH_REPORT.csv and DETAILED_ACCESS_REPORT.csv
}

// UsesSCALESimModel reports whether a design point is SCALE-Sim's CALC
// mode — scalesim timing, each layer one tile, the ideal DRAM, what a
// CALC-mode config sets — for which the bandwidth and access reports come
// from SCALE-Sim's own memory model (dataflow/scalesimmem). For any other
// point they come from logsim's simulation.
func UsesSCALESimModel(p design.Point) bool {
	return p.Timing == dataflow.ScaleSim && p.WholeLayers && p.DRAM.Model == dram.ModelIdeal
}

// BuildSCALESimReports derives the three reports of a run. In CALC mode
// (UsesSCALESimModel) the bandwidth and access rows are SCALE-Sim's memory
// model run on every layer; with compat they keep SCALE-Sim's counting
// bugs and the compute rows are the model's too (SCALE-Sim's cycles and its
// Compute Util %), so that all three files equal SCALE-Sim's. compat is an
// error for any other point. Otherwise the rows are what the simulation
// counted.
func BuildSCALESimReports(r sim.NetworkResult, compat bool) (SCALESimReports, error) {
	p := r.Design.Point()
	if !UsesSCALESimModel(p) {
		if compat {
			return SCALESimReports{}, ErrCompatNeedsCALC
		}
		compute := ComputeReportRows(r)
		return SCALESimReports{Compute: compute, Access: simulatedAccessRows(r, compute)}, nil
	}
	models, err := modelLayers(r, compat)
	if err != nil {
		return SCALESimReports{}, err
	}
	out := SCALESimReports{Compute: ComputeReportRows(r)}
	for i, m := range models {
		out.Access = append(out.Access, AccessRow{LayerID: i, TotalCycles: m.TotalCycles,
			Ifmap: m.Ifmap, Filter: m.Filter, Ofmap: m.Ofmap})
		if compat {
			out.Compute[i] = ComputeReportRow{LayerID: i, TotalCycles: m.TotalCycles, StallCycles: m.StallCycles,
				OverallUtil: m.OverallUtil, MappingEff: m.MappingEff, ComputeUtil: m.ComputeUtil}
		}
	}
	return out, nil
}

// ErrCompatNeedsCALC is the error for --scalesim-compat on a point that is
// not SCALE-Sim's CALC mode.
var ErrCompatNeedsCALC = errors.New("--scalesim-compat reproduces SCALE-Sim's CALC mode: " +
	"it needs a CALC-mode config (scalesim timing, --tiling whole, --dram ideal); SCALE-Sim's USER mode is not reproduced")

// modelLayers runs SCALE-Sim's memory model on every array layer, on as
// many goroutines as there are CPUs (each layer has its own buffers, as in
// SCALE-Sim, so the results do not depend on the order); layers of the
// same shape run once.
func modelLayers(r sim.NetworkResult, compat bool) ([]scalesimmem.Layer, error) {
	p := r.Design.Point()
	cfg := scalesimmem.Config{Array: p.Array, Dataflow: p.Dataflow,
		IfmapKiB: p.IfmapKiB, FilterKiB: p.FilterKiB, OfmapKiB: p.OfmapKiB, Compat: compat}
	first := map[workloads.Layer]int{} // shape → first layer with it
	source := make([]int, len(r.Layers))
	for i, l := range r.Layers {
		key := l.Layer
		key.Name = ""
		if _, ok := first[key]; !ok {
			first[key] = i
		}
		source[i] = first[key]
	}
	out := make([]scalesimmem.Layer, len(r.Layers))
	errs := make([]error, len(r.Layers))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.NumCPU())
	for i, l := range r.Layers {
		if source[i] != i {
			continue
		}
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			out[i], errs[i] = scalesimmem.Simulate(l.Layer, cfg)
		}()
	}
	wg.Wait()
	for i := range out {
		if err := errs[source[i]]; err != nil {
			return nil, fmt.Errorf("SCALE-Sim's memory model: %w", err)
		}
		out[i] = out[source[i]]
	}
	return out, nil
}

// simulatedAccessRows are the access rows of a run from what the
// simulation counted: the array's operand windows and SRAM accesses, the
// DMA's DRAM transfers, all in bytes (SCALE-Sim's 1-byte words). Partial
// sums read back from DRAM have no column in SCALE-Sim's format; they are
// in logsim_layers.csv.
func simulatedAccessRows(r sim.NetworkResult, compute []ComputeReportRow) []AccessRow {
	bits := int64(r.Design.Point().WordBits)
	bytes := func(words int64) int64 { return (words*bits + 7) / 8 }
	rows := make([]AccessRow, len(r.Layers))
	for i, l := range r.Layers {
		d, spans := l.DRAMBytes, l.DRAMSpans
		rows[i] = AccessRow{LayerID: l.Index, TotalCycles: compute[i].TotalCycles,
			Ifmap:  simulatedOperand(l.SRAMSpans[0], bytes(l.SRAM[0].ArrayReadWords), spans.IfmapRead, d.IfmapRead),
			Filter: simulatedOperand(l.SRAMSpans[1], bytes(l.SRAM[1].ArrayReadWords), spans.FilterRead, d.FilterRead),
			Ofmap:  simulatedOperand(l.SRAMSpans[2], bytes(l.SRAM[2].ArrayWriteWords), spans.Write, d.PsumWrite+d.OfmapWrite),
		}
	}
	return rows
}

func simulatedOperand(sram dataflow.CycleSpan, sramBytes int64, dramSpan dataflow.CycleSpan, dramBytes int64) scalesimmem.Operand {
	return scalesimmem.Operand{SRAM: window(sram), SRAMWords: sramBytes, DRAM: window(dramSpan), DRAMWords: dramBytes}
}

// window is a span as a report window; an empty span is 0 … 0.
func window(s dataflow.CycleSpan) scalesimmem.Window {
	if !s.Set {
		return scalesimmem.Window{}
	}
	return scalesimmem.Window{Start: s.First, Stop: s.Last}
}
