// swift-tools-version:5.4
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM links every executable with `main` renamed
// from `<Target>_main`, a symbol a fuzz target (built with `-parse-as-library`, its `main` being
// libFuzzer's) does not have. The targets still compile in the Swift 6 language mode.
//
// libFuzzer targets for the Objectives library. A package of its own, so that `swift build` and
// `swift test` at the root never build it. Build and run with `scripts/fuzz.sh` (see Docs/Fuzzing.md):
//
//   swift build -c release --package-path Fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let swift6: [SwiftSetting] = [.unsafeFlags(["-swift-version", "6"])]
let objectives: Target.Dependency = .product(name: "Objectives", package: "Objectives")

let package = Package(
  name: "ObjectivesFuzz",
  dependencies: [.package(name: "Objectives", path: "..")],
  targets: [
    // Parse, render, parse again: the same formula text, direction and value on random leaf values.
    .executableTarget(name: "FormulaFuzzer", dependencies: [objectives], swiftSettings: swift6),
    // The CSV reader: no crash, typed errors with a line and column inside the input, the same
    // records and errors whatever the chunk size.
    .executableTarget(name: "CSVFuzzer", dependencies: [objectives], swiftSettings: swift6),
    // State decoding of every objective's state: no crash, and a decoded state re-encodes and
    // decodes to the same.
    .executableTarget(name: "StateFuzzer", dependencies: [objectives], swiftSettings: swift6),
  ]
)
