// swift-tools-version: 6.0
import PackageDescription

let settings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  // Concrete generic types (`[Role: Placement]`, `Result<[YAMLDocument], YAMLError>`) get
  // direct metadata accessors instead of mangled names the runtime demangles on first use,
  // each looking its conformances up by scanning every conformance record of the static
  // binary (~7,000): about 10 % of a `show` on a 100k-recipe registry.
  .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]),
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
    .target(name: "Schema", dependencies: ["CLibYAML"], swiftSettings: settings),
    .target(name: "Engines", dependencies: ["Schema"], swiftSettings: settings),
    .target(name: "Migrate", dependencies: ["Schema", "Engines"], swiftSettings: settings),
    .target(name: "Lint", dependencies: ["Schema", "Engines", "Migrate"], swiftSettings: settings),
    .target(
      name: "Launch", dependencies: ["Schema", "Engines", "Migrate", "Lint"],
      swiftSettings: settings),
    .target(
      name: "Registry", dependencies: ["Schema", "Engines", "Migrate", "Lint", "CGit2"],
      swiftSettings: settings),
    // The static index and site (`export-index`, `site`); the page is a resource file,
    // embedded by scripts/embed-resources, not compiled.
    .target(
      name: "Export", dependencies: ["Schema", "Engines", "Migrate", "Registry"],
      exclude: ["Site/index.html"],
      swiftSettings: settings),
    // Benchmark result records: importers, storage in the registry's tree, queries, charts.
    .target(
      name: "Results", dependencies: ["Schema", "Migrate", "Registry"], swiftSettings: settings),
    .executableTarget(
      name: "RegistryCLI",
      dependencies: [
        "Schema", "Engines", "Migrate", "Lint", "Launch", "Registry", "Export", "Results",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: settings),
    .target(name: "TestSupport", dependencies: ["Schema"], path: "Tests/TestSupport"),
    .target(
      name: "SyntheticData", dependencies: ["Schema", "Registry"], path: "Tests/SyntheticData",
      swiftSettings: settings),
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
