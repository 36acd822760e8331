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
// # Component models (45 nm, Default)
//
//	multiplier  a×w bits, N = √(a·w)   E = 3.28e-3·N^1.977 pJ            [D] Horowitz 8 b 0.2 / 32 b 3.1 pJ (TR §8.1)
//	                                   high corner E = 2.0e-3·N^2.54 pJ  [D] EvoApprox power at 1 GHz (TR §2.4)
//	                                   A = 8.28·N^2.135 µm² (N ≤ 16)     [D] EvoApprox PDK45 fit (TR §2.4)
//	                                   A = 5800·(N/32)² µm² (N > 16)     [D] Aladdin 32 b ×1.26 (TR §8.2 note)
//	adder       N bits                 E = 3.4e-3·N pJ                    [D] Horowitz 8 b 0.03 / 32 b 0.1 (TR §8.1)
//	                                   A = 8.67·N + 2.9 µm²               [D] EvoApprox fit (TR §2.4)
//	barrel shifter N_out bits, S stages (N_out·S 2:1 muxes)
//	                                   E = N_out·S·1.0 fJ (nominal, low)  [D] ShiftAddNet FIX8 0.024 pJ/(8·3) (TR §2.3)
//	                                   E = N_out·S·3.0 fJ (high)          [D] Aladdin 2.6 fJ @40 nm ×1.15 (TR §2.3, §8.1)
//	                                   A = N_out·S·1.97 µm²               [D] Aladdin 1.56 µm² @40 nm ×1.26 (TR §8.1)
//	one-hot decoder 2^k outputs        the shifter model with N_out outputs and S = k stages:
//	                                   an upper bound, since a true decoder toggles two outputs per op (TR §8.1, §8.3)
//	bitwise gate (XOR, AND) per bit    E = 0.65 fJ, A = 2.0 µm²           [D] Aladdin BIT 0.018 pJ/32 b ×1.15, 50.4/32 ×1.26 (TR §8.1)
//	register per bit per clocked write E = 0.0104 pJ, A = 7.5 µm²         [D] Aladdin REG 0.009 pJ ×1.15, 5.98 µm² ×1.26 (TR §8.1)
//	FP16 mult / add, FP32 mult / add   1.1 / 0.4 / 3.7 / 0.9 pJ           [S] Horowitz (TR §1.1)
//
// The 40 nm → 45 nm factors (energy ×1.15, area ×1.26) are TR §7's.
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
// The DRAM's energy per bit is not in this table: each DRAM preset carries
// it with its sources and its corner scales (memory/dram/spec: DDR4-3200
// 20 pJ/bit nominal, 16 low, 72 high; LPDDR4 8, HBM2 3.9 at every corner),
// so `--dram-set EnergyPJPerBit=…` changes it. It does not scale with the
// logic node.
//
// # Corners (design.md §7)
//
//	constant      nominal              low                  high
//	shifter mux   1.0 fJ (ShiftAddNet)  1.0 fJ (same source) 3.0 fJ (Aladdin)
//	multiplier    Horowitz fit          Horowitz fit         EvoApprox fit
//	SRAM energy   CACTI                 CACTI                Horowitz
//	DDR4 pJ/bit   20                    16                   72   (the preset's, × its corner scale)
//
// Constants with one source only have the same value at every corner. The
// decoder follows the shifter (it is modelled as one).
//
// # Node scaling (TR §7, §8.4; Stillmaker & Baas 2017 via hwcomponents, 0.8 V column)
//
//	node   logic energy ×   area ×   SRAM
//	32 nm  0.66             0.46     CACTI ratios (TR §3.1 node table): energies per size, area ×0.506
//	28 nm  0.51             0.38     logic factors (no CACTI run at this node)
//	22 nm  0.29             0.25     CACTI ratios: energies per size, area ×0.239
//	16 nm  0.17             0.19     logic factors
//	7 nm   0.094            0.059    logic factors
//
// Logic and SRAM leakage (mW) are scaled by the area factor: an assumption
// (constant leakage power density) that no source in TR supports or refutes.
//
// # Overrides
//
// LoadOverrides applies a YAML file whose keys are the yaml names of Table's
// fields (nested as in the struct) to a base table; keys absent from the
// file keep the base value, lists (SRAM points, ratio points) are replaced
// whole. An unknown key or a bad value is an error
// naming the file, the line and the key.
package tech
