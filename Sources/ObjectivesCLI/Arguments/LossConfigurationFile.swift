import Foundation
import Objectives

/// `--config FILE`: a loss configuration read through the library (see `LossConfiguration`).
enum LossConfigurationFile {
  /// The configuration in the file at `path`; a problem is reported with the file's name, the
  /// JSON path and, in a formula, a caret under the position.
  static func read(_ path: String) throws(CommandError) -> LossConfiguration {
    guard FileManager.default.fileExists(atPath: path) else {
      throw .failure("Cannot read the configuration '\(path)': no such file")
    }
    do throws(LossConfigurationError) {
      return try LossConfiguration(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .failure("\(path): " + error.pointed)
    }
  }

  /// The help line of `--config`.
  static let help =
    "A JSON loss configuration: {\"formula\": ..., \"leaves\": {...},\n\"metrics\": [...]}, a weighted list, or 1*L1+0.5*MSE."
}
