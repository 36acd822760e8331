// Package plots draws logsim's pictures from logsim's own CSV files (a
// run's logsim_network.csv and logsim_layers.csv, a sweep's CSVs, merged
// shards, a compare CSV): the Pareto front of energy against latency and
// of EDP against area, energy and area breakdowns, per-layer cycles with
// utilisation, a roofline per layer and compare's ratios. It reads the
// files, not the simulator's structures, so it draws any output logsim
// wrote, and it checks every value it uses: a bad one is an error naming
// the file, line and column. Plots are drawn with gonum.org/v1/plot.
package plots
