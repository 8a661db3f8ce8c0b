// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Objectives",
  products: [
    .library(name: "Objectives", targets: ["Objectives"]),
    .executable(name: "objectives", targets: ["ObjectivesCLI"]),
  ],
  targets: [
    .target(
      name: "Objectives",
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    .executableTarget(
      name: "ObjectivesCLI",
      dependencies: ["Objectives"],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    .testTarget(
      name: "ObjectivesTests",
      dependencies: ["Objectives"],
      resources: [.copy("Fixtures")],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
  ]
)
