#!/usr/bin/env python3
"""Writes the objects of a module's gpu.binary ops to files.

attn-gpu-pipeline (like upstream gpu-module-to-binary) leaves the compiled
kernels inside the MLIR module, as escaped strings in #gpu.object attributes:
PTX text (format=ptx), a cubin ELF (format=cubin) or a fatbin. This script
writes each object to a file, so that ptxas, cuobjdump or the CUDA driver
(cuModuleLoadData) can read it.

  extract-binary.py MODULE.mlir -o OUT      # the only object (or the first)
  extract-binary.py MODULE.mlir --list      # every object: binary, chip, kind
  extract-binary.py - -o OUT                # the module on stdin
"""

import argparse
import re
import sys

# #gpu.object<#nvvm.target<...>, [properties = {...},] (assembly|bin|...) = "..."
OBJECT = re.compile(
    r'gpu\.binary\s+@(?P<name>[\w$.]+)\s.*?#gpu\.object<#nvvm\.target<(?P<target>[^>]*)>'
    r'(?P<rest>.*?)"(?P<data>(?:[^"\\]|\\.)*)"',
    re.S)


def unescape(text):
    """Undoes MLIR's string escaping: \\XX (hex byte), \\\\, \\" ."""
    out = bytearray()
    i = 0
    raw = text.encode("utf-8")
    while i < len(raw):
        c = raw[i]
        if c == 0x5C and i + 1 < len(raw):  # backslash
            nxt = raw[i + 1:i + 3]
            if re.fullmatch(rb"[0-9A-Fa-f]{2}", nxt):
                out.append(int(nxt, 16))
                i += 3
                continue
            out.append(raw[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("module", help="the .mlir file ('-' for stdin)")
    parser.add_argument("-o", "--output", help="where to write the object")
    parser.add_argument("--binary", help="the gpu.binary's name (default: the first)")
    parser.add_argument("--list", action="store_true", help="list the objects")
    args = parser.parse_args()

    text = sys.stdin.read() if args.module == "-" else open(args.module).read()
    objects = []
    for m in OBJECT.finditer(text):
        chip = re.search(r'chip = "([^"]*)"', m.group("target"))
        key = re.search(r"(\w+)\s*=\s*$", m.group("rest"))
        kind = {"assembly": "ptx", "bin": "binary"}.get(key and key.group(1), "?")
        objects.append((m.group("name"), chip.group(1) if chip else "?", kind,
                        unescape(m.group("data"))))
    if not objects:
        sys.exit("error: no #gpu.object with an NVVM target in " + args.module)
    if args.list:
        for name, chip, kind, data in objects:
            print(f"@{name} {chip} {kind} {len(data)} bytes")
        return
    chosen = [o for o in objects if args.binary in (None, o[0])]
    if not chosen:
        sys.exit(f"error: no gpu.binary @{args.binary}")
    if not args.output:
        sys.exit("error: say where to write the object with -o")
    with open(args.output, "wb") as f:
        f.write(chosen[0][3])


if __name__ == "__main__":
    main()
