extension Search: QuickParsable {}

extension Search.Request: QuickRequest {
  /// `search`'s arguments, as its property wrappers declare them (see ``QuickGrammar``).
  static var grammar: QuickGrammar<Self> {
    QuickGrammar(
      { Self() },
      [
        .positional(\.text),
        .repeated("--gpu", to: \.gpu),
        .option("--model", to: \.model),
        .option("--engine", to: \.engine),
        .option("--engine-version", to: \.engineVersion),
        .repeated("--precision", to: \.precision),
        .option("--mode", to: \.mode),
        .option("--min-gpus", to: \.minGPUs),
        .option("--max-gpus", to: \.maxGPUs),
        .option("--nodes", to: \.nodes),
        .repeated("--status", to: \.status),
        .flag("--invalid", to: \.invalid),
        .option("--rev", to: \.rev),
        .flag("--all-registries", to: \.allRegistries),
        .repeated("--scope", to: \.scope),
        .option("--sort", to: \.sort),
        .option("--at-ttft", to: \.atTTFT),
        .option("--limit", to: \.limit),
        .option("-o", to: \.output),
        .flag("--fail-on-no-result", to: \.failOnNoResult),
        .group(\.registryOptions, RegistryOptions.Values.grammar),
        .group(\.global, GlobalOptions.Values.grammar),
      ])
  }
}
