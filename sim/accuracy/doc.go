// Package accuracy measures a trained network's top-1 accuracy through
// logsim's own PE arithmetic: every convolution and fully-connected layer
// of an imported ONNX model (package workloads/onnx) runs as the GEMM
// logsim maps to the array (design.md §3: im2col patches times the filter
// matrix, per group), through the bit-exact datapath of its PE spec
// (package pe), on the held-out images of a data set, next to the float64
// reference of the same network.
//
// Per array layer, with its own spec (a design may give a spec per layer):
//
//   - the input tensor is quantized to the layer's activation code (the
//     image by the input encoder; later inputs were produced in that code by
//     the previous layer's encoder, so this changes nothing unless a vector
//     unit layer — an average pool or a residual add — computed new values);
//   - weights are quantized to the weight code; the bias is the
//     accumulator's starting value, Round(b·2^F) saturated;
//   - every product and sum follows pe.Datapath (truncation below the
//     accumulator LSB, saturation or wrap, counted);
//   - each output leaves through the array-edge encoder into the next array
//     layer's activation code (quant.Quantizer.EncodeFixed: an unsigned code
//     clamps negatives to 0, which is the fused ReLU); the last layer's
//     outputs are its accumulator values, whose argmax is the prediction.
//
// Layers off the array (ReLU, pools, adds, flatten) compute in float64 on
// the decoded values, as a vector unit with wider arithmetic would.
//
// Calibration (NewEvaluator): the activation FSR of each layer is the
// spec's, else the smallest that does not clip the largest input magnitude
// of the float network over the first Options.Calibration training images
// (default 1000) — never the held-out ones; the weight FSR is the smallest
// that does not clip the layer's largest weight. The accumulator's
// fractional bits are pe.FracBits with the layer's reduction length K.
//
// Accuracy is the fraction of held-out images whose predicted class (the
// lowest index among equal maxima) equals the label, with its 95 % Wilson
// score interval. Images are spread over Options.Workers goroutines; every
// result is the same for any number.
package accuracy
