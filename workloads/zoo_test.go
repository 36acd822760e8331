package workloads

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestZooPublishedMACs checks each network's conv+FC(+matmul) MACs at batch
// 1 and 224×224 against its published count, within 1%.
//
// CNN counts: the torchvision model documentation (pytorch.org/vision/
// stable/models.html, "GFLOPS" column of the ImageNet weights tables,
// which counts one multiply-accumulate as one FLOP): AlexNet 0.71,
// VGG-16 15.47, ResNet-18 1.81, ResNet-50 (V1 and V2 weights, the v1.5
// architecture) 4.09, MobileNet-V2 0.30.
//
// BERT-base layer at sequence length 128 (hidden 768, 12 heads of 64, FFN
// 3072), worked out by hand:
//
//	Q, K, V projections      3·128·768·768   = 226,492,416
//	scores and context       2·12·128·128·64 =  25,165,824
//	output projection        128·768·768     =  75,497,472
//	FFN (two GEMMs)          2·128·768·3072  = 603,979,776
//	total                                      931,135,488 ≈ 0.93 G
func TestZooPublishedMACs(t *testing.T) {
	cases := []struct {
		net       Network
		published float64 // G MACs
	}{
		{AlexNet(1), 0.71},
		{VGG16(1), 15.47},
		{ResNet18(1), 1.81},
		{ResNet50(1), 4.09},
		{MobileNetV2(1), 0.30},
		{BERTBase(1), 0.93},
	}
	for _, c := range cases {
		t.Run(c.net.Name, func(t *testing.T) {
			require.NoError(t, c.net.Validate())
			got := float64(c.net.MACs()) / 1e9
			require.InEpsilon(t, c.published, got, 0.01, "%s: %.4f G MACs", c.net.Name, got)
		})
	}
	// The BERT total is also exact by the hand sum above.
	require.Equal(t, int64(931_135_488), BERTBase(1).MACs())
}

// TestZooLayerShapes checks single layers' GEMMs against shapes worked out
// by hand from the reference implementations.
func TestZooLayerShapes(t *testing.T) {
	cases := []struct {
		net   Network
		layer string
		want  GEMM
	}{
		// (224 + 2·2 − 11)/4 + 1 = 55; K = 11·11·3.
		{AlexNet(1), "conv1", GEMM{P: 55 * 55, K: 363, N: 64, Count: 1}},
		// pool3 gives 6×6×256 = 9216 inputs.
		{AlexNet(1), "fc1", GEMM{P: 1, K: 9216, N: 4096, Count: 1}},
		// 14×14 after four 2×2 pools; K = 9·512.
		{VGG16(1), "conv5_3", GEMM{P: 14 * 14, K: 4608, N: 512, Count: 1}},
		{VGG16(1), "fc1", GEMM{P: 1, K: 7 * 7 * 512, N: 4096, Count: 1}},
		// layer2.0 of ResNet-18: 1×1 stride 2 on 56×56×64 → 28×28×128.
		{ResNet18(1), "layer2.0.downsample", GEMM{P: 28 * 28, K: 64, N: 128, Count: 1}},
		// v1.5: the 3×3 carries the stride: 28×28×256 → (28+2−3)/2+1 = 14.
		{ResNet50(1), "layer3.0.conv2", GEMM{P: 14 * 14, K: 9 * 256, N: 256, Count: 1}},
		// so the 1×1 before it keeps 28×28, on layer2's 512 channels.
		{ResNet50(1), "layer3.0.conv1", GEMM{P: 28 * 28, K: 512, N: 256, Count: 1}},
		{ResNet50(1), "layer3.0.downsample", GEMM{P: 14 * 14, K: 512, N: 1024, Count: 1}},
		{ResNet50(1), "fc", GEMM{P: 1, K: 2048, N: 1000, Count: 1}},
		// block2 expands block1's 112×112×16 to 96 channels; its depthwise
		// 3×3 stride 2 gives 56×56, one 9×1 GEMM per channel.
		{MobileNetV2(1), "block2.dw", GEMM{P: 56 * 56, K: 9, N: 1, Count: 96}},
		{MobileNetV2(1), "block17.project", GEMM{P: 7 * 7, K: 960, N: 320, Count: 1}},
		{BERTBase(1), "query", GEMM{P: 128, K: 768, N: 768, Count: 1}},
		{BERTBase(1), "scores", GEMM{P: 128, K: 64, N: 128, Count: 12}},
		{BERTBase(1), "context", GEMM{P: 128, K: 128, N: 64, Count: 12}},
		{BERTBase(1), "ffn2", GEMM{P: 128, K: 3072, N: 768, Count: 1}},
		// batch 4: projections stack rows, attention replicates per sequence.
		{BERTBase(4), "ffn1", GEMM{P: 512, K: 768, N: 3072, Count: 1}},
		{BERTBase(4), "context", GEMM{P: 128, K: 128, N: 64, Count: 48}},
	}
	for _, c := range cases {
		l, ok := c.net.LayerByName(c.layer)
		require.True(t, ok, "%s has no layer %q", c.net.Name, c.layer)
		require.Equal(t, c.want, l.GEMM(), "%s %s", c.net.Name, c.layer)
	}
	dw, _ := MobileNetV2(1).LayerByName("block2.dw")
	require.True(t, dw.IsDepthwise())
}

// TestZooStructure checks layer counts known from the reference
// implementations, non-array layers, and unique names.
func TestZooStructure(t *testing.T) {
	cases := []struct {
		net        Network
		arrayLayer int // convolutions + linear layers (+ attention matmuls)
	}{
		{AlexNet(1), 5 + 3},
		{VGG16(1), 13 + 3},
		{ResNet18(1), 1 + 8*2 + 3 + 1},           // stem, 8 blocks of 2, 3 downsamples, fc
		{ResNet50(1), 1 + 16*3 + 4 + 1},          // stem, 16 blocks of 3, 4 downsamples, fc
		{MobileNetV2(1), 1 + (2 + 16*3) + 1 + 1}, // stem, block1 has no expansion, last conv, fc
		{BERTBase(1), 3 + 2 + 1 + 2},             // Q K V, scores context, output, FFN
	}
	for _, c := range cases {
		require.Len(t, c.net.ArrayLayers(), c.arrayLayer, c.net.Name)
		seen := map[string]bool{}
		for _, l := range c.net.Layers {
			require.False(t, seen[l.Name], "%s: duplicate layer %q", c.net.Name, l.Name)
			seen[l.Name] = true
		}
	}
	// Non-array layers carry their output size: maxpool of ResNet-50 gives
	// 56×56×64, the BERT softmax 12·128·128, doubled at batch 2.
	for _, c := range []struct {
		net   Network
		layer string
		kind  Kind
		want  int64
	}{
		{ResNet50(1), "maxpool", KindPool, 56 * 56 * 64},
		{ResNet50(2), "layer4.2.add", KindAdd, 2 * 7 * 7 * 2048},
		{BERTBase(2), "softmax", KindSoftmax, 2 * 12 * 128 * 128},
		{BERTBase(1), "ffn_norm", KindNorm, 128 * 768},
	} {
		l, ok := c.net.LayerByName(c.layer)
		require.True(t, ok, c.layer)
		require.Equal(t, c.kind, l.Kind, c.layer)
		require.Equal(t, c.want, l.Elements, c.layer)
	}
	// Batch normalisation after a convolution is folded into it: no layer.
	_, bn := ResNet50(1).LayerByName("layer1.0.bn3")
	require.False(t, bn)
	// The vector unit's work: ResNet-50's 3×3 stride-2 maxpool reads the
	// 112×112×64 stem output and does 9 operations per output; a residual
	// add reads its two operands.
	l, _ := ResNet50(1).LayerByName("maxpool")
	in, out, ops := l.VectorWork()
	require.Equal(t, []int64{112 * 112 * 64, 56 * 56 * 64, 9 * 56 * 56 * 64}, []int64{in, out, ops})
	l, _ = ResNet50(1).LayerByName("layer4.2.add")
	in, out, ops = l.VectorWork()
	require.Equal(t, []int64{2 * 7 * 7 * 2048, 7 * 7 * 2048, 7 * 7 * 2048}, []int64{in, out, ops})
	// MobileNet-V2 adds a residual only on stride-1 blocks that keep their
	// channels: the repeats after the first of the 24-, 32-, 64-, 96- and
	// 160-channel stages, 1+2+3+2+2 = 10 of the 17 blocks (torchvision
	// use_res_connect).
	adds := 0
	for _, l := range MobileNetV2(1).Layers {
		if l.Kind == KindAdd {
			adds++
		}
	}
	require.Equal(t, 10, adds)
}

// TestZooBatch checks that batch 4 gives exactly 4× the MACs.
func TestZooBatch(t *testing.T) {
	for _, name := range Names() {
		one, err := Lookup(name, 1)
		require.NoError(t, err)
		four, err := Lookup(name, 4)
		require.NoError(t, err)
		require.NoError(t, four.Validate())
		require.Equal(t, 4*one.MACs(), four.MACs(), name)
	}
}

func TestLookup(t *testing.T) {
	for _, c := range []struct{ alias, want string }{
		{"alexnet", "alexnet"}, {"AlexNet", "alexnet"},
		{"vgg16", "vgg16"}, {"VGG-16", "vgg16"},
		{"resnet18", "resnet18"}, {"ResNet50", "resnet50"}, {"resnet-50", "resnet50"},
		{"mobilenetv2", "mobilenetv2"}, {"mobilenet_v2", "mobilenetv2"},
		{"bert", "bert-base"}, {"BERT-base", "bert-base"},
	} {
		n, err := Lookup(c.alias, 1)
		require.NoError(t, err, c.alias)
		require.Equal(t, c.want, n.Name, c.alias)
	}
	require.Equal(t, []string{"alexnet", "vgg16", "resnet18", "resnet50", "mobilenetv2", "bert-base"}, Names())

	_, err := Lookup("resnet5", 1)
	require.ErrorContains(t, err, `did you mean "resnet50"?`)
	require.ErrorContains(t, err, "known: alexnet, bert-base, mobilenetv2, resnet18, resnet50, vgg16")
	_, err = Lookup("mobilnet", 1)
	require.ErrorContains(t, err, `did you mean "mobilenetv2"?`)
	_, err = Lookup("transformer-xl", 1)
	require.ErrorContains(t, err, `unknown network "transformer-xl"`)
	require.NotContains(t, err.Error(), "did you mean")
	_, err = Lookup("resnet50", 0)
	require.ErrorContains(t, err, "batch must be positive, got 0")
}
