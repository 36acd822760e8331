package results

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/logsim/logsim/dataflow/scalesimmem"
	"github.com/logsim/logsim/sim"
)

// ComputeReportHeader is SCALE-Sim v2's COMPUTE_REPORT.csv header, verbatim.
const ComputeReportHeader = "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,"

// ComputeReportRow is one line of COMPUTE_REPORT.csv with SCALE-Sim's
// semantics (scalesim.md §2.1).
type ComputeReportRow struct {
	LayerID     int
	TotalCycles int64   // zero-based index of the last cycle: logsim's cycles − 1, stalls included, prologue excluded
	StallCycles int64   // SRAM + DRAM stalls
	OverallUtil float64 // 100·MACs / (TotalCycles·R·C), with SCALE-Sim's TotalCycles
	MappingEff  float64 // 100·mean over folds of used PEs / (R·C)
	ComputeUtil float64 // 100·mean over folds of used PEs·T / (R·C·fold length), with the real fold length
}

// ComputeReportRows derives the SCALE-Sim view of every array layer from
// the simulation, its percentages computed as SCALE-Sim computes them
// (scalesimmem.Utilisation). Compute Util % uses each fold's real length;
// SCALE-Sim v2 uses a length C−1 cycles too long for WS and IS, so for
// those dataflows logsim's value is higher than SCALE-Sim's (README,
// "Differences from SCALE-Sim").
func ComputeReportRows(r sim.NetworkResult) []ComputeReportRow {
	rows := make([]ComputeReportRow, 0, len(r.Layers))
	for _, l := range r.Layers {
		total := l.TotalCycles - l.PrologueCycles - 1
		overall, mapping, compute := scalesimmem.Utilisation(l.Mapping, total, false)
		rows = append(rows, ComputeReportRow{LayerID: l.Index, TotalCycles: total, StallCycles: l.StallCycles(),
			OverallUtil: overall, MappingEff: mapping, ComputeUtil: compute})
	}
	return rows
}

// computeReportColumns are COMPUTE_REPORT.csv's columns, in SCALE-Sim's
// order and text format (integers, Python floats).
func computeReportColumns() []Column[ComputeReportRow] {
	return []Column[ComputeReportRow]{
		{"LayerID", "", "position among the network's array layers, from 0", ModelInput,
			func(r ComputeReportRow) string { return strconv.Itoa(r.LayerID) }},
		{"Total Cycles", "cycles", "SCALE-Sim's zero-based index of the last cycle: logsim's cycles − 1, stalls included, prologue excluded (with --scalesim-compat: SCALE-Sim's memory model's)", ModelEventSim,
			func(r ComputeReportRow) string { return strconv.FormatInt(r.TotalCycles, 10) }},
		{"Stall Cycles", "cycles", "SRAM + DRAM stalls (with --scalesim-compat: SCALE-Sim's, from its output buffer)", ModelEventSim, func(r ComputeReportRow) string { return strconv.FormatInt(r.StallCycles, 10) }},
		{"Overall Util %", "%", "100·MACs / (Total Cycles·R·C), with SCALE-Sim's Total Cycles", ModelEventSim,
			func(r ComputeReportRow) string { return PyFloat(r.OverallUtil) }},
		{"Mapping Efficiency %", "%", "100·mean over folds of used PEs / (R·C)", ModelMapping,
			func(r ComputeReportRow) string { return PyFloat(r.MappingEff) }},
		{"Compute Util %", "%", "100·mean over folds of used PEs·T / (R·C·fold length), with the real fold length (SCALE-Sim's, used with --scalesim-compat, is C−1 cycles too long for WS and IS)", ModelMapping,
			func(r ComputeReportRow) string { return PyFloat(r.ComputeUtil) }},
	}
}

// WriteComputeReport writes COMPUTE_REPORT.csv in SCALE-Sim v2's exact text
// format (ComputeReportRows).
func WriteComputeReport(w io.Writer, r sim.NetworkResult) error {
	return WriteComputeReportRows(w, ComputeReportRows(r))
}

// WriteComputeReportRows writes rows as COMPUTE_REPORT.csv.
func WriteComputeReportRows(w io.Writer, rows []ComputeReportRow) error {
	return writeSCALESimCSV(w, computeReportColumns(), rows)
}

// writeSCALESimCSV writes a report in SCALE-Sim v2's text format: ", "
// between fields, a comma ending every line, Python float formatting.
func writeSCALESimCSV[R any](w io.Writer, cols []Column[R], rows []R) error {
	if _, err := fmt.Fprintln(w, strings.Join(Names(cols), ", ")+","); err != nil {
		return err
	}
	for _, row := range rows {
		if _, err := fmt.Fprintln(w, strings.Join(Values(cols, row), ", ")+","); err != nil {
			return err
		}
	}
	return nil
}
