// Package refmodel is logsim's PE-level reference model of the systolic
// array: registers per PE, one step per simulated cycle, real integer values
// moving through the array, for the OS, WS and IS dataflows and both timing
// modes. It exists to prove the fast closed forms of package dataflow: on
// small random GEMMs its output equals a direct GEMM and its cycle counts,
// measured from register activity, equal dataflow.Mapping's per-fold
// formulas (see refmodel_test.go). logsim never runs it in a simulation.
//
// The hardware it models (dataflow.FoldTiming describes the same array):
//
//   - Every fold uses the full R×C geometry. Rows and columns a partial fold
//     does not use carry zeros; they are neither read from nor written to
//     the buffers (the edge counters skip them), and the fold ends when the
//     wavefront has left PE(R−1, C−1).
//   - A controller starts a fold at the first cycle in which its hardware
//     resources are free: the row input ports (the previous fold's last
//     stream element has entered row 0), for WS and IS the column load path
//     (the previous fold's preload of column 0 is over) — and, in scalesim
//     mode, the cycle after the previous fold's last output left the array.
//     It does not consult the closed forms.
//   - Registers check their own hazards: a shadow register overwritten
//     before its value was used, a PE switching to weights that have not
//     arrived, partial sums or operands of different folds meeting in a
//     PE, an accumulator restarted before it finished. A hazard stops the
//     run with an error, so a schedule the hardware could not execute can
//     never pass the tests by luck.
//
// The PEs' arithmetic is exact integers unless Options.Arithmetic says
// otherwise: DatapathMAC runs a pe datapath on codes, so log-domain PEs
// (and saturation, truncation) are computed exactly; the RTL array is
// tested against that (package pe/rtl). Options.OnFeed and OnOutput let a
// caller watch what crosses the array's edges.
//
// Cycle numbering: cycle 0 is the first cycle of the first fold. A fold's
// Start is the first cycle any of its operands (preload included) enters the
// array, its End the cycle its last output leaves; Result.Cycles is the last
// End + 1.
package refmodel
