package results

import (
	"io"
	"strconv"

	"github.com/logsim/logsim/dataflow/scalesimmem"
)

// BandwidthReportHeader is SCALE-Sim v2's BANDWIDTH_REPORT.csv header,
// verbatim.
const BandwidthReportHeader = "LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, " +
	"Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,"

// DetailedAccessReportHeader is SCALE-Sim v2's DETAILED_ACCESS_REPORT.csv
// header, verbatim.
const DetailedAccessReportHeader = "LayerID, " +
	"SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads, " +
	"SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, " +
	"SRAM OFMAP Start Cycle, SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, " +
	"DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, " +
	"DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads, " +
	"DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,"

// AccessRow is one layer of BANDWIDTH_REPORT.csv and
// DETAILED_ACCESS_REPORT.csv: each operand's SRAM and DRAM traffic and the
// cycles it spans (SCALE-Sim's cycles: 0 is the layer's first demand row
// or fold start, DRAM fills before it are negative). Counts are words of
// one byte, SCALE-Sim's word.
type AccessRow struct {
	LayerID              int
	TotalCycles          int64 // COMPUTE_REPORT.csv's Total Cycles: the SRAM bandwidths' denominator
	Ifmap, Filter, Ofmap scalesimmem.Operand
}

// sramBW is an operand's average SRAM bandwidth, SCALE-Sim's way: its
// words over Total Cycles.
func (r AccessRow) sramBW(o scalesimmem.Operand) float64 { return ratio(o.SRAMWords, r.TotalCycles) }

// dramBW is an operand's average DRAM bandwidth over its own DRAM window.
func dramBW(o scalesimmem.Operand) float64 { return ratio(o.DRAMWords, o.DRAM.Stop-o.DRAM.Start+1) }

// ratio is a/b as SCALE-Sim's Python divides two integers, 0 when b ≤ 0.
func ratio(a, b int64) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// cycle formats a cycle as SCALE-Sim prints it: a float ("-983.0").
func cycle(c int64) string { return PyFloat(float64(c)) }

// operandSide names an operand as SCALE-Sim's two headers do, and says
// what the array and the DRAM do with it.
type operandSide struct {
	bw, detail string // "IFMAP" / "FILTER" / "OFMAP" and "IFMAP" / "Filter" / "OFMAP"
	access     string // "Reads" or "Writes"
	array      string // what the array does with the buffer: "reads" or "writes to"
	counted    string // "read from" or "written to"
	dram       string // what the DRAM traffic is
	get        func(AccessRow) scalesimmem.Operand
}

func operandSides() []operandSide {
	return []operandSide{
		{"IFMAP", "IFMAP", "Reads", "reads", "read from", "ifmap loads", func(r AccessRow) scalesimmem.Operand { return r.Ifmap }},
		{"FILTER", "Filter", "Reads", "reads", "read from", "filter loads", func(r AccessRow) scalesimmem.Operand { return r.Filter }},
		{"OFMAP", "OFMAP", "Writes", "writes to", "written to", "stores of outputs and partial sums",
			func(r AccessRow) scalesimmem.Operand { return r.Ofmap }},
	}
}

func layerIDColumn() Column[AccessRow] {
	return Column[AccessRow]{"LayerID", "", "position among the network's array layers, from 0", ModelInput,
		func(r AccessRow) string { return strconv.Itoa(r.LayerID) }}
}

// bandwidthReportColumns are BANDWIDTH_REPORT.csv's columns, in SCALE-Sim's
// order and text format.
func bandwidthReportColumns() []Column[AccessRow] {
	cols := []Column[AccessRow]{layerIDColumn()}
	for _, s := range operandSides() {
		cols = append(cols, Column[AccessRow]{"Avg " + s.bw + " SRAM BW", "words/cycle",
			"SRAM " + s.detail + " " + s.access + " / Total Cycles (COMPUTE_REPORT.csv's, SCALE-Sim's zero-based count)", ModelSCALESimOrSim,
			func(r AccessRow) string { return PyFloat(r.sramBW(s.get(r))) }})
	}
	for _, s := range operandSides() {
		cols = append(cols, Column[AccessRow]{"Avg " + s.bw + " DRAM BW", "words/cycle",
			"DRAM " + s.detail + " " + s.access + " / (DRAM " + s.detail + " Stop Cycle − Start Cycle + 1)", ModelSCALESimOrSim,
			func(r AccessRow) string { return PyFloat(dramBW(s.get(r))) }})
	}
	return cols
}

// detailedAccessReportColumns are DETAILED_ACCESS_REPORT.csv's columns, in
// SCALE-Sim's order and text format (cycles as floats, counts as integers).
func detailedAccessReportColumns() []Column[AccessRow] {
	cols := []Column[AccessRow]{layerIDColumn()}
	for _, s := range operandSides() {
		cols = append(cols, accessColumns("SRAM "+s.detail, s.access, [3]string{
			"the array " + s.array + " the " + s.detail + " buffer: CALC mode, the cycle SCALE-Sim services its first demand row that does (reads a cycle after they are issued); otherwise the start of the first fold's operand window",
			"the array " + s.array + " the " + s.detail + " buffer: CALC mode, SCALE-Sim's last such demand row; otherwise the end of the last fold's operand window",
			s.counted + " the " + s.detail + " buffer by the array: CALC mode, SCALE-Sim's count" + sramNote(s) + "; otherwise the simulation's SRAM word accesses, in bytes",
		}, func(r AccessRow) (scalesimmem.Window, int64) { o := s.get(r); return o.SRAM, o.SRAMWords })...)
	}
	for _, s := range operandSides() {
		cols = append(cols, accessColumns("DRAM "+s.detail, s.access, [3]string{
			"of the " + s.dram + ": CALC mode, the first line of SCALE-Sim's DRAM trace (negative for the fill before the first demand row); otherwise the cycle the DMA sent the first request",
			"of the " + s.dram + ": CALC mode, the last line of SCALE-Sim's DRAM trace; otherwise the cycle the last response came back",
			"of the " + s.dram + ": CALC mode, SCALE-Sim's count" + dramNote(s) + "; otherwise the bytes the DMA moved",
		}, func(r AccessRow) (scalesimmem.Window, int64) { o := s.get(r); return o.DRAM, o.DRAMWords })...)
	}
	return cols
}

func sramNote(s operandSide) string {
	if s.bw == "OFMAP" {
		return " (OS: R+C more per fold with --scalesim-compat); partial sums included, those read back have no column"
	}
	return ""
}

func dramNote(s operandSide) string {
	if s.bw == "OFMAP" {
		return " (with --scalesim-compat, the padding of output lines cut by a drain included)"
	}
	return " (words fetched again once they left the buffer's window included)"
}

// accessColumns are one operand side's Start Cycle, Stop Cycle and count;
// what says, in that order, what the first and last cycle and the count
// are of.
func accessColumns(prefix, access string, what [3]string, get func(AccessRow) (scalesimmem.Window, int64)) []Column[AccessRow] {
	return []Column[AccessRow]{
		{prefix + " Start Cycle", "cycle", "first cycle " + what[0], ModelSCALESimOrSim,
			func(r AccessRow) string { w, _ := get(r); return cycle(w.Start) }},
		{prefix + " Stop Cycle", "cycle", "last cycle " + what[1], ModelSCALESimOrSim,
			func(r AccessRow) string { w, _ := get(r); return cycle(w.Stop) }},
		{prefix + " " + access, "words", "words (1 B) " + what[2], ModelSCALESimOrSim,
			func(r AccessRow) string { _, n := get(r); return strconv.FormatInt(n, 10) }},
	}
}

// WriteBandwidthReport writes BANDWIDTH_REPORT.csv in SCALE-Sim v2's exact
// text format.
func WriteBandwidthReport(w io.Writer, rows []AccessRow) error {
	return writeSCALESimCSV(w, bandwidthReportColumns(), rows)
}

// WriteDetailedAccessReport writes DETAILED_ACCESS_REPORT.csv in SCALE-Sim
// v2's exact text format.
func WriteDetailedAccessReport(w io.Writer, rows []AccessRow) error {
	return writeSCALESimCSV(w, detailedAccessReportColumns(), rows)
}
