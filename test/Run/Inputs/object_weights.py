#!/usr/bin/env python3
"""Prints how many copies of UNIT bytes an ELF64 object's read-only data holds:

    object_weights.py OBJECT UNIT  ->  "2.0 copies of UNIT bytes (N bytes read-only data)"

Read-only data is every allocated, non-writable, non-executable PROGBITS section
(.rodata*, .lrodata*: where the weights' globals go); the count is rounded to
one decimal, so a few hundred bytes of other constants do not change it."""
import struct
import sys


def read_only_bytes(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit(f"{path}: not a little-endian ELF64 object")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    total = 0
    for i in range(shnum):
        sh_type, sh_flags = struct.unpack_from("<IQ", data, shoff + i * shentsize + 4)
        size, = struct.unpack_from("<Q", data, shoff + i * shentsize + 0x20)
        SHT_PROGBITS, SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 1, 1, 2, 4
        if sh_type == SHT_PROGBITS and sh_flags & SHF_ALLOC and not sh_flags & (SHF_WRITE | SHF_EXECINSTR):
            total += size
    return total


path, unit = sys.argv[1], int(sys.argv[2])
total = read_only_bytes(path)
print(f"{total / unit:.1f} copies of {unit} bytes ({total} bytes read-only data)")
