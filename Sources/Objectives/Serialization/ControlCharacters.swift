extension String {
  /// The text with every control character (U+0000–U+001F, U+007F) shown as `\u{…}`, for error
  /// messages that quote input: `0.9\u{0}xyz`.
  var escapingControlCharacters: String {
    func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || scalar.value == 0x7F }
    guard unicodeScalars.contains(where: isControl) else { return self }
    var escaped = ""
    for scalar in unicodeScalars {
      if isControl(scalar) {
        escaped += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }
}
