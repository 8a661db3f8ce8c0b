// swift-tools-version: 6.1
import PackageDescription

/// Swift settings shared by every target: Swift 6 language mode.
let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
  name: "Objectives",
  products: [
    .library(name: "Objectives", targets: ["Objectives"]),
    .executable(name: "objectives", targets: ["ObjectivesCLI"]),
    // Distributed reduction over Open MPI. Without the `MPI` trait the module compiles to nothing.
    .library(name: "ObjectivesMPI", targets: ["ObjectivesMPI"]),
    .executable(name: "objectives-mpi-check", targets: ["ObjectivesMPICheck"]),
  ],
  traits: [
    .trait(
      name: "MPI",
      description: "Distributed evaluation over Open MPI (needs libopenmpi-dev; see Docs/Distributed.md).")
  ],
  targets: [
    .target(
      name: "Objectives",
      swiftSettings: swift6
    ),
    .executableTarget(
      name: "ObjectivesCLI",
      dependencies: [
        "Objectives",
        .target(name: "ObjectivesMPI", condition: .when(traits: ["MPI"])),
      ],
      swiftSettings: swift6
    ),
    // Open MPI's headers and library, found with pkg-config, plus a header of inline functions for the
    // handles Swift cannot import (MPI_COMM_WORLD, MPI_BYTE, …). Only reached under the trait.
    .systemLibrary(
      name: "COpenMPI",
      pkgConfig: "ompi-c",
      providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]
    ),
    .target(
      name: "ObjectivesMPI",
      dependencies: [
        "Objectives",
        .target(name: "COpenMPI", condition: .when(traits: ["MPI"])),
      ],
      swiftSettings: swift6
    ),
    // Runs the distributed checks on every rank: `mpirun -np K objectives-mpi-check`.
    .executableTarget(
      name: "ObjectivesMPICheck",
      dependencies: [
        "Objectives",
        .target(name: "ObjectivesMPI", condition: .when(traits: ["MPI"])),
      ],
      swiftSettings: swift6
    ),
    .testTarget(
      name: "ObjectivesTests",
      // The command's module too, for `@testable` tests of the demo's network.
      dependencies: ["Objectives", "ObjectivesCLI"],
      resources: [.copy("Fixtures")],
      swiftSettings: swift6
    ),
    .testTarget(
      name: "ObjectivesMPITests",
      dependencies: [
        "Objectives",
        .target(name: "ObjectivesMPI", condition: .when(traits: ["MPI"])),
      ],
      swiftSettings: swift6
    ),
  ]
)
