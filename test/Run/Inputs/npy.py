#!/usr/bin/env python3
"""Writes small .npy files for the attn-run tests, without NumPy.

  npy.py OUT.npy DTYPE SHAPE VALUES
    DTYPE   <f4, <f2, |b1, <i4 or <i8
    SHAPE   2x3x4 (or "scalar")
    VALUES  comma-separated numbers (inf, -inf, nan allowed; "V*N" is V
            repeated N times),
            "ramp:A:B" for A, A+B, A+2B, ... (one per element), or
            "sin:A:F:P" for A*sin(F*i + P), i = 0, 1, ... (irregular
            values of magnitude <= A)
  npy.py --matmul A.npy B.npy OUT.npy   writes A·B (2-D, float32) computed
            in double precision, for checking plain upstream code
"""
import math
import struct
import sys


def write(path, descr, shape, values):
    fmt = {"<f4": "<f", "<f2": "<e", "|b1": "<?", "<i4": "<i", "<i8": "<q"}[descr]
    shape_str = "(%d,)" % shape[0] if len(shape) == 1 else "(" + ", ".join(str(d) for d in shape) + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_str)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        for v in values:
            f.write(struct.pack(fmt, bool(v) if descr == "|b1" else int(v) if descr[1] == "i" else v))


def read(path):
    data = open(path, "rb").read()
    hlen = struct.unpack("<H", data[8:10])[0]
    header = eval(data[10 : 10 + hlen].decode())
    fmt = {"<f4": "<f", "<f2": "<e", "|b1": "<?", "<i4": "<i", "<i8": "<q"}[header["descr"]]
    size = struct.calcsize(fmt)
    body = data[10 + hlen :]
    return header["shape"], [struct.unpack(fmt, body[i : i + size])[0] for i in range(0, len(body), size)]


def main(argv):
    if argv[1] == "--matmul":
        (m, k), a = read(argv[2])
        (_, n), b = read(argv[3])
        out = [sum(a[i * k + p] * b[p * n + j] for p in range(k)) for i in range(m) for j in range(n)]
        write(argv[4], "<f4", [m, n], out)
        return
    path, descr, shape_arg, values_arg = argv[1:5]
    shape = [] if shape_arg == "scalar" else [int(d) for d in shape_arg.split("x")]
    count = math.prod(shape)
    if values_arg.startswith("ramp:"):
        _, start, step = values_arg.split(":")
        values = [float(start) + i * float(step) for i in range(count)]
    elif values_arg.startswith("sin:"):
        _, amp, freq, phase = values_arg.split(":")
        values = [float(amp) * math.sin(float(freq) * i + float(phase)) for i in range(count)]
    else:
        values = []
        for item in values_arg.split(","):
            value, _, times = item.partition("*")
            values += [float(value)] * (int(times) if times else 1)
    if len(values) != count:
        sys.exit(f"npy.py: {len(values)} values for shape {shape_arg}")
    write(path, descr, shape, values)


if __name__ == "__main__":
    main(sys.argv)
