//===- NpyHeader.cpp - Parse and format the .npy header dictionary --------===//

#include "NpyHeader.h"

#include "attn/Runtime/Npy.h"

#include <limits>
#include <set>

namespace attn::runtime::detail {

void npyFail(const std::string &source, const std::string &reason) {
  throw NpyError(source + ": " + reason);
}

namespace {

/// A recursive-descent reader over the header text. Each error names what
/// was expected and the column, so a hand-edited header is easy to fix.
class HeaderParser {
public:
  HeaderParser(std::string_view text, const std::string &source)
      : text(text), source(source) {}

  NpyHeader parse() {
    NpyHeader header;
    std::set<std::string> seen;
    skipSpace();
    expect('{');
    skipSpace();
    while (!consume('}')) {
      std::string key = parseString();
      if (!seen.insert(key).second)
        error("duplicate key '" + key + "'");
      skipSpace();
      expect(':');
      skipSpace();
      if (key == "descr") {
        if (peek() == '[')
          error("structured dtypes (a list descr) are not supported");
        header.descr = parseString();
      } else if (key == "fortran_order") {
        header.fortranOrder = parseBool();
      } else if (key == "shape") {
        header.shape = parseShape();
      } else {
        error("unexpected key '" + key + "'");
      }
      skipSpace();
      if (!consume(',')) {
        expect('}');
        break;
      }
      skipSpace();
    }
    skipSpace();
    if (pos != text.size())
      error("unexpected text after the header dictionary");
    for (const char *key : {"descr", "fortran_order", "shape"})
      if (!seen.count(key))
        error(std::string("missing key '") + key + "'");
    return header;
  }

private:
  std::string_view text;
  const std::string &source;
  size_t pos = 0;

  [[noreturn]] void error(const std::string &what) {
    npyFail(source, "bad header at column " + std::to_string(pos) + ": " +
                        what + " (header: " + std::string(text) + ")");
  }

  char peek() const { return pos < text.size() ? text[pos] : '\0'; }

  bool consume(char c) {
    if (peek() != c)
      return false;
    ++pos;
    return true;
  }

  void expect(char c) {
    if (!consume(c))
      error(std::string("expected '") + c + "'");
  }

  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }

  std::string parseString() {
    char quote = peek();
    if (quote != '\'' && quote != '"')
      error("expected a quoted string");
    ++pos;
    size_t start = pos;
    while (pos < text.size() && text[pos] != quote) {
      if (text[pos] == '\\')
        error("escape sequences are not supported");
      ++pos;
    }
    if (pos == text.size())
      error("unterminated string");
    return std::string(text.substr(start, pos++ - start));
  }

  bool parseBool() {
    if (text.substr(pos, 4) == "True") {
      pos += 4;
      return true;
    }
    if (text.substr(pos, 5) == "False") {
      pos += 5;
      return false;
    }
    error("expected True or False");
  }

  int64_t parseDim() {
    if (peek() < '0' || peek() > '9')
      error("expected a non-negative integer dimension");
    int64_t v = 0;
    while (peek() >= '0' && peek() <= '9') {
      int digit = peek() - '0';
      if (v > (std::numeric_limits<int64_t>::max() - digit) / 10)
        error("dimension too large");
      v = v * 10 + digit;
      ++pos;
    }
    consume('L'); // Python 2 long literal, as in old NumPy files.
    return v;
  }

  std::vector<int64_t> parseShape() {
    std::vector<int64_t> shape;
    expect('(');
    skipSpace();
    while (!consume(')')) {
      shape.push_back(parseDim());
      skipSpace();
      if (!consume(',')) {
        expect(')');
        break;
      }
      skipSpace();
    }
    return shape;
  }
};

} // namespace

NpyHeader parseNpyHeader(std::string_view text, const std::string &source) {
  return HeaderParser(text, source).parse();
}

std::string formatNpyShape(const std::vector<int64_t> &shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1)
    text += ","; // A one-element tuple needs the trailing comma.
  return text + ")";
}

std::string formatNpyHeader(const std::string &descr,
                            const std::vector<int64_t> &shape) {
  // Keys in sorted order, each followed by ", ", as NumPy writes them.
  std::string dict =
      "{'descr': '" + descr +
      "', 'fortran_order': False, 'shape': " + formatNpyShape(shape) + ", }";
  // NumPy leaves room for the first axis to grow to 21 digits so the header
  // can be rewritten in place; matching it keeps our files byte-identical.
  if (!shape.empty()) {
    size_t digits = std::to_string(shape[0]).size();
    if (digits < 21)
      dict.append(21 - digits, ' ');
  }
  return dict;
}

} // namespace attn::runtime::detail
