// Package spec holds what every DRAM model of logsim shares: the parameter
// set of a DRAM channel (organisation, JEDEC timings, controller policy), the
// named presets with their sources, name=value overrides, and the statistics
// a model reports.
//
// Timing parameters are integers in DRAM clock cycles (tCK), as in JEDEC
// tables and DRAMSim3 configuration files; sizes are in bytes unless a name
// says bits.
package spec
