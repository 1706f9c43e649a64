//===- AttnAssembly.cpp - custom syntax of attn.sdpa and attn.mha ---------===//
//
// The optional clauses of attn.sdpa (mask, causal, offset, scale) and of
// attn.mha (kv, weights, biases, mask, head counts, causal, offset, scale)
// may be written in any order, each at most once; the printer writes them in
// one canonical order. Both ops spell the mask `mask(%m : type)`. attn.mha
// also accepts its older spelling `mask(%m)` with the mask's type in the
// trailing type list, and takes `num_kv_heads` to be `num_heads` when it is
// left out. A declarative assembly format cannot say "any order", hence C++.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::attn;

namespace {
/// Reads the keyword clauses that follow an op's leading operands: each at
/// most once, in any order, until something that is not a keyword.
class ClauseReader {
public:
  ClauseReader(OpAsmParser &parser, StringRef opName,
               ArrayRef<StringRef> clauses)
      : parser(parser), opName(opName),
        clauses(clauses.begin(), clauses.end()) {}

  /// The next clause keyword, or failure() at the end of the clauses (the
  /// next token is not a keyword). Sets `error` when the keyword is unknown
  /// or repeated.
  FailureOr<StringRef> next(bool &error) {
    error = false;
    SMLoc loc = parser.getCurrentLocation();
    StringRef keyword;
    if (failed(parser.parseOptionalKeyword(&keyword)))
      return failure();
    if (!llvm::is_contained(clauses, keyword)) {
      error = true;
      parser.emitError(loc) << "unknown clause '" << keyword << "' in "
                            << opName << ": expected " << describe()
                            << " (in any order), an attribute dictionary or "
                               "':' and the types";
      return failure();
    }
    if (!seen.insert(keyword).second) {
      error = true;
      parser.emitError(loc)
          << "clause '" << keyword << "' given twice in " << opName;
      return failure();
    }
    return keyword;
  }

  bool has(StringRef clause) const { return seen.contains(clause); }

private:
  std::string describe() const {
    std::string text;
    for (size_t i = 0; i < clauses.size(); ++i)
      text += (i == 0                    ? ""
               : i + 1 == clauses.size() ? " or "
                                         : ", ") +
              ("'" + clauses[i] + "'").str();
    return text;
  }

  OpAsmParser &parser;
  StringRef opName;
  SmallVector<StringRef> clauses;
  llvm::StringSet<> seen;
};
} // namespace

/// `( %operand )`, or `( %operand : type )` when `type` is given.
static ParseResult parseParenOperand(OpAsmParser &parser,
                                     OpAsmParser::UnresolvedOperand &operand,
                                     Type *type = nullptr) {
  if (parser.parseLParen() || parser.parseOperand(operand))
    return failure();
  if (type && succeeded(parser.parseOptionalColon()) && parser.parseType(*type))
    return failure();
  return parser.parseRParen();
}

/// `( N )` as an i64 attribute.
static ParseResult parseParenInteger(OpAsmParser &parser, IntegerAttr &attr) {
  return failure(
      parser.parseLParen() ||
      parser.parseAttribute(attr, parser.getBuilder().getIntegerType(64)) ||
      parser.parseRParen());
}

/// The clauses both ops end with: `causal`, `offset = N`, `scale = S`, read
/// into the op's properties. Succeeds without reading for another clause.
template <typename Properties>
static ParseResult parseCausalOrScaleClause(OpAsmParser &parser,
                                            StringRef clause,
                                            Properties &props) {
  Builder &b = parser.getBuilder();
  if (clause == "causal") {
    props.causal = b.getUnitAttr();
    return success();
  }
  if (clause == "offset")
    return failure(
        parser.parseEqual() ||
        parser.parseAttribute(props.causal_offset, b.getIntegerType(64)));
  if (clause == "scale")
    return failure(parser.parseEqual() ||
                   parser.parseAttribute(props.scale, b.getF32Type()));
  return success();
}

/// ` mask(%m : type)`, the mask clause both ops print, if there is a mask.
static void printMaskClause(OpAsmPrinter &p, Value mask) {
  if (mask)
    p << " mask(" << mask << " : " << mask.getType() << ")";
}

/// ` causal`, ` offset = N` and ` scale = S`, the clauses both ops end with,
/// for those that are set.
static void printCausalAndScaleClauses(OpAsmPrinter &p, bool causal,
                                       IntegerAttr offset, FloatAttr scale) {
  if (causal)
    p << " causal";
  if (offset) {
    p << " offset = ";
    p.printAttributeWithoutType(offset);
  }
  if (scale) {
    p << " scale = ";
    p.printAttributeWithoutType(scale);
  }
}

//===----------------------------------------------------------------------===//
// attn.sdpa
//===----------------------------------------------------------------------===//

ParseResult SdpaOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand query, key, value, mask;
  Type maskType;
  if (parser.parseOperand(query) || parser.parseComma() ||
      parser.parseOperand(key) || parser.parseComma() ||
      parser.parseOperand(value))
    return failure();

  Properties &props = result.getOrAddProperties<Properties>();
  ClauseReader reader(parser, "attn.sdpa",
                      {"mask", "causal", "offset", "scale"});
  bool error = false;
  for (FailureOr<StringRef> clause = reader.next(error); succeeded(clause);
       clause = reader.next(error)) {
    if (*clause == "mask") {
      SMLoc loc = parser.getCurrentLocation();
      if (parseParenOperand(parser, mask, &maskType))
        return failure();
      if (!maskType)
        return parser.emitError(loc, "attn.sdpa's mask needs its type: "
                                     "mask(%m : type)");
    } else if (failed(parseCausalOrScaleClause(parser, *clause, props))) {
      return failure();
    }
  }
  if (error)
    return failure();

  Type queryType, keyType, valueType, resultType;
  if (parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.parseType(queryType) || parser.parseComma() ||
      parser.parseType(keyType) || parser.parseComma() ||
      parser.parseType(valueType) || parser.parseArrow() ||
      parser.parseType(resultType))
    return failure();
  if (parser.resolveOperand(query, queryType, result.operands) ||
      parser.resolveOperand(key, keyType, result.operands) ||
      parser.resolveOperand(value, valueType, result.operands) ||
      (reader.has("mask") &&
       parser.resolveOperand(mask, maskType, result.operands)))
    return failure();
  result.addTypes(resultType);
  return success();
}

void SdpaOp::print(OpAsmPrinter &p) {
  p << ' ' << getQuery() << ", " << getKey() << ", " << getValue();
  printMaskClause(p, getMask());
  printCausalAndScaleClauses(p, getCausal(), getCausalOffsetAttr(),
                             getScaleAttr());
  p.printOptionalAttrDict(
      (*this)->getAttrs(),
      {getCausalAttrName(), getCausalOffsetAttrName(), getScaleAttrName()});
  p << " : " << getQuery().getType() << ", " << getKey().getType() << ", "
    << getValue().getType() << " -> " << getResult().getType();
}

//===----------------------------------------------------------------------===//
// attn.mha
//===----------------------------------------------------------------------===//

ParseResult MhaOp::parse(OpAsmParser &parser, OperationState &result) {
  using Operand = OpAsmParser::UnresolvedOperand;
  Properties &props = result.getOrAddProperties<Properties>();
  Builder &b = parser.getBuilder();
  SMLoc opLoc = parser.getCurrentLocation();

  // `name "..."` may come first (the canonical place) or among the clauses.
  auto parseName = [&]() -> ParseResult {
    std::string name;
    if (parser.parseString(&name))
      return failure();
    props.name = b.getStringAttr(name);
    return success();
  };
  bool nameFirst = succeeded(parser.parseOptionalKeyword("name"));
  if (nameFirst && parseName())
    return failure();

  Operand input;
  if (parser.parseOperand(input))
    return failure();
  std::optional<Operand> kv, bq, bk, bv, bo, mask;
  SmallVector<Operand, 4> weights;
  Type maskType;
  SmallVector<StringRef> clauseNames = {
      "kv",     "weights", "bias_q",    "bias_k",       "bias_v",
      "bias_o", "mask",    "num_heads", "num_kv_heads", "head_dim",
      "causal", "offset",  "scale"};
  if (!nameFirst)
    clauseNames.push_back("name");
  ClauseReader reader(parser, "attn.mha", clauseNames);
  auto parseOptional = [&](std::optional<Operand> &operand) -> ParseResult {
    operand.emplace();
    return parseParenOperand(parser, *operand);
  };
  bool error = false;
  for (FailureOr<StringRef> clause = reader.next(error); succeeded(clause);
       clause = reader.next(error)) {
    ParseResult parsed = success();
    if (*clause == "name") {
      parsed = parseName();
    } else if (*clause == "kv") {
      parsed = parseOptional(kv);
    } else if (*clause == "weights") {
      parsed =
          parser.parseOperandList(weights, 4, OpAsmParser::Delimiter::Paren);
    } else if (*clause == "bias_q") {
      parsed = parseOptional(bq);
    } else if (*clause == "bias_k") {
      parsed = parseOptional(bk);
    } else if (*clause == "bias_v") {
      parsed = parseOptional(bv);
    } else if (*clause == "bias_o") {
      parsed = parseOptional(bo);
    } else if (*clause == "mask") {
      mask.emplace();
      parsed = parseParenOperand(parser, *mask, &maskType);
    } else if (*clause == "num_heads") {
      parsed = parseParenInteger(parser, props.num_heads);
    } else if (*clause == "num_kv_heads") {
      parsed = parseParenInteger(parser, props.num_kv_heads);
    } else if (*clause == "head_dim") {
      parsed = parseParenInteger(parser, props.head_dim);
    } else {
      parsed = parseCausalOrScaleClause(parser, *clause, props);
    }
    if (failed(parsed))
      return failure();
  }
  if (error)
    return failure();
  for (StringRef required : {"weights", "num_heads", "head_dim"})
    if (!reader.has(required))
      return parser.emitError(opLoc, "attn.mha needs the clause '")
             << required
             << "' (weights(%wq, %wk, %wv, %wo), num_heads(N), "
                "head_dim(N))";
  // Plain multi-head attention: as many key/value heads as query heads.
  if (!props.num_kv_heads)
    props.num_kv_heads = props.num_heads;

  SMLoc typesLoc = parser.getCurrentLocation();
  FunctionType type;
  if (parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.parseType(type))
    return failure();

  // The operands in their order, the one the trailing types follow.
  SmallVector<Operand> operands{input};
  auto add = [&](const std::optional<Operand> &operand) {
    if (operand)
      operands.push_back(*operand);
  };
  add(kv);
  operands.append(weights.begin(), weights.end());
  add(bq);
  add(bk);
  add(bv);
  add(bo);
  SmallVector<Type> types(type.getInputs());
  // A mask typed in its clause is left out of the trailing types (the
  // canonical form) or, if listed there too, must agree.
  if (mask && maskType && types.size() == operands.size()) {
    types.push_back(maskType);
  } else if (mask && maskType && types.size() == operands.size() + 1 &&
             types.back() != maskType) {
    return parser.emitError(typesLoc, "attn.mha: the mask's type in its "
                                      "clause (")
           << maskType << ") differs from its type in the trailing list ("
           << types.back() << ")";
  }
  add(mask);
  if (types.size() != operands.size())
    return parser.emitError(typesLoc, "attn.mha: expected ")
           << operands.size() << " operand types (input, kv, wq, wk, wv, "
           << "wo, bias_q, bias_k, bias_v, bias_o and mask, absent ones left "
              "out; a mask typed in its clause may be left out too), got "
           << types.size();
  if (parser.resolveOperands(operands, types, typesLoc, result.operands))
    return failure();
  result.addTypes(type.getResults());

  auto count = [](const std::optional<Operand> &operand) {
    return static_cast<int32_t>(operand.has_value());
  };
  props.operandSegmentSizes = {1,         count(kv), 1,          1,
                               1,         1,         count(bq),  count(bk),
                               count(bv), count(bo), count(mask)};
  return success();
}

void MhaOp::print(OpAsmPrinter &p) {
  if (auto name = getNameAttr()) {
    p << " name ";
    p.printAttributeWithoutType(name);
  }
  p << ' ' << getInput();
  if (Value kv = getKvInput())
    p << " kv(" << kv << ")";
  p << " weights(" << getWq() << ", " << getWk() << ", " << getWv() << ", "
    << getWo() << ")";
  auto printOptional = [&](StringRef keyword, Value value) {
    if (value)
      p << ' ' << keyword << '(' << value << ')';
  };
  printOptional("bias_q", getBq());
  printOptional("bias_k", getBk());
  printOptional("bias_v", getBv());
  printOptional("bias_o", getBo());
  printMaskClause(p, getMask());
  p << " num_heads(" << getNumHeads() << ") num_kv_heads(" << getNumKvHeads()
    << ") head_dim(" << getHeadDim() << ")";
  printCausalAndScaleClauses(p, getCausal(), getCausalOffsetAttr(),
                             getScaleAttr());
  p.printOptionalAttrDict(
      (*this)->getAttrs(),
      {getNameAttrName(), getNumHeadsAttrName(), getNumKvHeadsAttrName(),
       getHeadDimAttrName(), getCausalAttrName(), getCausalOffsetAttrName(),
       getScaleAttrName(), getOperandSegmentSizesAttrName()});
  // The mask's type is in its clause.
  TypeRange types = getOperandTypes();
  if (getMask())
    types = types.drop_back();
  p << " : ";
  p.printFunctionalType(types, (*this)->getResultTypes());
}
