//===- InitAttn.h - register attn with an MLIR context ----------*- C++ -*-===//
//
// The entry points for embedding attn in another tool: one call registers the
// dialects (attn and the upstream ones its pipelines produce, with their
// interfaces and LLVM IR translations), one registers attn's passes and
// pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_INIT_INITATTN_H
#define ATTN_INIT_INITATTN_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::attn {

/// Inserts the attn dialect and every dialect, extension and LLVM IR
/// translation interface attn's pipelines need into `registry`.
void registerAttnDialects(DialectRegistry &registry);

/// Registers attn's passes and pipelines with the global pass registry.
void registerAttnPasses();

} // namespace mlir::attn

#endif // ATTN_INIT_INITATTN_H
