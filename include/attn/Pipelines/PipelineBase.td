//===- PipelineBase.td - declaring pass pipeline options ---*- tablegen -*-===//
//
// A pass pipeline's options, declared so that each option's default and help
// text are written once: an option that sets a component pass's option names
// that option (PassOptionOf) and takes its type, default and help from the
// pass's declaration. attn-tblgen -gen-pipeline-options writes the
// PassPipelineOptions struct.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_PIPELINES_PIPELINEBASE_TD
#define ATTN_PIPELINES_PIPELINEBASE_TD

include "mlir/Pass/PassBase.td"

// The pipeline option that is `pass`'s option `passOption` (its command-line
// name), spelled `argument` in the pipeline (the pass's name by default) and
// held in the C++ member `cppName` (the pass's by default).
class PassOptionOf<PassBase passDef, string passOptionName,
                   string pipelineArgument = "", string pipelineCppName = ""> {
  PassBase pass = passDef;
  string passOption = passOptionName;
  string argument = pipelineArgument;
  string cppName = pipelineCppName;
}

// The options struct `cppClassName` of a pass pipeline.
class PipelineOptions<string cppClassName_> {
  string cppClassName = cppClassName_;
  // One line for the struct's comment.
  string summary = "";
  // The pipeline's own options: what it runs, rather than how a pass works.
  list<Option> options = [];
  // The options that are component passes' options.
  list<PassOptionOf> passOptions = [];
}

#endif // ATTN_PIPELINES_PIPELINEBASE_TD
