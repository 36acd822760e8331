// Package onnx imports ONNX models (Load, Parse): the layers logsim
// simulates (a workloads.Network) and the nodes, with their weights, that
// inference runs (Model.Nodes). Files are read with the ONNX protobuf
// definitions (package onnxpb, generated for google.golang.org/protobuf).
//
// Operators: Conv (pads, strides, dilations, groups, auto_pad), Gemm and
// MatMul by a constant matrix (fully connected), BatchNormalization (folded
// into the Conv before it), Relu and Clip (ReLU6), MaxPool, AveragePool,
// GlobalAveragePool, Add of two activations (a residual add), Flatten and
// a Reshape that flattens; Identity, Dropout, Constant, Cast and a Pad of
// zero are resolved during import. Anything else is an error naming the
// operator and its node. Layers are 2-D with symmetric padding; the image
// input is [N, C, H, W] (a symbolic N is batch 1).
//
// The network lists the layers as the zoo does: convolutions and
// fully-connected layers run on the array; pools (k×k operations per
// output) and residual adds run on the vector unit; activations are fused
// and not listed. A layer is named after its weight (PyTorch's module name,
// "conv1" for "conv1.weight"), else after its node.
//
// A file may hold shapes only: weights given as graph inputs without
// initializers (Model.HasWeights is false). Weights stored in external
// files are not read.
package onnx
