import ArgumentParser

/// `-o table|json|yaml|paths`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, yaml, paths
}
