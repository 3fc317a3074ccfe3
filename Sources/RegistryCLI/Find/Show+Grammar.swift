extension Show: QuickParsable {}

extension Show.Request: QuickRequest {
  /// `show`'s arguments, as its property wrappers declare them (see ``QuickGrammar``).
  static var grammar: QuickGrammar<Self> {
    QuickGrammar(
      // The reference is required: always given (else argument-parser reads the line).
      { Self(reference: "") },
      [
        .positional(\.reference),
        .option("--as", to: \.target),
        .flag("--allow-loss", to: \.allowLoss),
        .group(\.recipeOptions, RecipeReferenceOptions.Values.grammar),
        .group(\.global, GlobalOptions.Values.grammar),
      ])
  }
}
