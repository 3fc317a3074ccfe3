extension List: QuickParsable {}

extension List.Request: QuickRequest {
  /// `list`'s arguments, as its property wrappers declare them (see ``QuickGrammar``).
  static var grammar: QuickGrammar<Self> {
    QuickGrammar(
      { Self() },
      [
        .flag("--invalid", to: \.invalid),
        .option("--rev", to: \.rev),
        .option("-o", to: \.output),
        .group(\.registryOptions, RegistryOptions.Values.grammar),
        .group(\.global, GlobalOptions.Values.grammar),
      ])
  }
}
