// Package rtl writes logsim's PEs and arrays as synthesizable Verilog.
//
// The Verilog is kept in verilog/ (one module per file, embedded in the
// binary): logsim_mac is one multiply-accumulate of any integer PE spec,
// bit-exact with pe.Datapath.MAC; logsim_pe registers it (activation,
// weight and accumulator registers: the unit logsim prices and that
// package pe/synth synthesizes); the array modules build an R×C systolic
// array in the OS, WS or IS dataflow. The modules' parameters are the PE
// spec's fields (ABITS, WBITS, ASIGNED, ACC, BASE_SQRT2, OVF_WRAP) and the
// layer's FSRs and accumulator fractional bits (FSRA, FSRW, FRAC), which
// fix the constant part of the alignment shift.
//
// PE writes the files of one PE with a top module that sets the
// parameters; the tests simulate them with Icarus Verilog against package
// pe over every operand pair.
package rtl
