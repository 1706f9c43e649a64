# -*- Python -*-
# lit runs the GoogleTest unit tests (every *Tests binary under unittests/)
# as part of check-attn, so one command runs everything.

import os

import lit.formats

config.name = "ATTN-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.attn_obj_root, "unittests")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
