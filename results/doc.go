// Package results turns simulation results into what users read: logsim's
// per-layer CSV (every column names its unit), SCALE-Sim v2's
// COMPUTE_REPORT.csv (same header and columns, so a user can diff the two
// tools), and a terminal table. Files are written whole or not at all.
package results
