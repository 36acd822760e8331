package workloads

// The zoo CNNs take a 224×224 RGB image (elements per side, channels), the
// input of the torchvision model documentation's FLOP counts.
const (
	imageNetSide     = 224
	imageNetChannels = 3
)

func imageNetInput() shape {
	return shape{H: imageNetSide, W: imageNetSide, C: imageNetChannels}
}

// imageNetClasses is the number of outputs of the zoo CNNs' classifiers.
const imageNetClasses = 1000

// shape is the size of one image's activation tensor (H×W×C, elements).
type shape struct{ H, W, C int }

func (s shape) elements() int64 { return int64(s.H) * int64(s.W) * int64(s.C) }

// netBuilder appends layers of a network at a fixed batch size. Helpers
// take per-image (per-sequence) sizes and apply the batch: it multiplies
// P of a convolution, M of a fully-connected layer, Count of an
// activation×activation matmul and Elements of a non-array layer.
type netBuilder struct {
	batch  int
	layers []Layer
}

func newBuilder(batch int) *netBuilder { return &netBuilder{batch: batch} }

func (b *netBuilder) network(name, source string) Network {
	return Network{Name: name, Source: source, Batch: b.batch, Layers: b.layers}
}

// conv appends a square convolution (framework floor rule) and returns its
// output shape.
func (b *netBuilder) conv(name string, in shape, cout, k, stride, pad, groups int) shape {
	c := Conv2D{
		Batch: b.batch, H: in.H, W: in.W, Cin: in.C,
		Kh: k, Kw: k, Cout: cout,
		StrideH: stride, StrideW: stride, PadH: pad, PadW: pad,
		Groups: groups, Rule: FloorRule,
	}
	b.layers = append(b.layers, Layer{Name: name, Kind: KindConv, Conv: c})
	return shape{H: c.OutH(), W: c.OutW(), C: cout}
}

// convBN appends a convolution followed by its batch normalisation: the
// normalisation is folded into the convolution's weights and bias, as
// inference compilers do, so it adds no layer (bnName documents it).
func (b *netBuilder) convBN(name, _ string, in shape, cout, k, stride, pad, groups int) shape {
	return b.conv(name, in, cout, k, stride, pad, groups)
}

// elementwise appends a non-array layer whose output has shape s.
func (b *netBuilder) elementwise(name string, kind Kind, s shape) {
	b.nonArray(name, kind, s.elements())
}

// nonArray appends a non-array layer of perSample output elements per image.
func (b *netBuilder) nonArray(name string, kind Kind, perSample int64) {
	b.layers = append(b.layers, Layer{Name: name, Kind: kind, Elements: int64(b.batch) * perSample})
}

// poolLayer appends a pooling layer reading in and writing out, with ops
// operations per output element.
func (b *netBuilder) poolLayer(name string, in, out shape, ops int) {
	b.layers = append(b.layers, Layer{Name: name, Kind: KindPool, Elements: int64(b.batch) * out.elements(),
		InElements: int64(b.batch) * in.elements(), OpsPerElement: ops})
}

// pool appends a k×k pooling layer (floor rule, as torchvision's pools with
// ceil_mode=False; k·k operations per output) and returns its output shape.
func (b *netBuilder) pool(name string, in shape, k, stride, pad int) shape {
	out := shape{
		H: outSize(in.H, k, stride, pad, FloorRule),
		W: outSize(in.W, k, stride, pad, FloorRule),
		C: in.C,
	}
	b.poolLayer(name, in, out, k*k)
	return out
}

// adaptivePool appends an adaptive average pool to size×size: each output
// averages its share of the input.
func (b *netBuilder) adaptivePool(name string, in shape, size int) shape {
	out := shape{H: size, W: size, C: in.C}
	b.poolLayer(name, in, out, max(1, (in.H*in.W)/(size*size)))
	return out
}

// fc appends a fully-connected layer of m rows per sample (1 for a CNN
// classifier, the sequence length for a transformer), k inputs and n
// outputs. The batch stacks rows: M = batch·m.
func (b *netBuilder) fc(name string, m, k, n int) {
	b.layers = append(b.layers, Layer{Name: name, Kind: KindFC,
		MatMul: MatMul{M: b.batch * m, K: k, N: n, Count: 1}})
}

// matmul appends count independent activation×activation products per
// sample (for example one per attention head); the batch replicates them:
// Count = batch·count.
func (b *netBuilder) matmul(name string, m, k, n, count int) {
	b.layers = append(b.layers, Layer{Name: name, Kind: KindMatMul,
		MatMul: MatMul{M: m, K: k, N: n, Count: b.batch * count}})
}
