// Package numerics measures the numerical error a PE spec costs: it runs a
// GEMM (P×K activations times K×N weights) with quantized operands through
// the bit-exact PE datapath (package pe) and compares with float64.
//
// # Procedure (RunGEMM)
//
//  1. Each operand gets one FSR per tensor: the spec's, or the smallest that
//     does not clip the tensor's largest magnitude (pe.Spec.ActFSR, WeightFSR).
//  2. The accumulator's fractional bits are the spec's or pe.FracBits with
//     the reduction length K.
//  3. Outputs evaluated: all P·N if P·N ≤ MaxOutputs (or MaxOutputs ≤ 0);
//     otherwise MaxOutputs distinct (row, column) pairs drawn uniformly by
//     Floyd's algorithm from a PCG generator seeded with (Seed, 0x5eed)
//     and sorted, so the sample is deterministic.
//  4. For each evaluated output: ref = Σ_k a[i,k]·w[k,j] in float64 on the
//     unquantized operands; out = the datapath's accumulator value
//     acc·2^(−F) (fp16: the fp32 accumulator).
//
// Metrics: SQNR = 10·log10(Σ ref² / Σ (out − ref)²) dB over the evaluated
// outputs; MeanRelErr = mean of |out − ref|/|ref| over outputs with ref ≠ 0
// (dominated by small outputs); NormMAE = Σ|out − ref| / Σ|ref|. The output
// code SQNR repeats the comparison after the array-edge encoder (the next
// layer's activation code, its FSR chosen from the largest |ref| of the
// evaluated outputs; for an unsigned code the reference is max(ref, 0)).
//
// # Operands
//
// Synthetic operands are generated line by line (activation rows, weight
// columns), each line from its own PCG stream seeded with (seed, line), so a
// sample of a huge layer never materialises the whole tensor: weights are
// Gaussian N(0, 1) or Laplacian (scale 1/√2, unit variance); activations are
// ReLU'd Gaussians max(0, N(0, 1)) or, for signed activations, N(0, 1).
// Results carry Synthetic = true when either operand is synthetic, so
// reports can label them. Real operands come from .npy files (float32 or
// float64, 2-D, C or Fortran order): activations P×K, weights K×N.
package numerics
