// Package tech is logsim's technology table: every cost constant the energy
// and area models use, with its unit and its source, the three corners, node
// scaling and the user's override file. It imports nothing else of logsim.
//
// All sources are those of ../shared/docs/tech-reference.md (cited below as
// "TR §n"). Labels: [S] value seen verbatim in the cited source, [D] derived
// from [S] values (the derivation is given), [C] computed with CACTI 7 by the
// author of TR. Energies are per operation at 45 nm and 0.9 V (the Horowitz
// table's voltage) and assume the average switching activity behind the
// source tables: data-dependent activity is not modelled. Leakage is a power
// (mW), independent of the clock; callers multiply it by run time.
//
// # Cost sources (ForSource, --cost-source)
//
// A table takes every logic constant from one source (Source):
//
//	primitive          aladdin                                    horowitz (default)
//	multiplier a×w     E = 8.625·1.15·(N/32)² pJ                  E = 3.28e-3·N^1.977 pJ   [D] fit through 8 b 0.2 / 32 b 3.1 pJ [S] (TR §1.1)
//	  N = √(a·w)       A = 4595·1.26·(N/32)² µm² [S] MUL 5 ns     A = 282·(N/8)^1.816 µm²   [U] recalled 8 b 282 / 32 b 3495 (TR §1.3)
//	adder N bits       E = 0.0856·1.15·N/32 pJ [S] ADD            E = 3.4e-3·N pJ          [D] Horowitz 8 b 0.03 / 32 b 0.1 (TR §8.1)
//	                   A = 179.4·1.26·N/32 µm²                    A = 4.208·N + 2.33 µm²   [U] recalled 8 b 36 / 32 b 137 (TR §1.3)
//	shifter mux bit    E = 0.4165·1.15/160 pJ [S] SHIFTER         E = 1.0 fJ               [D] ShiftAddNet FIX8 0.024 pJ/(8·3) (TR §2.3)
//	                   A = 249.6·1.26/160 µm²                     A as aladdin
//	gate (XOR) bit     E = 0.018·1.15/32 pJ, A = 50.37·1.26/32 µm² [S] BIT        (both sources)
//	register bit       E = 0.009004·1.15 pJ, A = 5.981·1.26 µm² [S] REG          (both sources)
//	FP units           Aladdin FP_SP_3STAGE 5 ns; FP16 mult ×(11/24)²; Horowitz [S] energies, [U] areas
//	one-hot decoder    DecoderGates two-input gates at the gate constants (both sources)
//
// Aladdin's values are its TSMC 40 nm, 5 ns rows (harvard-acc/ALADDIN
// common/power_func.h@b4444c3, TR §2.1) carried to 45 nm by TR §7's ×1.15
// energy, ×1.26 area; multipliers scale quadratically and adders linearly
// in width from the 32-bit unit, as Accelergy's Aladdin plug-in does (TR
// §2.2). The synth source takes the synthesized PEs of synth_pes.csv
// (logsim synth: yosys and OpenSTA on sky130_fd_sc_hd, 130 nm, 1.80 V,
// carried to 45 nm by dividing by FactorsFor(130)) for each PE's logic
// energy, area, leakage and critical path, and Aladdin for the rest
// (SynthPE). EvoApprox (TR §2.4), an earlier
// default's multiplier and adder areas, stays available through an override
// file (examples/tech/evoapprox.yaml).
//
// The default source (DefaultSource) is horowitz, decided by the ratio to
// synthesized hardware (README "Hardware ground truth", `logsim synth
// check`): the energy per MAC of mult:a8w4, shift:a8w4, shift:a8w3 and
// logboth:a4w4 over mult:a8w8's is 0.75, 0.74, 0.58, 0.61 synthesized,
// 0.74, 0.68, 0.59, 0.60 with horowitz (within 0.01–0.06) and 0.64, 0.48,
// 0.39, 0.35 with aladdin, whose multiplier energy (3.1× Horowitz's) makes
// the log PEs 33–43 % too cheap. Energy is the headline comparison. Both
// sources overstate the log PEs' area ratios (synthesized 0.76, 0.57, 0.53,
// 0.55; aladdin 0.78, 0.70, 0.64, 0.73; horowitz 0.79, 0.74, 0.67, 0.76),
// mostly through the Aladdin register bit both use (2.4× sky130's
// flip-flop), aladdin slightly less. aladdin stays the one source whose
// every primitive — energy, area and leakage — is seen in one
// characterisation ([S]; Horowitz's areas are recalled, [U]): the
// alternative to run a result against, and the synth source's base.
//
// # Uncertainty (Constants) and corners
//
// Every uncertain constant lists every source's estimate at a reference
// operation (8×8 multiply, 32-bit add, one mux bit, …) with its citation;
// its range is [min, max] of the estimates and the table's own value. The
// low (high) corner puts every constant at the low (high) end of its
// range at once (Table.AtCorner); `logsim compare --sensitivity` moves
// each alone. Switches (SRAM: CACTI or Horowitz; DRAM accesses: IDD
// commands or the preset's pJ/bit; DRAM background: standby or power-down)
// go to their two choices.
//
// # Logic leakage
//
// Assumption: logic leakage power is proportional to cell area, with the
// density of Aladdin's TSMC 40 nm characterisation (TR §2.1, 5 ns rows):
// REG 7.40e-5 mW / 5.981 µm², ADD 2.38e-3 / 179.4, MUL 0.0482 / 4595,
// SHIFTER 1.69e-3 / 249.6, BIT 6.11e-4 / 50.37, whose mean is
// 1.1006e-5 mW/µm² at 40 nm. Leakage per cell is carried unchanged to
// 45 nm while area grows ×1.26, giving 8.735e-6 mW/µm² [D]. Aladdin's
// process is a general-purpose one while the CACTI SRAM numbers use
// low-standby-power (itrs-lstp) cells, so logic leaks relatively more.
//
// # SRAM
//
// Per-access read and write energy (pJ per W-bit word), macro area (mm²) and
// standby leakage (mW) come from the CACTI 7 sweep of TR §3.1 [C] (1 KB to
// 2 MB; widths 64, 128 and 256 bits). Lookup rules (SRAM):
//
//   - Inside the table a value is interpolated linearly in log2(size)
//     between the two neighbouring sizes of the same width, and linearly in
//     log2(width) between the two neighbouring widths.
//   - Outside the table's size range (per width) only: a power law anchored
//     at the nearest table entry, with the exponent of TR §3.1's fits
//     (read 0.522/0.597/0.646, write 0.469/0.433/0.427 for W = 64/128/256)
//     for energies and exponent 1 for area and leakage (both ∝ bits, TR §3.1:
//     ≈ 0.4 µm²/bit and ≈ 0.024 mW/MB). Below 8 KB the fit exponents are used
//     outside the range they were fitted on (8 KB–2 MB).
//   - Words narrower than 64 bits are read from a 64-bit-wide macro: each
//     access costs a 64-bit access (the table has no narrower macro).
//   - Words wider than 256 bits are n = ⌈W/256⌉ macros side by side, each of
//     C/n KB and W/n bits, accessed together.
//
// The high corner replaces the energies by Horowitz's cache points
// (8 KB 10 pJ, 32 KB 20 pJ, 1 MB 100 pJ per 64-bit access, TR §1.1 [S];
// between them linear in log2 size, outside them ∝ √size as in the
// V0XNIHILI gist's E_CACHE formula): every CACTI energy at size C is
// multiplied by H(C)/CACTI_read(C, 64 b). Area and leakage stay CACTI's.
//
// # DRAM
//
// The DRAM's energy is not in this table. With the fast model it is
// priced from the commands the model counts (activates, read and write
// bursts, refreshes) and the background power of every rank, from the
// preset's IDD currents (memory/dram/spec: CommandEnergyOf, DRAMsim3's
// and DRAMSys's configurations); the other models count no commands and
// fall back to the preset's energy per bit (DDR4-3200 20 pJ/bit nominal,
// 5.44 low, 40 high; LPDDR4 8, HBM2 3.9 at every corner), which
// `--dram-set EnergyPJPerBit=…` changes. Table.DRAM holds the two
// switches the uncertainty analysis moves. DRAM energy does not scale
// with the logic node.
//
// # Node scaling (Scaled, FactorsFor)
//
// From the 45 nm, 0.9 V table to a node at its supply voltage (130 nm at
// sky130's 1.80 V; 32, 28, 22, 16, 7 nm at 0.8 V): logic energy by
// Stillmaker & Baas's E(node, V)/E(45 nm, 0.9 V) (their per-node
// polynomials as tabulated in Accelergy-Project/hwcomponents
// techscaling.py@373ccd9, between nodes linear in the node size), area by
// their area matrix, leakage power by the energy factor (as hwcomponents'
// tech_node_leak does). SRAM energy follows TR §3.1's CACTI runs at 32 and
// 22 nm, elsewhere the nearest CACTI node's ratio times the logic energy
// factor between the two nodes, so it falls monotonically with the node.
//
// # Overrides
//
// LoadOverrides applies a YAML file whose keys are the yaml names of Table's
// fields (nested as in the struct) to a base table; keys absent from the
// file keep the base value, lists (SRAM points, ratio points) are replaced
// whole. An unknown key or a bad value is an error
// naming the file, the line and the key.
package tech
