import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML element, for checking chart output.
final class XMLNode {
  let name: String
  let attributes: [String: String]
  var children: [XMLNode] = []
  var text = ""
  weak var parent: XMLNode?

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  subscript(attribute: String) -> String? { attributes[attribute] }

  /// Every descendant (and self) that matches.
  func all(_ name: String? = nil, class cls: String? = nil) -> [XMLNode] {
    var out: [XMLNode] = []
    if (name == nil || self.name == name) && (cls == nil || attributes["class"] == cls) { out.append(self) }
    for c in children { out += c.all(name, class: cls) }
    return out
  }

  /// The text of this element and its descendants, without `<title>` tooltips.
  var fullText: String { text + children.filter { $0.name != "title" }.map(\.fullText).joined() }

  /// The numbers of a `points` attribute as (x, y) pairs.
  var points: [(Double, Double)] {
    (attributes["points"] ?? "").split(separator: " ").compactMap { pair in
      let xy = pair.split(separator: ",").compactMap { Double($0) }
      return xy.count == 2 ? (xy[0], xy[1]) : nil
    }
  }

  /// A space-separated pair of numbers such as `data-x-domain`.
  func range(_ attribute: String) -> [Double] {
    (attributes[attribute] ?? "").split(separator: " ").compactMap { Double($0) }
  }

  func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
}

/// Parses XML text with Foundation's `XMLParser`; `nil` when it is not well-formed.
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
  private var stack: [XMLNode] = []
  private(set) var root: XMLNode?

  static func parse(_ text: String) -> XMLNode? {
    let parser = XMLParser(data: Data(text.utf8))
    let builder = XMLTreeBuilder()
    parser.delegate = builder
    guard parser.parse() else { return nil }
    return builder.root
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    let node = XMLNode(name: elementName, attributes: attributes)
    node.parent = stack.last
    stack.last?.children.append(node)
    if root == nil { root = node }
    stack.append(node)
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
  ) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    stack.last?.text += string
  }
}
