// A module written out, so that its location is a line of this file
// (target-and-nesting.mlir checks an error reported there).
module {
  func.func @f() {
    return
  }
}
