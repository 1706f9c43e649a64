#!/usr/bin/env python3
"""Inputs for the attn-prune-heads run tests. The original layer with the
rows of Wo that belong to some heads zeroed is the layer without those
heads' contributions, which the pruned layer must equal:

  prune_inputs.py blob IN.mlir BLOB HEAD_DIM HEADS -o OUT.mlir
      zeroes them in the dense_resource blob named BLOB (a row-major f32 Wo
      of num_heads·HEAD_DIM rows) in IN.mlir's dialect_resources section
  prune_inputs.py npy IN.npy HEAD_DIM HEADS OUT.npy
      zeroes them in a 2-D f32 .npy file
  prune_inputs.py mask OUT.npy SHAPE SEED
      writes a seeded random boolean mask (each element true with
      probability 0.8)
HEADS is a comma-separated list of head indices. Standard library only.
"""
import os
import random
import re
import struct
import sys

sys.path.insert(0, os.path.dirname(__file__))
import npy  # noqa: E402


def zero_rows(values, cols, head_dim, heads):
    for h in heads:
        for r in range(h * head_dim, (h + 1) * head_dim):
            values[r * cols:(r + 1) * cols] = [0.0] * cols
    return values


def main(argv):
    if argv[0] == "mask":
        shape = [int(d) for d in argv[2].split("x")]
        rng = random.Random(int(argv[3]))
        count = 1
        for d in shape:
            count *= d
        npy.write(argv[1], "|b1", shape, [rng.random() < 0.8 for _ in range(count)])
        return
    if argv[0] == "npy":
        head_dim, heads = int(argv[2]), [int(h) for h in argv[3].split(",")]
        shape, values = npy.read(argv[1])
        npy.write(argv[4], "<f4", list(shape), zero_rows(values, shape[1], head_dim, heads))
        return
    head_dim, heads = int(argv[3]), [int(h) for h in argv[4].split(",")]
    assert argv[0] == "blob" and argv[5] == "-o", __doc__
    text = open(argv[1]).read()
    blob = argv[2]
    # The weight's type gives its column count.
    cols = int(re.search(r"dense_resource<%s> : tensor<\d+x(\d+)xf32>" % re.escape(blob), text).group(1))
    match = re.search(r'(\b%s: "0x)([0-9A-Fa-f]{8})([0-9A-Fa-f]*)"' % re.escape(blob), text)
    data = bytes.fromhex(match.group(3))
    values = list(struct.unpack("<%df" % (len(data) // 4), data))
    zeroed = struct.pack("<%df" % len(values), *zero_rows(values, cols, head_dim, heads)).hex().upper()
    text = text[:match.start(3)] + zeroed + text[match.end(3):]
    open(argv[6], "w").write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
