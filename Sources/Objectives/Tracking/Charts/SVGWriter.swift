/// Builds SVG text: elements with escaped attributes and text, numbers with at most two decimals.
struct SVGWriter {
  private(set) var lines: [String] = []
  let width: Double
  let height: Double

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// Escapes the five XML special characters and drops characters XML 1.0 forbids.
  static func escape(_ text: String) -> String {
    var out = ""
    for u in text.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out += " "
      case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF: continue
      default: out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// A coordinate with at most two decimals and no trailing zeros.
  static func number(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let r = (v * 100).rounded() / 100
    if r == r.rounded(), abs(r) < 1e15 { return String(Int64(r)) }
    var s = String(r)
    if s.hasPrefix("-0.") && r == 0 { s = "0" }
    return s
  }

  private static func attributes(_ attrs: KeyValuePairs<String, String>) -> String {
    attrs.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
  }

  mutating func open(_ name: String, _ attrs: KeyValuePairs<String, String> = [:]) {
    lines.append("<\(name)\(Self.attributes(attrs))>")
  }

  mutating func close(_ name: String) { lines.append("</\(name)>") }

  mutating func element(_ name: String, _ attrs: KeyValuePairs<String, String>, text: String? = nil) {
    if let text {
      lines.append("<\(name)\(Self.attributes(attrs))>\(Self.escape(text))</\(name)>")
    } else {
      lines.append("<\(name)\(Self.attributes(attrs))/>")
    }
  }

  /// Text; `full` (when different) becomes a `<title>` tooltip with the untruncated text.
  mutating func text(
    _ text: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
    weight: String = "normal",
    fill: String = "#222222", rotate: Double? = nil, full: String? = nil, cls: String = "label"
  ) {
    var transform = ""
    if let rotate {
      transform = " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\""
    }
    let head =
      "<text class=\"\(cls)\" x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" "
      + "text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>"
    if let full, full != text {
      lines.append(head + "<title>\(Self.escape(full))</title>\(Self.escape(text))</text>")
    } else {
      lines.append(head + Self.escape(text) + "</text>")
    }
  }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
    dash: String = ""
  ) {
    lines.append(
      "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" "
        + "stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
        + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>")
  }

  mutating func rect(
    _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String = "none",
    cls: String? = nil,
    extra: String = ""
  ) {
    lines.append(
      "<rect\(cls.map { " class=\"\($0)\"" } ?? "") x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" "
        + "width=\"\(Self.number(w))\" height=\"\(Self.number(h))\" fill=\"\(fill)\" stroke=\"\(stroke)\"\(extra)/>"
    )
  }

  /// The finished document.
  func document(title: String) -> String {
    let head =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
      + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
      + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">"
    return
      ([
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", head, "<title>\(Self.escape(title))</title>",
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"#ffffff\"/>",
      ] + lines + ["</svg>"]).joined(separator: "\n") + "\n"
  }
}

/// Text width estimates for layout (no font metrics are available without a renderer).
enum TextMetrics {
  /// An estimate of the width of `text` at `size` in a sans-serif font.
  static func width(_ text: String, size: Double) -> Double {
    // Advance widths of DejaVu Sans (the widest common sans-serif), in ems, rounded up, so that
    // layouts computed here also fit narrower fonts such as Helvetica or Arial.
    var units = 0.0
    for c in text {
      switch c {
      case "i", "l", "j", "'", "|", "!": units += 0.29
      case ".", ",", ":", ";", " ": units += 0.33
      case "t", "f", "/", "-", "(", ")", "[", "]": units += 0.4
      case "r": units += 0.42
      case "_", "\"": units += 0.5
      case "m": units += 0.98
      case "w", "W", "M": units += 0.86
      case "…", "@", "%": units += 1.0
      case _ where c.isNumber: units += 0.64
      case _ where c.isUppercase: units += 0.72
      default: units += 0.62
      }
    }
    return units * size
  }

  /// `text` shortened in the middle with `…` so that it is at most `maxWidth` wide.
  static func truncate(_ text: String, size: Double, maxWidth: Double) -> String {
    if width(text, size: size) <= maxWidth { return text }
    let chars = Array(text)
    var keep = chars.count - 1
    while keep > 2 {
      let head = keep / 2
      let tail = keep - head
      let candidate = String(chars.prefix(head)) + "…" + String(chars.suffix(tail))
      if width(candidate, size: size) <= maxWidth { return candidate }
      keep -= 1
    }
    return String(chars.prefix(1)) + "…"
  }

  /// Shortens each of `names` to `maxWidth` like `truncate`, but when two different names would
  /// shorten to the same text, keeps the part where they differ instead of the middle
  /// (`validation/…class_3_with_a_very_long…`).
  static func truncateDistinct(_ names: [String], size: Double, maxWidth: Double) -> [String] {
    var out = names.map { truncate($0, size: size, maxWidth: maxWidth) }
    var groups: [String: Set<String>] = [:]
    for (short, full) in zip(out, names) { groups[short, default: []].insert(full) }
    for i in names.indices where (groups[out[i]]?.count ?? 0) > 1 {
      let name = Array(names[i])
      let others = groups[out[i], default: []].filter { $0 != names[i] }.map(Array.init)
      let common = others.map { o in zip(name, o).prefix { $0 == $1 }.count }.max() ?? 0
      let head = String(name.prefix(min(6, common)))
      var start = max(common - 6, head.count)
      if start >= name.count { start = max(0, name.count - 8) }
      var body = Array(name[start...])
      var candidate = head + "…" + String(body)
      while width(candidate, size: size) > maxWidth, body.count > 1 {
        body.removeLast()
        candidate = head + "…" + String(body) + "…"
      }
      out[i] = candidate
    }
    return out
  }
}
