// Package scalesimmem reproduces SCALE-Sim v2's CALC-mode memory system
// ("estimate bandwidth" mode, scale-sim-v2 commit 22f88b17) for one layer,
// so that logsim can write SCALE-Sim's BANDWIDTH_REPORT.csv and
// DETAILED_ACCESS_REPORT.csv with SCALE-Sim's own numbers. It is a model of
// SCALE-Sim, not of hardware: logsim's own memory system is the Akita
// simulation in sim/. Nothing here is SCALE-Sim's code; the behaviour below
// was read from its source and is checked against its reports
// (testdata/, ../../../shared/docs/scalesim.md §3.4).
//
// Demand. SCALE-Sim turns a layer into three demand streams, one row per
// cycle: the SRAM addresses the array edge reads (ifmap, filter) or writes
// (ofmap) in that cycle. Folds run one after the other (column fold outer,
// row fold inner), each 2R+C+T−2 rows long (WS, IS) or T+R+C−2 (OS), with
// the fill, skew and drain rows of dataflow.FoldTiming. Addresses are the
// im2col operand matrices: ifmap element (p, k) of a P×K matrix, filter
// (k, n), ofmap (p, n); an ifmap window that runs past the input (padding,
// or SCALE-Sim's ceil output rule) asks for nothing.
//
// Read buffers (ifmap, filter). In CALC mode every read hits, so the
// buffers only log DRAM traffic. Addresses not seen before are grouped in
// order into sets of ⌊words/100⌋ (a word is one element, one byte); the
// active half of the double buffer is 50 sets. When the 50th set since the
// last move is complete, the window moves on by 50 sets and forgets what it
// held: an address read again after that is fetched again. The first fill
// is logged at 10 words per cycle, ending two cycles before the first read
// (so DRAM start cycles are negative); each later fill is spread over the
// cycles since the previous move; the trace carries a 1-cycle latency.
//
// Write buffer (ofmap). Outputs are packed into lines of ArrayWidth words.
// When more than half the buffer (the drain half) is occupied, the lines
// not yet drained, up to half the buffer, go to DRAM one line per cycle;
// at the end everything left is drained. The array stalls only when the
// buffer is full while a drain is in flight.
//
// SCALE-Sim's counting bugs. With Compat set the model keeps them:
// output-stationary OFMAP SRAM writes count R+C extra words per fold
// (SCALE-Sim#166); a drain that ends on a partly filled line counts only
// that line's padding out, so padding on a partial line in the middle of a
// drain is counted as words written to DRAM and as space freed (the DRAM
// OFMAP writes come out a few words high); WS and IS Compute Util divides by
// a fold length C−1 cycles too long. Without Compat they are corrected: the
// SRAM and DRAM write counts are the words really written, free space is
// counted in real words, and Compute Util uses the fold's real length.
package scalesimmem
