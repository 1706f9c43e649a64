#!/usr/bin/env python3
"""Writes malformed or lying .npy files for the bad-input tests.

  bad_npy.py KIND OUT.npy
    short-data    a '<f4' header of shape (2, 4) followed by 7 floats
    u1-mask       a '|u1' array of shape (1, 1, 1, 7) holding 1, 0, 2, 1, 1, 1, 1
    empty         an empty file
    short-header  the magic string and a header length pointing past the end
"""
import struct
import sys


def npy(descr, shape, payload):
    shape_str = "(%d,)" % shape[0] if len(shape) == 1 else "(" + ", ".join(str(d) for d in shape) + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_str)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + payload


def main(kind, path):
    if kind == "short-data":
        data = npy("<f4", [2, 4], struct.pack("<7f", *range(7)))
    elif kind == "u1-mask":
        data = npy("|u1", [1, 1, 1, 7], bytes([1, 0, 2, 1, 1, 1, 1]))
    elif kind == "empty":
        data = b""
    elif kind == "short-header":
        data = b"\x93NUMPY\x01\x00" + struct.pack("<H", 1000) + b"{'descr'"
    else:
        sys.exit("unknown kind " + kind)
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(*sys.argv[1:])
