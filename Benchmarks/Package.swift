// swift-tools-version: 6.1
// The benchmarks of Objectives: a separate package, so that the library's users never build it.
// Run from the repository root:
//   swift run -c release --package-path Benchmarks objectives-bench DIR [WORKLOAD...]
import PackageDescription

let package = Package(
  name: "ObjectivesBenchmarks",
  dependencies: [
    .package(name: "Objectives", path: "..")
  ],
  targets: [
    .executableTarget(
      name: "objectives-bench",
      dependencies: [.product(name: "Objectives", package: "Objectives")],
      swiftSettings: [.swiftLanguageMode(.v6)]
    )
  ]
)
