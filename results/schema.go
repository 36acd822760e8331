package results

import (
	"fmt"
	"io"
	"strings"

	"github.com/logsim/logsim/sim/sweep"
)

// ColumnDoc is a column's documentation, without its value.
type ColumnDoc struct {
	Name, Unit, Meaning, Model string
}

// Docs returns the documentation of cols.
func Docs[R any](cols []Column[R]) []ColumnDoc {
	out := make([]ColumnDoc, len(cols))
	for i, c := range cols {
		out[i] = ColumnDoc{Name: c.Name, Unit: c.Unit, Meaning: c.Meaning, Model: c.Model}
	}
	return out
}

// Schema is one file logsim writes and its columns, in order.
type Schema struct {
	File        string // the file name, or a pattern ("SWEEP.csv")
	Description string
	Columns     []ColumnDoc
}

// Schemas lists every CSV logsim writes, with the columns its writer
// writes: the source of COLUMNS.md.
func Schemas() []Schema {
	sweepRow := append(Docs(NetworkColumns()), ColumnDoc{sweep.ErrorColumn, "",
		"why the point's run failed (e.g. a layer that cannot be tiled into the buffers); empty when it ran", ModelProvenant})
	return []Schema{
		{"logsim_network.csv", "One row per run (`logsim run --out`): the design point, totals, energy and area by part, efficiency.",
			Docs(NetworkColumns())},
		{"logsim_layers.csv", "One row per array layer of a run, then one per layer run on the vector unit (kind `<kind> (vector unit)`, with the cycle, traffic, SRAM, bound and energy columns), then one per layer not simulated (name and kind only).",
			Docs(LayerColumns())},
		{"COMPUTE_REPORT.csv", "SCALE-Sim v2's compute report, same header and text format (README: differences from SCALE-Sim). With `--scalesim-compat`, SCALE-Sim's own values (its memory model's cycles, its Compute Util %).",
			Docs(computeReportColumns())},
		{"BANDWIDTH_REPORT.csv", "SCALE-Sim v2's bandwidth report, same header and text format: one row per array layer. A word is SCALE-Sim's, one byte (in CALC mode one element, as in SCALE-Sim). README: differences from SCALE-Sim.",
			Docs(bandwidthReportColumns())},
		{"DETAILED_ACCESS_REPORT.csv", "SCALE-Sim v2's detailed access report, same header and text format: one row per array layer. Cycles count from the layer's first demand row (CALC mode) or first fold start (the simulation), as SCALE-Sim does: DRAM fills before it are negative.",
			Docs(detailedAccessReportColumns())},
		{"compare CSV (`logsim compare --csv FILE`)", "One row per design and network: the design's name and role, every column of logsim_network.csv, then each compared figure's ratio to the baseline (the first design) on the same network and, for figures the cost constants change, that ratio's range over the low, nominal and high corners.",
			Docs(CompareColumns())},
		{"SWEEP.csv", "One row per design point and network of a sweep (`logsim sweep --out SWEEP.csv`, `logsim merge SWEEP.csv`), in the spec's order: every column of logsim_network.csv, then `error`. The row of a point whose run failed has its error and only the columns of the input, the design point, its resolution and provenance.",
			sweepRow},
		{"SWEEP_layers.csv", "logsim_layers.csv's rows for every point of a sweep (`--layers SWEEP_layers.csv`), in the sweep CSV's order, joined to it by point_id; a failed point has none.",
			Docs(LayerColumns())},
		{"SWEEP.jsonl", "The sweep CSV as JSON Lines (`--jsonl SWEEP.jsonl`): one object per row, keys the column names in order, values the CSV's fields as JSON strings (numbers as the CSV writes them, \"\" for an empty field).",
			sweepRow},
	}
}

// WriteColumnsDoc writes COLUMNS.md: every column of every CSV, with its
// unit, meaning and the model that computes it.
func WriteColumnsDoc(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Columns of logsim's CSV files\n\n")
	b.WriteString("Generated from the column lists the writers use (package results); `go test ./results -run TestColumnsDoc -update` rewrites it.\n")
	b.WriteString("Models: *input* (as given), *design point* (a design parameter, `logsim run --help`), *resolution* (derived once from the design point), ")
	b.WriteString("*mapping* (closed forms of the dataflow mapping), *tiling* (the tiler's choice), *simulation* (counted by the simulation: the Akita event simulation, or the analytic level where the row's `fidelity` says so — equal to it with ideal and bandwidth DRAM), ")
	b.WriteString("*pricing* (the cost model applied to the counts), *numerics* (the bit-exact PE arithmetic), *provenance* (what produced the row), ")
	b.WriteString("*SCALE-Sim model or simulation* (in SCALE-Sim's CALC mode — scalesim timing, whole-layer tiles, the ideal DRAM — SCALE-Sim's own memory model, `dataflow/scalesimmem`; otherwise what the simulation counted).\n")
	for _, s := range Schemas() {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n| column | unit | meaning | model |\n|---|---|---|---|\n", s.File, s.Description)
		for _, c := range s.Columns {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Name, c.Unit, strings.ReplaceAll(c.Meaning, "|", "\\|"), c.Model)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
