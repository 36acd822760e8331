package results

import (
	"strconv"
)

// Column is one column of a logsim CSV: its name (which carries its unit
// where it has one), the unit, what it means, which model computes it, and
// how a row gets its value. Writers, the terminal table and the column
// documentation (COLUMNS.md) all read the same lists.
type Column[R any] struct {
	Name    string
	Unit    string // "" where the value has none (names, counts of things)
	Meaning string
	Model   string // one of the Model… constants
	Value   func(R) string
}

// The models a column's value comes from.
const (
	ModelInput     = "input"        // the network or the command line, as given
	ModelDesign    = "design point" // a design parameter, as given (design.Params)
	ModelResolved  = "resolution"   // derived once from the design point (DRAM preset, corner)
	ModelMapping   = "mapping"      // the dataflow mapping's closed forms (dataflow)
	ModelTiling    = "tiling"       // the tiler's choice (dataflow.TileLayer)
	ModelEventSim  = "simulation"   // counted by the simulation (sim): the Akita event simulation, or the analytic level (column fidelity)
	ModelPricing   = "pricing"      // the cost model (sim/cost) applied to the counts
	ModelNumerics  = "numerics"     // the bit-exact PE arithmetic (pe/numerics)
	ModelAccuracy  = "accuracy"     // whole-network inference through the PE arithmetic (sim/accuracy)
	ModelProvenant = "provenance"   // what produced the row
	// ModelSCALESimOrSim: SCALE-Sim's memory model (dataflow/scalesimmem)
	// for a run in SCALE-Sim's CALC mode (UsesSCALESimModel), the Akita
	// simulation otherwise.
	ModelSCALESimOrSim = "SCALE-Sim model or simulation"
)

// Names returns the column names in order: a CSV header.
func Names[R any](cols []Column[R]) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}

// Values returns a row's values in column order.
func Values[R any](cols []Column[R], row R) []string {
	v := make([]string, len(cols))
	for i, c := range cols {
		v[i] = c.Value(row)
	}
	return v
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// ftoa formats a float with enough digits to read back exactly.
func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func pct(v float64) string { return ftoa(100 * v) }
