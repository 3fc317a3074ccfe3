extension Search: QuickParsable {
  /// `search`'s arguments, as its property wrappers declare them (see ``QuickGrammar``).
  static var grammar: QuickGrammar<Search> {
    QuickGrammar(
      {
        var s = Search()
        s.text = nil
        s.gpu = []
        s.model = nil
        s.engine = nil
        s.engineVersion = nil
        s.precision = []
        s.mode = nil
        s.minGPUs = nil
        s.maxGPUs = nil
        s.nodes = nil
        s.status = []
        s.invalid = false
        s.rev = "HEAD"
        s.allRegistries = false
        s.scope = []
        s.sort = .name
        s.atTTFT = nil
        s.limit = nil
        s.output = .table
        s.failOnNoResult = false
        s.registryOptions = RegistryOptions.grammar.initial()
        s.global = GlobalOptions.grammar.initial()
        return s
      },
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
        .group(\.registryOptions, RegistryOptions.grammar),
        .group(\.global, GlobalOptions.grammar),
      ])
  }
}
