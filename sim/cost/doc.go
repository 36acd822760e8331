// Package cost is logsim's one home for pricing: the cost model of each PE
// kind (PEOf), of the SRAM buffers (SRAM) and of DRAM traffic, and the
// objective the tiler minimises (TileObjective). Prices holds the unit
// costs of one design, looked up once from a resolved design point; it
// turns the activity counts of a layer or a network (Activity) into an
// energy breakdown (Prices.Energy), an area breakdown (Prices.Area) and
// derived figures (MetricsOf), following design.md §6:
//
//	E = MACs·(E_arith + E_reg/MAC) + FoldPEs·E_fold + Outputs·E_enc
//	  + PsumAdds·E_psum + Σ_buffers (reads·E_read + writes·E_write)
//	  + DRAM bits·E_bit(type) + (P_leak,logic + P_leak,SRAM)·time
//
// Every unit cost comes from PEOf (PE arithmetic, registers, edge units,
// logic leakage), SRAM (per-word access energy, macro area, SRAM leakage),
// the technology table (corner, node) and the DRAM preset (pJ/bit, scaled
// by the corner). Energy per operation assumes the
// average switching activity behind the source tables (SwitchingNote):
// data-dependent activity is not modelled, and reports should say so.
//
// Conventions:
//
//   - FoldPEs counts stationary-operand loads: Σ over folds of the PEs that
//     hold real work in the fold (UsedRows·UsedCols), which is
//     Count·Sr·Sc for a mapping (ArrayActivity). PE.FoldPJPerPE is the
//     register-write energy one such PE spends per fold: WS/IS the
//     stationary operand's load (w or a bits), plus its shadow register's
//     write and the copy into the active register when pipelined (2w, 2a);
//     OS pipelined the copy of the A-bit accumulator into the output
//     register; OS scalesim nothing. PEs without work in a fold (edge folds)
//     are assumed clock-gated: they load nothing and do no MACs.
//   - Edge units: one output encoder (or requantizer) and one partial-sum
//     adder per array column, at the bottom of the column where WS and IS
//     outputs leave; OS drains its outputs through the same column units.
//   - Buffers as built (BuffersOf): each half of a double-buffered buffer
//     is a bank of single-port macros of the word width, as many as the
//     array edge moves words per cycle (EdgeWordsPerCycle; at least
//     sram_banks), or, with ports set by the user, sram_banks macros each
//     sram_words_per_cycle words wide. Every counted word access costs one
//     access to one macro of the buffer's capacity over the macro count
//     (a fraction of one for a macro several words wide); area and leakage
//     are all macros'. A macro whose CACTI access time exceeds the clock
//     period is named in Prices.Notes. The wiring between the macros and
//     the array edge is not priced.
//   - Leakage power (mW) times elapsed time (ns) gives pJ: logic leakage of
//     the R·C PEs and the C columns' edge units, SRAM leakage of the three
//     buffers, over Activity.Cycles at Design.ClockMHz.
//
// Corners (tech.Table.AtCorner): at the low (high) corner every uncertain
// constant is at the low (high) end of its range (tech.Constants), so
// every energy and area component is ordered low ≤ nominal ≤ high with
// the default table; a user's override file can break this order.
//
// DRAM: with the fast model the accesses are its activates, read and
// write bursts at their IDD energies (spec.CommandEnergyOf), plus its
// refreshes and every rank's background power over the elapsed time; the
// other models price bits at the preset's pJ/bit (Prices.Notes says so).
// The tiler, which knows a candidate's traffic but not its commands,
// estimates them (EstimateDRAMCommands).
//
// # PE costs (PEOf)
//
// Energies are pJ per MAC at the table's node and corner and assume the
// average switching activity behind the source tables (tech package doc):
// data-dependent activity is not modelled. With a, w the code widths, A the
// accumulator width, m_w = w − 1 and m_a the magnitude bits of log codes:
//
//	mult     multiplier E_mul(a, w), area A_mul(a, w) (tech.Table.MultEnergyPJ)
//	shift    P = 2^m_w − 1 weight exponents; barrel shifter of N_out = min(a + P − 1, A)
//	         outputs and S = ⌈log2 P⌉ stages: N_out·S mux bits; sign: N_out XORs
//	         (conditional negation; the +1 is the accumulator's carry-in).
//	         base √2: input a + 8 bits, P' = ⌊P/2⌋ + 1 integer shifts,
//	         N_out = min(a + 8 + P' − 1, A), S = ⌈log2 P'⌉, plus the √2 network:
//	         4 adders of a + 8 bits and a + 8 mux bits (x·181 or x≪7)
//	logboth  exponent adder of max(m_a, m_w) + 1 bits; Q = (2^m_a − 1) + (2^m_w − 1) − 1
//	         exponent sums; decoder of N_out = min(Q, A) outputs, S = ⌈log2 Q⌉ stages
//	         (shifter model: an upper bound); sign: N_out + 1 XORs. base √2:
//	         Q' = ⌊Q/2⌋ + 1, an 8-bit pattern (1.0110101 or 1.0000000):
//	         N_out = min(Q' + 7, A), S = ⌈log2 Q'⌉, plus 8 mux bits
//	all      accumulator adder of A bits; fp16: FP16 mult + FP32 add
//	registers (RegistersOf, priced by registerEnergy with a RegisterActivity:
//	         a clocked bit costs its clock energy plus, at its toggle rate,
//	         its data energy; held stationary bits are clock-gated or pay
//	         their clock every cycle): WS a + A bits written per MAC, w per fold;
//	         OS a + w + A per MAC; IS w + A per MAC, a per fold; pipelined
//	         timing adds the stationary operand's shadow register (WS w,
//	         IS a, OS an A-bit output register), written once per fold, and
//	         for WS/IS the copy into the active register (2w, 2a per fold)
//	area     arithmetic + register bits · area per bit; leakage = area ·
//	         tech.Table.LogicLeakageMWPerUM2
//
// Edge units, per column (area) and per use (energy), A-bit input:
//
//	log encoder   shifter A × ⌈log2 A⌉, leading-one detector A·⌈log2 A⌉ gates,
//	              one (A−1)-bit comparator per irrational threshold (√2; or
//	              2^¼, 2^¾; or (1+√2)/2, (2+√2)/2; none for 1.5), 3 adders of
//	              ⌈log2 A⌉ + 3 bits (exponent, clamp, underflow), output register
//	requantizer   shifter A × ⌈log2 A⌉, A-bit rounding adder, A + b gates
//	              (clamp), output register (b bits)
//	psum adder    A-bit adder (fp16: FP32 add), per partial-sum addition
package cost
