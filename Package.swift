// swift-tools-version: 6.0
import PackageDescription

let upcoming: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "registry",
  products: [
    .executable(name: "registry", targets: ["RegistryCLI"]),
    .library(name: "Schema", targets: ["Schema"]),
    .library(name: "Engines", targets: ["Engines"]),
    .library(name: "Migrate", targets: ["Migrate"]),
    .library(name: "Lint", targets: ["Lint"]),
    .library(name: "Launch", targets: ["Launch"]),
    .library(name: "Registry", targets: ["Registry"]),
    .library(name: "Export", targets: ["Export"]),
    .library(name: "Results", targets: ["Results"]),
    // A testing library, not part of the registry's API: deterministic generators of recipes
    // and registries for the tests and for the Benchmarks package (Benchmarks/, a separate
    // package that depends on this one by path).
    .library(name: "SyntheticData", targets: ["SyntheticData"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CLibYAML", path: "Sources/CLibYAML", pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]),
    .systemLibrary(
      name: "CGit2", path: "Sources/CGit2", pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"])]),
    .target(name: "Schema", dependencies: ["CLibYAML"], swiftSettings: upcoming),
    .target(name: "Engines", dependencies: ["Schema"], swiftSettings: upcoming),
    .target(name: "Migrate", dependencies: ["Schema", "Engines"], swiftSettings: upcoming),
    .target(name: "Lint", dependencies: ["Schema", "Engines", "Migrate"], swiftSettings: upcoming),
    .target(
      name: "Launch", dependencies: ["Schema", "Engines", "Migrate", "Lint"],
      swiftSettings: upcoming),
    .target(
      name: "Registry", dependencies: ["Schema", "Engines", "Migrate", "Lint", "CGit2"],
      swiftSettings: upcoming),
    // The static index and site (`export-index`, `site`); the page is a resource file,
    // embedded by scripts/embed-resources, not compiled.
    .target(
      name: "Export", dependencies: ["Schema", "Engines", "Migrate", "Registry"],
      exclude: ["Site/index.html"],
      swiftSettings: upcoming),
    // Benchmark result records: importers, storage in the registry's tree, queries, charts.
    .target(
      name: "Results", dependencies: ["Schema", "Migrate", "Registry"], swiftSettings: upcoming),
    .executableTarget(
      name: "RegistryCLI",
      dependencies: [
        "Schema", "Engines", "Migrate", "Lint", "Launch", "Registry", "Export", "Results",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: upcoming),
    .target(name: "TestSupport", dependencies: ["Schema"], path: "Tests/TestSupport"),
    .target(
      name: "SyntheticData", dependencies: ["Schema", "Registry"], path: "Tests/SyntheticData",
      swiftSettings: upcoming),
    .testTarget(
      name: "SchemaTests", dependencies: ["Schema", "TestSupport", "SyntheticData"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "MigrateTests", dependencies: ["Migrate", "Engines", "Lint", "Schema", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "LaunchTests", dependencies: ["Launch", "Engines", "Lint", "Migrate", "Schema", "TestSupport"]),
    .testTarget(
      name: "RegistryTests",
      dependencies: ["Registry", "Export", "Engines", "Schema", "TestSupport", "SyntheticData"]),
    .testTarget(name: "CLITests", dependencies: ["RegistryCLI", "TestSupport"]),
    .testTarget(
      name: "ResultsTests",
      dependencies: ["Results", "Registry", "Schema", "TestSupport"],
      exclude: ["Fixtures"]),
  ]
)
