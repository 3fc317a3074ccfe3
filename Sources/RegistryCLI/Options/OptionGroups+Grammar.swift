import Registry

// The option groups' arguments, as their property wrappers declare them (see ``QuickGrammar``).

extension GlobalOptions {
  static var grammar: QuickGrammar<GlobalOptions> {
    QuickGrammar(
      {
        var g = GlobalOptions()
        g.json = false
        g.color = .auto
        g.quiet = false
        return g
      },
      [
        .flag("--json", to: \.json),
        .option("--color", to: \.color),
        .flag("-q", "--quiet", to: \.quiet),
      ])
  }
}

extension RegistryOptions {
  static var grammar: QuickGrammar<RegistryOptions> {
    QuickGrammar(
      {
        var r = RegistryOptions()
        r.repo = nil
        return r
      },
      [.option("--repo", to: \.repo)])
  }
}

extension RecipeSourceOptions {
  static var grammar: QuickGrammar<RecipeSourceOptions> {
    QuickGrammar(
      {
        var s = RecipeSourceOptions()
        s.locked = false
        s.lockFile = RegistryLock.fileName
        return s
      },
      [
        .flag("--locked", to: \.locked),
        .option("--lock-file", to: \.lockFile),
      ])
  }
}

extension RecipeReferenceOptions {
  static var grammar: QuickGrammar<RecipeReferenceOptions> {
    QuickGrammar(
      {
        var r = RecipeReferenceOptions()
        r.source = RecipeSourceOptions.grammar.initial()
        r.registry = RegistryOptions.grammar.initial()
        return r
      },
      [
        .group(\.source, RecipeSourceOptions.grammar),
        .group(\.registry, RegistryOptions.grammar),
      ])
  }
}
