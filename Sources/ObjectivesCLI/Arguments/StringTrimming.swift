extension StringProtocol {
  /// The text without leading and trailing occurrences of `character`.
  func trimming(_ character: Character) -> String {
    var s = Substring(self)
    while s.first == character { s = s.dropFirst() }
    while s.last == character { s = s.dropLast() }
    return String(s)
  }
}

extension String {
  /// The string without trailing spaces.
  var trailingSpacesRemoved: String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
