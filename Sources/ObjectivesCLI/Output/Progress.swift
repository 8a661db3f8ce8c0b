import Foundation

/// A one-line progress report on standard error, shown only when standard error is a terminal and
/// the work has lasted longer than a delay (a second by default); redrawn at most ten times a second.
struct Progress {
  let enabled: Bool
  let label: String
  let delay: Duration
  private let clock = ContinuousClock()
  private let started: ContinuousClock.Instant
  private var lastDrawn: ContinuousClock.Instant
  private var drawn = false

  init(label: String, enabled: Bool = Console.standardErrorIsTerminal, delay: Duration = .seconds(1)) {
    self.label = label
    self.delay = delay
    self.enabled = enabled
    started = clock.now
    lastDrawn = started
  }

  /// Reports `done` items, and `fraction` of the work when it is known. Cheap to call often.
  mutating func update(_ done: Int, unit: String, fraction: Double?) {
    guard enabled else { return }
    let now = clock.now
    guard now - started >= delay, !drawn || now - lastDrawn > .milliseconds(100) else { return }
    lastDrawn = now
    drawn = true
    var text = "\r\u{1B}[K\(label): \(Progress.grouped(done)) \(unit)"
    if let fraction { text += " (\(Int((fraction * 100).rounded(.down)))%)" }
    Console.writeError(text)
  }

  /// Clears the progress line, if one was drawn.
  func finish() {
    if drawn { Console.writeError("\r\u{1B}[K") }
  }

  /// `1234567` → `1,234,567`.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }
}
