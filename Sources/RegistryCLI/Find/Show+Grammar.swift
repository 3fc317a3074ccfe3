extension Show: QuickParsable {
  /// `show`'s arguments, as its property wrappers declare them (see ``QuickGrammar``).
  static var grammar: QuickGrammar<Show> {
    QuickGrammar(
      {
        var s = Show()
        s.reference = ""  // required: always given (else argument-parser reads the line)
        s.target = nil
        s.allowLoss = false
        s.recipeOptions = RecipeReferenceOptions.grammar.initial()
        s.global = GlobalOptions.grammar.initial()
        return s
      },
      [
        .positional(\.reference),
        .option("--as", to: \.target),
        .flag("--allow-loss", to: \.allowLoss),
        .group(\.recipeOptions, RecipeReferenceOptions.grammar),
        .group(\.global, GlobalOptions.grammar),
      ])
  }
}
