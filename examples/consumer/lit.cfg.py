# lit configuration for the consumer example: runs test.mlir with the tools
# of a consumer build directory, given as --param consumer_bin=DIR (and
# llvm_tools=DIR for FileCheck). See scripts/test-consumer.sh.
import os

import lit.formats

config.name = "attn-consumer"
config.test_format = lit.formats.ShTest(True)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = lit_config.params["consumer_bin"]
path = [lit_config.params["consumer_bin"], lit_config.params["llvm_tools"]]
config.environment["PATH"] = os.pathsep.join(path + [os.environ["PATH"]])
