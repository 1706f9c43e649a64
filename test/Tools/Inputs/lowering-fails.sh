#!/bin/sh
# attn-reduce's interestingness test (test/Tools/attn-reduce.mlir): a file is
# interesting (exit 1) when `$ATTN_OPT --attn-lower-sdpa` still refuses it
# for its dynamic head counts.
"$ATTN_OPT" "$1" --attn-lower-sdpa 2>&1 |
  grep -q "needs static query and key/value head counts" && exit 1
exit 0
