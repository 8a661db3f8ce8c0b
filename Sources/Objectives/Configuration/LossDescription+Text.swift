extension LossDescription {
  /// The description as Markdown (headings, lists and `$$` display math) or as a LaTeX fragment
  /// (`equation*`, `itemize` and `cases` from `amsmath`).
  public func text(_ format: Format) -> String {
    format == .markdown ? markdown : latex
  }

  /// `minimised`, `maximised` or `no direction`.
  static func direction(_ direction: Direction?) -> String {
    direction.map { $0 == .maximize ? "maximised" : "minimised" } ?? "no direction"
  }

  /// The sentence on the combined loss's direction.
  var directionSentence: String {
    if hasContradictoryDirections {
      return "Its terms pull in opposite directions; the combined loss is minimised."
    }
    return "The combined loss is \(Self.direction(direction))."
  }

  /// `\ell_{\mathrm{CE}}(\hat{y}, y)`.
  static func leafSymbol(_ name: String) -> String {
    "\\ell_{\\mathrm{" + FormulaRenderer.escapeLaTeX(name) + "}}(\\hat{y}, y)"
  }

  var markdown: String {
    var lines = [
      "## Loss", "", "$$", "\\mathcal{L} = " + formulaLaTeX, "$$", "",
      "Formula in DRYTorch's notation: `\(formula)`. " + directionSentence
        + " Each leaf is minimised; its value is the mean over the batch of a per-sample loss of the output"
        + " $\\hat{y}$ and the target $y$.",
    ]
    if !parameters.isEmpty {
      lines += ["", "Formula parameters:"]
      lines += parameters.keys.sorted().map {
        "- `{\($0)}` = \(NumberFormatting.shortest(parameters[$0] ?? .nan))"
      }
    }
    lines += ["", "### Leaves"]
    for leaf in leaves {
      lines += [
        "", "**\(leaf.name)**: `\(leaf.loss)`, \(leaf.summary).", "", "$$",
        Self.leafSymbol(leaf.name) + " = " + leaf.definitionLaTeX, "$$",
      ]
      if !leaf.parameters.isEmpty {
        lines.append("")
        lines += leaf.parameters.map { p in
          let symbol = p.symbol.map { " ($\($0)$)" } ?? ""
          let value = p.value.map { "= \($0)" + (p.isDefault ? " (default)" : "") } ?? "set by the outputs"
          return "- `\(p.key)`\(symbol) \(value)"
        }
      }
    }
    if !metrics.isEmpty {
      lines += ["", "### Watched metrics", ""]
      lines += metrics.map { m in
        let key = m.key == m.name ? "" : " (reported as `\(m.key)`)"
        return "- `\(m.name)`\(key), \(Self.direction(m.direction)): \(m.definition)"
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  var latex: String {
    var lines = [
      "\\begin{equation*}", "\\mathcal{L} = " + formulaLaTeX, "\\end{equation*}",
      "Formula in DRYTorch's notation: \\texttt{\(Self.latexText(formula))}. " + directionSentence
        + " Each leaf is minimised; its value is the mean over the batch of a per-sample loss of the output"
        + " $\\hat{y}$ and the target $y$.",
    ]
    if !parameters.isEmpty {
      lines.append(
        "Formula parameters: "
          + parameters.keys.sorted().map {
            "$\\mathit{\(FormulaRenderer.escapeLaTeX($0))} = \(NumberFormatting.shortest(parameters[$0] ?? .nan))$"
          }.joined(separator: ", ") + ".")
    }
    lines.append("\\begin{itemize}")
    for leaf in leaves {
      lines += [
        "\\item $\\mathrm{\(FormulaRenderer.escapeLaTeX(leaf.name))}$ (\\texttt{\(Self.latexText(leaf.loss))}): "
          + Self.latexText(leaf.summary) + ".",
        "\\begin{equation*}", Self.leafSymbol(leaf.name) + " = " + leaf.definitionLaTeX, "\\end{equation*}",
      ]
      if !leaf.parameters.isEmpty {
        lines.append(
          "Parameters: "
            + leaf.parameters.map { p in
              let symbol = p.symbol.map { " ($\($0)$)" } ?? ""
              let value =
                p.value.map { " $=$ \\texttt{\(Self.latexText($0))}" + (p.isDefault ? " (default)" : "") }
                ?? " set by the outputs"
              return "\\texttt{\(Self.latexText(p.key))}\(symbol)\(value)"
            }.joined(separator: "; ") + ".")
      }
    }
    lines.append("\\end{itemize}")
    if !metrics.isEmpty {
      lines += ["Watched metrics:", "\\begin{itemize}"]
      lines += metrics.map { m in
        let key = m.key == m.name ? "" : " (reported as \\texttt{\(Self.latexText(m.key))})"
        return "\\item \\texttt{\(Self.latexText(m.name))}\(key), \(Self.direction(m.direction)): "
          + Self.latexText(m.definition)
      }
      lines.append("\\end{itemize}")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Text for LaTeX's text mode: special characters escaped, the Greek letters and math signs of
  /// the definitions written as math.
  static func latexText(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "\\": out += "\\textbackslash{}"
      case "_", "%", "$", "#", "&", "{", "}": out += "\\" + String(ch)
      case "^": out += "\\^{}"
      case "~": out += "\\~{}"
      case "|": out += "$|$"
      case "<", ">": out += "$" + String(ch) + "$"
      default: out += latexSymbols[ch] ?? String(ch)
      }
    }
    return out
  }

  /// The non-ASCII characters of the registry's texts, as LaTeX.
  static let latexSymbols: [Character: String] = [
    "Σ": "$\\Sigma$", "·": "$\\cdot$", "²": "$^2$", "β": "$\\beta$", "ε": "$\\varepsilon$", "δ": "$\\delta$",
    "κ": "$\\kappa$", "√": "$\\surd$", "ȳ": "$\\bar{y}$", "ŷ": "$\\hat{y}$", "−": "$-$", "–": "--",
    "≤": "$\\leq$", "±": "$\\pm$", "ø": "{\\o}", "’": "'",
  ]
}
