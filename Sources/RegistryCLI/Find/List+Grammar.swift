extension List: QuickParsable {
  /// `list`'s arguments, as its property wrappers declare them (see ``QuickGrammar``).
  static var grammar: QuickGrammar<List> {
    QuickGrammar(
      {
        var l = List()
        l.invalid = false
        l.rev = "HEAD"
        l.output = .table
        l.registryOptions = RegistryOptions.grammar.initial()
        l.global = GlobalOptions.grammar.initial()
        return l
      },
      [
        .flag("--invalid", to: \.invalid),
        .option("--rev", to: \.rev),
        .option("-o", to: \.output),
        .group(\.registryOptions, RegistryOptions.grammar),
        .group(\.global, GlobalOptions.grammar),
      ])
  }
}
