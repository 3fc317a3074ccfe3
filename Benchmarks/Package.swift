// swift-tools-version: 6.0
// Whole-process benchmarks of the `registry` binary: every figure is the real release binary
// timed as a process next to a reference (git, raw libyaml) timed the same way. A separate
// package so that `swift build` and `swift test` of the main package never build it, and the
// product carries no benchmark code. Build and run with `scripts/bench`.
import PackageDescription

let package = Package(
  name: "registry-benchmarks",
  products: [
    .executable(name: "registry-bench", targets: ["RegistryBench"]),
    .executable(name: "libyaml-events", targets: ["LibYAMLEvents"]),
  ],
  dependencies: [.package(name: "registry", path: "..")],
  targets: [
    // The raw libyaml event loop: the reference of the yaml figures, as a process
    // (`libyaml-events`) and in process (the optional breakdown).
    .target(name: "CYAMLEvents", linkerSettings: [.linkedLibrary("yaml")]),
    .executableTarget(name: "LibYAMLEvents", dependencies: ["CYAMLEvents"]),
    .executableTarget(
      name: "RegistryBench",
      dependencies: [
        "CYAMLEvents",
        .product(name: "SyntheticData", package: "registry"),
        .product(name: "Schema", package: "registry"),
        .product(name: "Registry", package: "registry"),
      ],
      swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
  ]
)
