/*===- consumer-capi.c - attn's C API from an installed prefix ------------===*\
|*                                                                            *|
|* Parses a file given on the command line and prints each attn.mha's name   *|
|* and heads, using only libAttnCAPI.so (attn's and MLIR's C API).            *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "attn-c/Dialect.h"
#include "attn-c/Init.h"

#include "mlir-c/IR.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static MlirWalkResult printMha(MlirOperation op, void *userData) {
  (void)userData;
  if (attnOpIsMha(op)) {
    MlirStringRef name = attnMhaOpGetName(op);
    printf("mha '%.*s': %" PRId64 " heads, %" PRId64 " kv heads\n",
           (int)name.length, name.data, attnMhaOpGetNumHeads(op),
           attnMhaOpGetNumKvHeads(op));
  }
  return MlirWalkResultAdvance;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE.mlir\n", argv[0]);
    return 2;
  }
  FILE *file = fopen(argv[1], "rb");
  if (!file) {
    perror(argv[1]);
    return 1;
  }
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  char *text = malloc((size_t)size);
  if (!text || fread(text, 1, (size_t)size, file) != (size_t)size) {
    fprintf(stderr, "%s: read failed\n", argv[1]);
    return 1;
  }
  fclose(file);

  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  attnRegisterDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);

  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreate(text, (size_t)size));
  free(text);
  if (mlirModuleIsNull(module)) {
    mlirContextDestroy(ctx);
    return 1;
  }
  mlirOperationWalk(mlirModuleGetOperation(module), printMha, NULL,
                    MlirWalkPreOrder);
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return 0;
}
