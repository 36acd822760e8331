#!/usr/bin/python3
"""Train logsim's small MNIST CNN and export it to ONNX (mnist_cnn.onnx).

Network (LeNet-5-like, 22 k parameters):
  conv1 1->8 5x5 pad 2, ReLU, 2x2 max pool    28x28 -> 14x14
  conv2 8->16 5x5, ReLU, 2x2 max pool         14x14 -> 10x10 -> 5x5
  flatten, fc1 400->64, ReLU, fc2 64->10

Data: mnist10k.bin.gz (convert_npm.py): the first 8,000 digits train, the
last 2,000 are held out; pixels are byte/255, no normalisation. Training is
deterministic on one CPU thread: seed 1, Adam lr 1e-3, batch 64, 15 epochs.

Writes mnist_cnn.onnx (opset 13, weights included, input "image" 1x1x28x28,
output "logits" 1x10) and mnist_cnn.json (seed, command, float accuracy on
the held-out digits, and PyTorch's predicted class of each held-out digit,
so tests can check logsim's float inference against it).

Usage (from this folder): /usr/bin/python3 train.py
CI does not run this: the outputs are committed.
"""
import gzip
import json
import struct

import numpy as np
import torch
import torch.nn as nn

SEED = 1
EPOCHS = 15
BATCH = 64
LR = 1e-3


def load(path="mnist10k.bin.gz"):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    assert raw[:8] == b"LSMNIST1"
    n, rows, cols, n_train = struct.unpack("<4I", raw[8:24])
    y = np.frombuffer(raw, np.uint8, n, 24).astype(np.int64)
    x = np.frombuffer(raw, np.uint8, n * rows * cols, 24 + n).reshape(n, 1, rows, cols)
    x = x.astype(np.float32) / 255
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 5, padding=2)
        self.conv2 = nn.Conv2d(8, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 64)
        self.fc2 = nn.Linear(64, 10)
        self.pool = nn.MaxPool2d(2)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = self.pool(self.relu(self.conv1(x)))
        x = self.pool(self.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc2(self.relu(self.fc1(x)))


def main():
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    (xtr, ytr), (xte, yte) = load()
    xtr, ytr, xte = torch.from_numpy(xtr), torch.from_numpy(ytr), torch.from_numpy(xte)
    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    gen = torch.Generator().manual_seed(SEED)
    for epoch in range(EPOCHS):
        net.train()
        perm = torch.randperm(len(ytr), generator=gen)
        for i in range(0, len(perm), BATCH):
            idx = perm[i : i + BATCH]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(net(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            pred = net(xte).argmax(1).numpy()
        print(f"epoch {epoch + 1}: loss {loss.item():.4f}, held-out accuracy {np.mean(pred == yte):.4f}")
    net.eval()
    with torch.no_grad():
        pred = net(xte).argmax(1).numpy()
    acc = float(np.mean(pred == yte))
    torch.onnx.export(net, torch.zeros(1, 1, 28, 28), "mnist_cnn.onnx", opset_version=13,
                      input_names=["image"], output_names=["logits"], do_constant_folding=True)
    meta = {
        "command": "/usr/bin/python3 train.py",
        "seed": SEED, "epochs": EPOCHS, "batch": BATCH, "lr": LR,
        "torch": torch.__version__,
        "train_digits": int(len(ytr)), "heldout_digits": int(len(yte)),
        "float_top1": acc,
        "torch_predictions": "".join(str(int(p)) for p in pred),
    }
    with open("mnist_cnn.json", "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    print(f"float top-1 on the {len(yte)} held-out digits: {acc:.4f}")


if __name__ == "__main__":
    main()
