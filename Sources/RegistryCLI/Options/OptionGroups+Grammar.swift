import Registry

// The option groups' arguments, as their property wrappers declare them (see ``QuickGrammar``).

extension GlobalOptions.Values {
  static var grammar: QuickGrammar<Self> {
    QuickGrammar(
      { Self() },
      [
        .flag("--json", to: \.json),
        .option("--color", to: \.color),
        .flag("-q", "--quiet", to: \.quiet),
      ])
  }
}

extension RegistryOptions.Values {
  static var grammar: QuickGrammar<Self> {
    QuickGrammar({ Self() }, [.option("--repo", to: \.repo)])
  }
}

extension RecipeSourceOptions.Values {
  static var grammar: QuickGrammar<Self> {
    QuickGrammar(
      { Self() },
      [
        .flag("--locked", to: \.locked),
        .option("--lock-file", to: \.lockFile),
      ])
  }
}

extension RecipeReferenceOptions.Values {
  static var grammar: QuickGrammar<Self> {
    QuickGrammar(
      { Self() },
      [
        .group(\.source, RecipeSourceOptions.Values.grammar),
        .group(\.registry, RegistryOptions.Values.grammar),
      ])
  }
}
