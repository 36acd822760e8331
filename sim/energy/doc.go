// Package energy prices a simulated run: it turns the activity counts of a
// layer or a network (Activity) and the accelerator's design (Design) into
// an energy breakdown (Energy), an area breakdown (AreaOf) and derived
// figures (MetricsOf), following design.md §6:
//
//	E = MACs·(E_arith + E_reg/MAC) + FoldPEs·E_fold + Outputs·E_enc
//	  + PsumAdds·E_psum + Σ_buffers (reads·E_read + writes·E_write)
//	  + DRAM bits·E_bit(type) + (P_leak,logic + P_leak,SRAM)·time
//
// Every unit cost comes from pe.CostOf (PE arithmetic, registers, edge
// units, logic leakage), memory.SRAM (per-word access energy, macro area,
// SRAM leakage) and the technology table (DRAM pJ/bit, corner, node); this
// package only counts and multiplies. Energy per operation assumes the
// average switching activity behind the source tables (SwitchingNote):
// data-dependent activity is not modelled, and reports should say so.
//
// Conventions:
//
//   - FoldPEs counts stationary-operand loads: Σ over folds of the PEs that
//     hold real work in the fold (UsedRows·UsedCols), which is
//     Count·Sr·Sc for a mapping (ArrayActivity). pe.Cost.FoldPJPerPE is the
//     register-write energy one such PE spends per fold: WS/IS the
//     stationary operand's load (w or a bits), plus its shadow register's
//     write and the copy into the active register when pipelined (2w, 2a);
//     OS pipelined the copy of the A-bit accumulator into the output
//     register; OS scalesim nothing. PEs without work in a fold (edge folds)
//     are assumed clock-gated: they load nothing and do no MACs.
//   - Edge units: one output encoder (or requantizer) and one partial-sum
//     adder per array column, at the bottom of the column where WS and IS
//     outputs leave; OS drains its outputs through the same column units.
//   - Buffers are memory.SRAM values. A double-buffered buffer of C KiB
//     (design.md §5: active and prefetch halves) is CapacityKiB = C (the
//     total) in Banks = 2 macros of C/2 KiB each (DoubleBuffered); every
//     access touches one macro, so it costs one C/2-KiB access.
//   - Leakage power (mW) times elapsed time (ns) gives pJ: logic leakage of
//     the R·C PEs and the C columns' edge units, SRAM leakage of the three
//     buffers, over Activity.Cycles at Design.ClockMHz.
//
// Corners (tech.ForCorner, design.md §7). With the default table, every
// energy component is ordered low ≤ nominal ≤ high: the high corner's
// sources are above nominal for the multiplier (EvoApprox fit 2.0e-3·N^2.54
// against Horowitz 3.28e-3·N^1.977 pJ, higher for N > 2.4 bits, so for every
// mult width), the shifter and decoder mux bits (3.0 against 1.0 fJ), SRAM
// (Horowitz's cache energies are above CACTI's at every table size) and DDR
// (72 against 20 pJ/bit); low differs from nominal only in DDR (16 pJ/bit),
// so a run without DRAM traffic costs the same at low and nominal. Areas
// and leakage do not depend on the corner. A user's override file can
// break this order.
package energy
