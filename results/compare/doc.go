// Package compare plans, runs and tabulates `logsim compare`: two or more
// designs (PE specs on one design point, or named points from a designs
// file, ParseDesigns) on one or more networks, side by side with each
// figure's ratio to the first design, the baseline.
//
//  1. Plan: per network, the iso-SQNR widths (SearchWidths, numerics only),
//     the controls (the multiplier at each log-domain design's widths,
//     MultAt), the iso-area arrays (IsoAreaShape, from the cost model's
//     area alone) and every point resolved at the low, nominal and high
//     cost corners. Everything is checked before anything is simulated.
//  2. Run: each distinct point once per network, in parallel, then each
//     run re-priced at every corner from its one simulation
//     (sim.NetworkResult.Repriced): the rows (results.CompareRow).
//  3. Tabulate: WriteMarkdown (the side-by-side table, the savings split
//     by the controls, Splits, and notes) and results.WriteCompareCSV.
//
// Output does not depend on the number of workers: runs are collected by
// index and every error reported is the first in plan order.
package compare
