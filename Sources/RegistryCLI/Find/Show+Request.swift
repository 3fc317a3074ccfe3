extension Show {
  /// What `show` was asked, as plain values: what `run()` works on, whether the command line
  /// was read by argument-parser or by ``QuickParse``. Defaults are the property wrappers'.
  struct Request: Equatable {
    var reference: String
    var target: String?
    var allowLoss = false
    var recipeOptions = RecipeReferenceOptions.Values()
    var global = GlobalOptions.Values()
  }

  /// The parsed command line.
  var request: Request {
    Request(
      reference: reference, target: target, allowLoss: allowLoss,
      recipeOptions: recipeOptions.values, global: global.values)
  }

  func run() throws { try request.run() }
}
