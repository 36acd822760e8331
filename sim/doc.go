// Package sim runs one design point of the accelerator on one network and
// returns per-layer results. A DesignPoint holds every parameter (array,
// dataflow, timing mode, clock, buffers, DRAM, PE); Run validates it and the
// network before anything is simulated.
package sim
