// Package workloads describes DNN networks as layers and lowers each layer to
// the GEMMs a systolic array executes (design.md §3).
//
// A Conv2D of batch B, input H×W×Cin, filter Kh×Kw, Cout filters, stride s,
// padding p and g groups becomes g GEMMs of P = B·Ho·Wo rows, K = Kh·Kw·Cin/g
// reduction and N = Cout/g columns, with Ho = ⌊(H+2p_h−Kh)/s_h⌋+1 (or
// SCALE-Sim's ⌈(H−Kh+s_h)/s_h⌉ for imported SCALE-Sim topologies). A
// fully-connected or matmul layer is (M, K, N) directly, repeated Count times
// (for example once per attention head). Layers that are not GEMMs (pooling,
// residual adds, softmax, normalisation) are kept in the network so reports
// can list them, but they do not run on the array.
//
// Networks come from three places: the built-in zoo (AlexNet, VGG16,
// ResNet18, ResNet50, MobileNetV2, BERTBase; Lookup finds them by name),
// SCALE-Sim v2 topology CSVs (ParseSCALESimConv, ParseSCALESimGEMM) and
// logsim's own YAML format (ParseYAML). LoadFile reads either kind of file.
// A mistake in a file is a *ParseError naming the file, line, column and
// field; a layer that fails Validate reports a *FieldError naming the field.
package workloads
