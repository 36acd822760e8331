package workloads

import "fmt"

// The zoo's CNNs: layer shapes follow the torchvision reference
// implementations named on each function, at a 224×224×3 input. ReLU,
// ReLU6 and dropout are not listed (they are fused, elementwise or
// inference no-ops); pooling, batch normalisation and residual adds are
// listed as non-array layers with their output size in Elements.

// AlexNet returns torchvision's single-tower AlexNet (torchvision
// models/alexnet.py: conv1 3→64 11×11 stride 4 padding 2, …) at the given
// batch size. Layers: conv1–conv5, pool1–pool3, avgpool, fc1–fc3.
func AlexNet(batch int) Network {
	b := newBuilder(batch)
	s := b.conv("conv1", imageNetInput(), 64, 11, 4, 2, 1)
	s = b.pool("pool1", s, 3, 2, 0)
	s = b.conv("conv2", s, 192, 5, 1, 2, 1)
	s = b.pool("pool2", s, 3, 2, 0)
	s = b.conv("conv3", s, 384, 3, 1, 1, 1)
	s = b.conv("conv4", s, 256, 3, 1, 1, 1)
	s = b.conv("conv5", s, 256, 3, 1, 1, 1)
	s = b.pool("pool3", s, 3, 2, 0)
	s = b.adaptivePool("avgpool", s, 6)
	b.classifier(s, 4096, 4096)
	return b.network("alexnet", "torchvision models/alexnet.py (single-tower AlexNet), 224×224×3 input")
}

// classifier appends the fully-connected head fc1…fcN on the flattened
// features: hidden layers of the given widths, then the 1000-class output.
func (b *netBuilder) classifier(in shape, hidden ...int) {
	k := in.H * in.W * in.C
	for i, n := range append(hidden, imageNetClasses) {
		b.fc(fmt.Sprintf("fc%d", i+1), 1, k, n)
		k = n
	}
}

// VGG16 returns VGG-16 without batch normalisation (torchvision
// models/vgg.py, configuration "D") at the given batch size. Layers are
// named convS_I (stage S, conv I), poolS, avgpool, fc1–fc3.
func VGG16(batch int) Network {
	// torchvision's cfgs["D"]: output channels of the 3×3 convolutions, 0
	// marking a 2×2 max pool.
	config := []int{64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0}
	b := newBuilder(batch)
	s := imageNetInput()
	stage, conv := 1, 1
	for _, c := range config {
		if c == 0 {
			s = b.pool(fmt.Sprintf("pool%d", stage), s, 2, 2, 0)
			stage, conv = stage+1, 1
			continue
		}
		s = b.conv(fmt.Sprintf("conv%d_%d", stage, conv), s, c, 3, 1, 1, 1)
		conv++
	}
	s = b.adaptivePool("avgpool", s, 7)
	b.classifier(s, 4096, 4096)
	return b.network("vgg16", "torchvision models/vgg.py (VGG-16, configuration D, no batch norm), 224×224×3 input")
}

// ResNet18 returns ResNet-18 (torchvision models/resnet.py, BasicBlock,
// layers [2, 2, 2, 2]) at the given batch size. Layer names follow
// torchvision's module names: conv1, bn1, maxpool, layer2.0.conv1,
// layer2.0.downsample, layer2.0.add, …, avgpool, fc.
func ResNet18(batch int) Network {
	b := newBuilder(batch)
	b.resNet([4]int{2, 2, 2, 2}, b.basicBlock)
	return b.network("resnet18", "torchvision models/resnet.py (ResNet-18), 224×224×3 input")
}

// ResNet50 returns ResNet-50 v1.5 (torchvision models/resnet.py,
// Bottleneck with the stride on the 3×3 convolution, layers [3, 4, 6, 3])
// at the given batch size. Names as in ResNet18, plus conv3/bn3 per block.
func ResNet50(batch int) Network {
	b := newBuilder(batch)
	b.resNet([4]int{3, 4, 6, 3}, b.bottleneck)
	return b.network("resnet50", "torchvision models/resnet.py (ResNet-50 v1.5: stride on the 3×3 conv), 224×224×3 input")
}

// resNetBlock appends one residual block and returns its output shape.
type resNetBlock func(prefix string, in shape, planes, stride int) shape

// resNet appends the stem, four stages of blocks (planes 64·2^stage, the
// first block of stages 2–4 with stride 2) and the head.
func (b *netBuilder) resNet(blocks [4]int, block resNetBlock) {
	s := b.convBN("conv1", "bn1", imageNetInput(), 64, 7, 2, 3, 1)
	s = b.pool("maxpool", s, 3, 2, 1)
	for stage, n := range blocks {
		for i := range n {
			stride := 1
			if stage > 0 && i == 0 {
				stride = 2
			}
			s = block(fmt.Sprintf("layer%d.%d", stage+1, i), s, 64<<stage, stride)
		}
	}
	s = b.adaptivePool("avgpool", s, 1)
	b.fc("fc", 1, s.C, imageNetClasses)
}

// basicBlock is torchvision's BasicBlock: two 3×3 convolutions (the first
// strided) and a 1×1 strided downsample when the shape changes.
func (b *netBuilder) basicBlock(p string, in shape, planes, stride int) shape {
	s := b.convBN(p+".conv1", p+".bn1", in, planes, 3, stride, 1, 1)
	s = b.convBN(p+".conv2", p+".bn2", s, planes, 3, 1, 1, 1)
	return b.residual(p, in, s, stride)
}

// bottleneck is torchvision's Bottleneck (v1.5): 1×1 reduce, 3×3 with the
// stride, 1×1 expand to 4·planes, and a 1×1 strided downsample when the
// shape changes.
func (b *netBuilder) bottleneck(p string, in shape, planes, stride int) shape {
	s := b.convBN(p+".conv1", p+".bn1", in, planes, 1, 1, 0, 1)
	s = b.convBN(p+".conv2", p+".bn2", s, planes, 3, stride, 1, 1)
	s = b.convBN(p+".conv3", p+".bn3", s, 4*planes, 1, 1, 0, 1)
	return b.residual(p, in, s, stride)
}

// residual appends the downsample of the block input (when stride or
// channels change, as torchvision does) and the residual add.
func (b *netBuilder) residual(p string, in, out shape, stride int) shape {
	if stride != 1 || in.C != out.C {
		b.convBN(p+".downsample", p+".downsample.bn", in, out.C, 1, stride, 0, 1)
	}
	b.elementwise(p+".add", KindAdd, out)
	return out
}

// MobileNetV2 returns MobileNet-V2 at width 1.0 (torchvision
// models/mobilenetv2.py) at the given batch size, depthwise convolutions
// as Groups = Cin. Layers: conv1/bn1 (features.0), blockI.expand,
// blockI.dw, blockI.project (+ .bn each) and blockI.add for I = 1…17
// (torchvision's features.I), conv_last/bn_last (features.18), avgpool, fc.
func MobileNetV2(batch int) Network {
	// torchvision's inverted_residual_setting: expansion t, output
	// channels c, repeats n, stride s of the first repeat.
	settings := []struct{ t, c, n, s int }{
		{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2},
		{6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
	}
	b := newBuilder(batch)
	s := b.convBN("conv1", "bn1", imageNetInput(), 32, 3, 2, 1, 1)
	block := 1
	for _, set := range settings {
		for i := range set.n {
			stride := 1
			if i == 0 {
				stride = set.s
			}
			s = b.invertedResidual(fmt.Sprintf("block%d", block), s, set.c, stride, set.t)
			block++
		}
	}
	s = b.convBN("conv_last", "bn_last", s, 1280, 1, 1, 0, 1)
	s = b.adaptivePool("avgpool", s, 1)
	b.fc("fc", 1, s.C, imageNetClasses)
	return b.network("mobilenetv2", "torchvision models/mobilenetv2.py (MobileNet-V2, width 1.0), 224×224×3 input")
}

// invertedResidual is torchvision's InvertedResidual: a 1×1 expansion to
// round(Cin·t) channels (omitted when t = 1), a 3×3 depthwise convolution
// with the stride, a 1×1 linear projection, and a residual add when the
// stride is 1 and the channels do not change.
func (b *netBuilder) invertedResidual(p string, in shape, cout, stride, t int) shape {
	s := in
	if t != 1 {
		s = b.convBN(p+".expand", p+".expand.bn", s, in.C*t, 1, 1, 0, 1)
	}
	s = b.convBN(p+".dw", p+".dw.bn", s, s.C, 3, stride, 1, s.C)
	s = b.convBN(p+".project", p+".project.bn", s, cout, 1, 1, 0, 1)
	if stride == 1 && in.C == cout {
		b.elementwise(p+".add", KindAdd, s)
	}
	return s
}
