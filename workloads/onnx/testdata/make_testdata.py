#!/usr/bin/python3
"""Make the ONNX files the importer's tests read (run from this folder).

zoo/<net>.onnx: torchvision's AlexNet, VGG-16, ResNet-18, ResNet-50 and
MobileNet-V2 (weights=None, eval mode, batch 1, 224x224x3), exported by
torch.onnx (opset 13; batch normalisation folded into the convolutions by
the exporter, MobileNet's ReLU6 as Clip), then stripped of their weights:
every float initializer of more than one element becomes a graph input of
the same shape, so the files hold shapes only (a few tens of KiB).

ops.onnx: a small network of every operator the importer reads, with random
weights (seed 7), exported with batch normalisation kept as
BatchNormalization nodes (TrainingMode.PRESERVE on a model in eval mode,
constant folding off), with ops_io.json: PyTorch's output for 3 random
inputs, to check logsim's float inference of the import.

Usage: /usr/bin/python3 make_testdata.py   (torch 1.13, torchvision 0.14,
onnx 1.12 from Debian)
"""
import json
import os

import numpy as np
import onnx
from onnx import helper, numpy_helper
import torch
import torch.nn as nn
import torchvision


def strip_weights(path):
    m = onnx.load(path)
    keep = []
    for init in m.graph.initializer:
        if init.data_type == onnx.TensorProto.FLOAT and np.prod(init.dims) > 1:
            m.graph.input.append(helper.make_tensor_value_info(init.name, onnx.TensorProto.FLOAT, list(init.dims)))
        else:
            keep.append(init)
    del m.graph.initializer[:]
    m.graph.initializer.extend(keep)
    onnx.save(m, path)


def export_zoo():
    os.makedirs("zoo", exist_ok=True)
    nets = {
        "alexnet": torchvision.models.alexnet, "vgg16": torchvision.models.vgg16,
        "resnet18": torchvision.models.resnet18, "resnet50": torchvision.models.resnet50,
        "mobilenetv2": torchvision.models.mobilenet_v2,
    }
    for name, ctor in nets.items():
        net = ctor(weights=None).eval()
        path = f"zoo/{name}.onnx"
        torch.onnx.export(net, torch.zeros(1, 3, 224, 224), path, opset_version=13,
                          input_names=["image"], output_names=["logits"])
        strip_weights(path)
        print(path, os.path.getsize(path))


class Ops(nn.Module):
    """Conv (pads, strides, dilations, groups), BatchNormalization, ReLU,
    ReLU6 (Clip), MaxPool, AveragePool, a residual Add, GlobalAveragePool,
    Flatten and Gemm."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=2, bias=False)
        self.bn2 = nn.BatchNorm2d(8)
        self.dw = nn.Conv2d(8, 8, 3, padding=1, groups=8)
        self.conv3 = nn.Conv2d(8, 16, 1)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1)
        self.avg = nn.AvgPool2d(2)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        y = torch.relu(self.bn2(self.conv2(x)))
        x = x + nn.functional.relu6(self.dw(y))
        x = self.pool(x)
        x = self.avg(torch.relu(self.conv3(x)))
        x = torch.flatten(self.gap(x), 1)
        return self.fc(x)


def export_ops():
    torch.manual_seed(7)
    net = Ops()
    with torch.no_grad():  # give the batch norms non-trivial statistics
        for bn in (net.bn1, net.bn2):
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.5, 2)
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.2, 0.2)
    net.eval()
    torch.onnx.export(net, torch.zeros(1, 3, 20, 20), "ops.onnx", opset_version=13,
                      input_names=["x"], output_names=["y"], do_constant_folding=False,
                      training=torch.onnx.TrainingMode.PRESERVE)
    ops = [n.op_type for n in onnx.load("ops.onnx").graph.node]
    assert "BatchNormalization" in ops, ops
    xs = torch.rand(3, 1, 3, 20, 20, generator=torch.Generator().manual_seed(8))
    with torch.no_grad():
        ys = [net(x)[0].tolist() for x in xs]
    with open("ops_io.json", "w") as f:
        json.dump({"inputs": [x.flatten().tolist() for x in xs], "outputs": ys}, f)
    print("ops.onnx", sorted(set(ops)))


if __name__ == "__main__":
    export_zoo()
    export_ops()
