/// How a formula is written.
public enum FormulaStyle: String, Sendable, CaseIterable {
  /// DRYTorch's notation: `[MSE]^2 + 0.5 x [MAE]`.
  case plain
  /// LaTeX math: `\mathrm{MSE}^{2} + 0.5 \cdot \mathrm{MAE}`.
  case latex
  /// Markdown: names in backticks, exponents in `<sup>` tags and `×` for products, so that
  /// `[MSE]^2 + 0.5 x [MAE]` shows as MSE² + 0.5 × MAE with the names in code style.
  case markdown
}

/// Renders an expression with correct, minimal parentheses.
///
/// Binding strength, weakest first: sums and negation (1), products (2), powers (3), atoms (4).
/// An operand is parenthesised only when it binds more weakly than its place requires:
/// a non-first term of a sum needs a product or stronger, a non-first factor or a divisor needs a
/// power or stronger, a power's base needs an atom, a negated operand a power or stronger. A
/// leading minus is written only at the start of the formula or of a parenthesised group: the
/// parser also reads a unary minus after an operator (`[A] x -[B]`), but the renderer writes
/// `[A] x (-[B])`, which reads the same. Constants print in the shortest form that reads back to
/// the same `Double`, including `-0`, `inf`, `-inf` and `nan`.
struct FormulaRenderer {
  let names: [String]
  let style: FormulaStyle

  struct Rendered {
    var text: String
    var strength: Int
    var startsWithMinus: Bool
  }

  func render(_ e: Expression) -> String { render(node: e).text }

  func render(node e: Expression) -> Rendered {
    switch e {
    case .leaf(let k):
      return Rendered(text: leaf(names[k]), strength: 4, startsWithMinus: false)
    case .constant(let c):
      let negative = Expression.isNegative(c)
      return Rendered(text: number(c), strength: negative ? 1 : 4, startsWithMinus: negative)
    case .negation(let inner):
      let r = render(node: inner)
      // Unary minus binds tighter than `x` and `/`, so a negated product or quotient is
      // parenthesised: `-([A] x [B])`, while `-[A]^2` is `-([A]^2)`.
      let body = (r.strength < 3 || r.startsWithMinus) ? parenthesised(r.text) : r.text
      return Rendered(text: "-" + body, strength: 1, startsWithMinus: true)
    case .power(let base, let p):
      let b = render(node: base)
      let baseText = b.strength == 4 && !b.startsWithMinus ? b.text : parenthesised(b.text)
      // NaN exponents are written as they are: the tree evaluates `b^p` unless `p < 0`.
      if !(p < 0) { return Rendered(text: power(baseText, p), strength: 3, startsWithMinus: false) }
      let q = -p
      let denominator: String
      if q == 1 {
        denominator = b.strength >= 3 && !b.startsWithMinus ? b.text : parenthesised(b.text)
      } else {
        denominator = power(baseText, q)
      }
      return Rendered(text: fraction("1", denominator), strength: 2, startsWithMinus: false)
    case .sum(let terms):
      var text = ""
      var startsWithMinus = false
      for (i, t) in terms.enumerated() {
        let r = render(node: t.expression)
        if i == 0 {
          text = t.subtracted ? "-" + parenthesised(r.text) : r.text
          startsWithMinus = t.subtracted || r.startsWithMinus
        } else {
          let body = (r.strength < 2 || r.startsWithMinus) ? parenthesised(r.text) : r.text
          text += (t.subtracted ? " - " : " + ") + body
        }
      }
      return Rendered(text: text, strength: 1, startsWithMinus: startsWithMinus)
    case .product(let factors):
      return renderProduct(factors)
    case .function(let f, let arguments):
      return Rendered(text: function(f, arguments.map(render)), strength: 4, startsWithMinus: false)
    case .parameter(let name):
      return Rendered(text: parameter(name), strength: 4, startsWithMinus: false)
    }
  }

  /// `exp([A])`, `min([A], [B])`, `clamp([A], 0, 1)`; in LaTeX `\exp\left(…\right)`, `\sqrt{…}`,
  /// `\left|…\right|`. Arguments are whole formulas, so they are never parenthesised.
  func function(_ f: ElementaryFunction, _ arguments: [String]) -> String {
    let list = arguments.joined(separator: ", ")
    guard style == .latex else { return f.rawValue + "(" + list + ")" }
    switch f {
    case .sqrt: return "\\sqrt{" + list + "}"
    case .abs: return "\\left|" + list + "\\right|"
    case .clamp: return "\\operatorname{clamp}" + parenthesised(list)
    case .exp, .log, .min, .max: return "\\" + f.rawValue + parenthesised(list)
    }
  }

  /// `{s}` (with `}` and `\` escaped), `\mathit{s}` in LaTeX, `*s*` in Markdown.
  func parameter(_ name: String) -> String {
    switch style {
    case .plain:
      var out = "{"
      for ch in name {
        if ch == "}" || ch == "\\" { out.append("\\") }
        out.append(ch)
      }
      return out + "}"
    case .latex: return "\\mathit{" + FormulaRenderer.escapeLaTeX(name) + "}"
    case .markdown: return "*" + name.replacingOccurrences(of: "*", with: "\\*") + "*"
    }
  }

  func renderProduct(_ factors: [Expression.Factor]) -> Rendered {
    var startsWithMinus = false
    func factorText(_ f: Expression.Factor, first: Bool) -> String {
      let r = render(node: f.expression)
      if first {
        if case .constant(let c) = f.expression, Expression.isNegative(c) {
          startsWithMinus = true
          return r.text
        }
        return r.strength < 2 || r.startsWithMinus ? parenthesised(r.text) : r.text
      }
      return r.strength < 3 || r.startsWithMinus ? parenthesised(r.text) : r.text
    }
    if style == .latex && factors.contains(where: \.divides) {
      let numerators = factors.enumerated().filter { !$0.element.divides }.map {
        factorText($0.element, first: $0.offset == 0)
      }
      let denominators = factors.filter(\.divides).map { factorText($0, first: false) }
      let text =
        "\\frac{\(numerators.joined(separator: " \\cdot "))}{\(denominators.joined(separator: " \\cdot "))}"
      return Rendered(text: text, strength: 2, startsWithMinus: startsWithMinus)
    }
    var text = ""
    for (i, f) in factors.enumerated() {
      let t = factorText(f, first: i == 0)
      text += i == 0 ? t : (f.divides ? divide : times) + t
    }
    return Rendered(text: text, strength: 2, startsWithMinus: startsWithMinus)
  }

  // MARK: Style-dependent pieces

  var times: String {
    switch style {
    case .plain: return " x "
    case .latex: return " \\cdot "
    case .markdown: return " × "
    }
  }

  var divide: String { " / " }

  func leaf(_ name: String) -> String {
    switch style {
    case .plain:
      return "[" + FormulaRenderer.escapeName(name) + "]"
    case .latex:
      return "\\mathrm{" + FormulaRenderer.escapeLaTeX(name) + "}"
    case .markdown:
      return "`" + name.replacingOccurrences(of: "`", with: "'") + "`"
    }
  }

  func number(_ c: Double) -> String { NumberFormatting.shortest(c) }

  func power(_ base: String, _ p: Double) -> String {
    switch style {
    case .plain: return base + "^" + number(p)
    case .latex: return base + "^{" + number(p) + "}"
    case .markdown: return base + "<sup>" + number(p) + "</sup>"
    }
  }

  func fraction(_ numerator: String, _ denominator: String) -> String {
    style == .latex ? "\\frac{\(numerator)}{\(denominator)}" : numerator + divide + denominator
  }

  func parenthesised(_ s: String) -> String {
    style == .latex ? "\\left(" + s + "\\right)" : "(" + s + ")"
  }

  /// Escapes `]` and `\` in a leaf name, so that every name can be written between brackets.
  static func escapeName(_ name: String) -> String {
    var out = ""
    for ch in name {
      if ch == "]" || ch == "\\" { out.append("\\") }
      out.append(ch)
    }
    return out
  }

  static func escapeLaTeX(_ name: String) -> String {
    var out = ""
    for ch in name {
      switch ch {
      case "\\": out += "\\backslash{}"
      case "_", "%", "$", "#", "&", "{", "}": out += "\\" + String(ch)
      case " ": out += "\\ "
      case "^": out += "\\hat{}"
      case "~": out += "\\tilde{}"
      default: out.append(ch)
      }
    }
    return out
  }
}

extension Loss {
  /// The formula in DRYTorch's notation, with correct, minimal parentheses:
  /// `[MSE]^2 + 0.5 x [MAE]`.
  public var formula: String { formula(.plain) }

  /// The formula in the given style.
  public func formula(_ style: FormulaStyle) -> String {
    FormulaRenderer(names: componentNames, style: style).render(expression)
  }
}

extension Loss: CustomStringConvertible {
  /// `Loss([MSE]^2 + 0.5 x [MAE])`.
  public var description: String { "Loss(\(formula))" }
}
