// Package sim runs one design point on one network, by one pipeline that
// `logsim run`, `sweep` and `compare` share:
//
//  1. resolve: the design point is checked and resolved once (package
//     design: technology table, DRAM parameters, PE spec);
//  2. simulate: the Akita components of the accelerator — Accel.Controller
//     walking each layer's tiles, Accel.Array placing their folds in time,
//     Accel.DMA, Accel.DRAM and the three buffers Accel.IfmapBuf,
//     Accel.FilterBuf, Accel.OfmapBuf — run the network on one serial
//     engine (Run);
//  3. price: every layer's activity and the network's are priced from the
//     design's unit costs (package cost);
//  4. measure: if asked, each layer's numerical error through the PE
//     arithmetic (Numerics).
//
// The result (NetworkResult) is the one type every report reads.
package sim
