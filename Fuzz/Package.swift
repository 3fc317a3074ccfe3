// swift-tools-version: 6.0
// libFuzzer targets for the registry package. A separate package so that `swift build` and
// `swift test` of the main package never build them. Build and run with `scripts/fuzz`.
import PackageDescription

let fuzzTargets = ["FuzzYAML", "FuzzV1", "FuzzV2", "FuzzFormats", "FuzzVersionRange", "FuzzShellWords", "FuzzPlan"]

let package = Package(
  name: "registry-fuzz",
  dependencies: [.package(name: "registry", path: "..")],
  targets: [.target(name: "CFuzzerDriver")] + fuzzTargets.map { name in
    .executableTarget(
      name: name,
      dependencies: [
        "CFuzzerDriver",
        .product(name: "Schema", package: "registry"),
        .product(name: "Engines", package: "registry"),
        .product(name: "Migrate", package: "registry"),
        .product(name: "Launch", package: "registry"),
      ],
      path: "Sources/\(name)")
  }
)
