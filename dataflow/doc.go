// Package dataflow maps a GEMM onto an R×C systolic array under the OS, WS
// and IS dataflows: folds, operand traffic at the array edges, utilisation,
// and the cycle count of each fold in the two timing modes (design.md §4).
// The fast closed forms here are what logsim runs; the PE-level reference
// model in dataflow/refmodel proves them cycle for cycle.
package dataflow
