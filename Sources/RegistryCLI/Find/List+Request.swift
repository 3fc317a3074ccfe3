extension List {
  /// What `list` was asked, as plain values: what `run()` works on, whether the command line
  /// was read by argument-parser or by ``QuickParse``. Defaults are the property wrappers'.
  struct Request: Equatable {
    var invalid = false
    var rev = "HEAD"
    var output: OutputFormat = .table
    var registryOptions = RegistryOptions.Values()
    var global = GlobalOptions.Values()
  }

  /// The parsed command line.
  var request: Request {
    Request(
      invalid: invalid, rev: rev, output: output, registryOptions: registryOptions.values,
      global: global.values)
  }

  func run() throws { try request.run() }
}
