import ArgumentParser

/// An option that commands declare through a shared option group (``GlobalOptions``,
/// ``RegistryOptions``), so it may also be written before the command name:
/// `registry --repo X publish a.yaml` reads as `registry publish --repo X a.yaml`.
struct GlobalOption: Sendable {
  /// The spellings, e.g. `--quiet` and `-q`.
  var names: [String]
  /// Whether it takes a value (`--repo PATH` or `--repo=PATH`).
  var takesValue: Bool
  /// The option group that declares it.
  var group: any ParsableArguments.Type

  /// Every option that may come before the command name.
  static let all: [GlobalOption] = [
    GlobalOption(names: ["--json"], takesValue: false, group: GlobalOptions.self),
    GlobalOption(names: ["--color"], takesValue: true, group: GlobalOptions.self),
    GlobalOption(names: ["--quiet", "-q"], takesValue: false, group: GlobalOptions.self),
    GlobalOption(names: ["--repo"], takesValue: true, group: RegistryOptions.self),
  ]

  /// The option spelled by `argument` (`--repo`, `--repo=X`, `-q`), if it is one.
  static func named(_ argument: String) -> GlobalOption? {
    let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
    return all.first { $0.names.contains(name) }
  }
}
