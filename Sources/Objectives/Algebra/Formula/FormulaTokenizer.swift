/// A token of a formula, with its character position.
struct FormulaToken: Equatable {
  enum Kind: Equatable {
    case leaf(String)
    case number(Double)
    case function(ElementaryFunction)
    case parameter(String)
    case plus, minus, times, divide, caret, open, close, comma, end
  }
  var kind: Kind
  var position: Int
}

/// Splits a formula into tokens. Accepts `x`, `*`, `×` and `·` for products, `/` and `÷` for
/// division, `^` and `**` for powers; names are written `[name]` with `\]` and `\\` escaped.
/// Numbers are decimal literals, `inf`, `nan`, and `True` and `False` (1 and 0, as DRYTorch prints
/// Python booleans); any whitespace (CR LF included) separates tokens. Function names (`exp`, `log`,
/// `sqrt`, `abs`, `min`, `max`, `clamp`) and `,` separate arguments; parameters are written
/// `{name}` with `\}` and `\\` escaped.
enum FormulaTokenizer {
  static func tokenize(_ characters: [Character]) throws(FormulaError) -> [FormulaToken] {
    var tokens: [FormulaToken] = []
    var i = 0
    /// Reads the name that starts at the opening bracket at `i`, up to `close`, undoing `\`
    /// escapes, and moves `i` past the closing bracket.
    func name(closedBy close: Character) throws(FormulaError) -> String {
      let start = i
      i += 1
      var name = ""
      while i < characters.count {
        let d = characters[i]
        if d == "\\", i + 1 < characters.count {
          name.append(characters[i + 1])
          i += 2
        } else if d == close {
          i += 1
          return name
        } else {
          name.append(d)
          i += 1
        }
      }
      throw .syntax("'\(characters[start])' is never closed by '\(close)'", position: start)
    }
    while i < characters.count {
      let c = characters[i]
      let start = i
      if c.isWhitespace {
        i += 1
        continue
      }
      switch c {
      case "e", "l", "s", "a", "m", "c":
        // Function names; the longest first (none is a prefix of another).
        guard
          let f = ElementaryFunction.allCases.first(where: { f in
            f.rawValue.first == c && characters.count - i >= f.rawValue.count
              && String(characters[i..<(i + f.rawValue.count)]) == f.rawValue
          })
        else {
          throw .syntax("unexpected '\(c)'", position: start)
        }
        tokens.append(FormulaToken(kind: .function(f), position: start))
        i += f.rawValue.count
      case "{":
        tokens.append(FormulaToken(kind: .parameter(try name(closedBy: "}")), position: start))
      case ",": tokens.append(FormulaToken(kind: .comma, position: start)); i += 1
      case "i", "n", "T", "F":
        // `inf` and `nan`, and DRYTorch's Python booleans `True` (1) and `False` (0).
        let words: [(String, Double)] = [("inf", .infinity), ("nan", .nan), ("True", 1), ("False", 0)]
        guard
          let (word, value) = words.first(where: { w in
            w.0.first == c && characters.count - i >= w.0.count
              && String(characters[i..<(i + w.0.count)]) == w.0
          })
        else {
          throw .syntax("unexpected '\(c)'", position: start)
        }
        tokens.append(FormulaToken(kind: .number(value), position: start))
        i += word.count
      case "[":
        tokens.append(FormulaToken(kind: .leaf(try name(closedBy: "]")), position: start))
      case "+": tokens.append(FormulaToken(kind: .plus, position: start)); i += 1
      case "-", "−": tokens.append(FormulaToken(kind: .minus, position: start)); i += 1
      case "x", "×", "·": tokens.append(FormulaToken(kind: .times, position: start)); i += 1
      case "*":
        if i + 1 < characters.count, characters[i + 1] == "*" {
          tokens.append(FormulaToken(kind: .caret, position: start))
          i += 2
        } else {
          tokens.append(FormulaToken(kind: .times, position: start))
          i += 1
        }
      case "/", "÷": tokens.append(FormulaToken(kind: .divide, position: start)); i += 1
      case "^": tokens.append(FormulaToken(kind: .caret, position: start)); i += 1
      case "(": tokens.append(FormulaToken(kind: .open, position: start)); i += 1
      case ")": tokens.append(FormulaToken(kind: .close, position: start)); i += 1
      case "0"..."9", ".":
        var text = ""
        while i < characters.count {
          let d = characters[i]
          if d.isASCII && (d.isNumber || d == ".") {
            text.append(d)
            i += 1
          } else if (d == "e" || d == "E") && i + 1 < characters.count {
            text.append(d)
            i += 1
            if characters[i] == "+" || characters[i] == "-" {
              text.append(characters[i])
              i += 1
            }
          } else {
            break
          }
        }
        guard let value = Double(text), value.isFinite else {
          throw .syntax("'\(text)' is not a finite number (write inf for infinity)", position: start)
        }
        tokens.append(FormulaToken(kind: .number(value), position: start))
      default:
        throw .syntax("unexpected '\(c)'", position: start)
      }
    }
    tokens.append(FormulaToken(kind: .end, position: characters.count))
    return tokens
  }
}
