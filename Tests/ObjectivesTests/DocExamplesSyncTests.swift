import Foundation
import Testing

/// Every ```swift block of README.md and Docs/*.md is mirrored, verbatim, in a generated test file
/// under `DocExamples/` (written by `scripts/sync_doc_examples.py`), so the examples compile and run
/// with the suite (one-line expression statements wrapped in `discard(…)`, so that results shown in
/// comments do not warn as unused). This test fails when the Markdown and the generated files have
/// drifted apart.
@Suite struct DocExamplesSyncTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// One example: where its block starts in the Markdown, its hidden set-up and its code.
  struct Example: Equatable, CustomStringConvertible {
    var line: Int
    var setup: [String]
    var code: [String]
    var description: String { "line \(line): \(code.prefix(2).joined(separator: " / "))…" }
  }

  static func documents() throws -> [URL] {
    let docs = try FileManager.default.contentsOfDirectory(
      at: root.appendingPathComponent("Docs"), includingPropertiesForKeys: nil)
    return [root.appendingPathComponent("README.md")]
      + docs.filter { $0.pathExtension == "md" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  /// The blocks of a Markdown file, with the `<!-- example: setup … -->` lines before each.
  static func markdownExamples(_ text: String) -> [Example] {
    let lines = text.components(separatedBy: "\n")
    var found: [Example] = []
    var setup: [String] = []
    var i = 0
    while i < lines.count {
      let line = lines[i]
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("<!--"), trimmed.contains("example:") {
        setup = []
        if !trimmed.hasSuffix("-->") {
          i += 1
          while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces) != "-->" {
            setup.append(lines[i])
            i += 1
          }
        }
      } else if trimmed == "```swift" {
        let start = i + 1
        var code: [String] = []
        i += 1
        while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces) != "```" {
          code.append(lines[i])
          i += 1
        }
        found.append(Example(line: start, setup: setup, code: code.filter { !$0.hasPrefix("import ") }))
        setup = []
      } else if !trimmed.isEmpty, !line.hasPrefix("<!--") {
        setup = []
      }
      i += 1
    }
    return found.map { e in
      Example(line: e.line, setup: e.setup.map(blankIfSpace), code: e.code.map(blankIfSpace))
    }
  }

  static func blankIfSpace(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).isEmpty ? "" : s }

  /// The examples a generated file holds, read back from its `// setup`, `// example` and `// end`
  /// markers.
  static func generatedExamples(_ text: String, document: String) -> [Example] {
    var found: [Example] = []
    var current: Example? = nil
    var section: WritableKeyPath<Example, [String]>? = nil
    for line in text.components(separatedBy: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let n = marker(trimmed, "// setup \(document):") {
        current = Example(line: n, setup: [], code: [])
        section = \.setup
      } else if let n = marker(trimmed, "// example \(document):") {
        if current?.line != n { current = Example(line: n, setup: [], code: []) }
        section = \.code
      } else if marker(trimmed, "// end \(document):") != nil, let done = current {
        found.append(done)
        current = nil
        section = nil
      } else if let s = section, current != nil {
        let text = line.hasPrefix("    ") ? String(line.dropFirst(4)) : line
        current![keyPath: s].append(s == \.code ? Self.undiscarded(text) : text)
      }
    }
    return found
  }

  /// A line as the Markdown has it: the generator wraps one-line expression statements in
  /// `discard(…)`, before any comment.
  static func undiscarded(_ line: String) -> String {
    guard line.hasPrefix("discard(") else { return line }
    let commentStart = line.range(of: "//")?.lowerBound ?? line.endIndex
    var codeEnd = commentStart
    while codeEnd > line.startIndex, line[line.index(before: codeEnd)] == " " {
      codeEnd = line.index(before: codeEnd)
    }
    guard codeEnd > line.startIndex, line[line.index(before: codeEnd)] == ")" else { return line }
    let code = line[line.index(line.startIndex, offsetBy: 8)..<line.index(before: codeEnd)]
    return String(code) + line[codeEnd...]
  }

  static func marker(_ line: String, _ prefix: String) -> Int? {
    line.hasPrefix(prefix) ? Int(line.dropFirst(prefix.count)) : nil
  }

  @Test func generatedExamplesMirrorTheMarkdown() throws {
    for doc in try Self.documents() {
      let relative = doc.path.replacingOccurrences(of: Self.root.path + "/", with: "")
      let expected = Self.markdownExamples(try String(contentsOf: doc, encoding: .utf8))
      let name =
        doc.lastPathComponent == "README.md" ? "Readme" : doc.deletingPathExtension().lastPathComponent
      let typeName = name.capitalized.filter { $0.isLetter || $0.isNumber }
      let generated = Self.root.appendingPathComponent(
        "Tests/ObjectivesTests/DocExamples/\(typeName)DocExamples.swift")
      let actual =
        FileManager.default.fileExists(atPath: generated.path)
        ? Self.generatedExamples(try String(contentsOf: generated, encoding: .utf8), document: relative) : []
      let drift = zip(actual, expected).first { $0 != $1 }
      let detail =
        drift.map { "first difference: generated \($0.0), Markdown \($0.1)" }
        ?? "\(actual.count) generated examples, \(expected.count) in the Markdown"
      #expect(
        actual == expected,
        "\(relative) and its generated examples differ (\(detail)): run `python3 scripts/sync_doc_examples.py`"
      )
    }
  }

  @Test func markdownParserReadsSetupAndCode() {
    let text = """
      Intro
      <!-- example: setup
      let x = 1
      -->
      ```swift
      import Objectives
      print(x)
      ```
      ```swift
      let y = 2
      ```
      """
    #expect(
      Self.markdownExamples(text) == [
        Example(line: 5, setup: ["let x = 1"], code: ["print(x)"]),
        Example(line: 9, setup: [], code: ["let y = 2"]),
      ])
  }
}
