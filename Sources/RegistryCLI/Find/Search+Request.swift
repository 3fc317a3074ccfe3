import Schema

extension Search {
  /// What `search` was asked, as plain values: what `run()` works on, whether the command line
  /// was read by argument-parser or by ``QuickParse``. Defaults are the property wrappers'.
  struct Request: Equatable {
    var text: String?
    var gpu: [String] = []
    var model: String?
    var engine: String?
    var engineVersion: String?
    var precision: [String] = []
    var mode: Topology?
    var minGPUs: Int?
    var maxGPUs: Int?
    var nodes: Int?
    var status: [String] = []
    var invalid = false
    var rev = "HEAD"
    var allRegistries = false
    var scope: [String] = []
    var sort: SortKey = .name
    var atTTFT: String?
    var limit: Int?
    var output: OutputFormat = .table
    var failOnNoResult = false
    var registryOptions = RegistryOptions.Values()
    var global = GlobalOptions.Values()
  }

  /// The parsed command line.
  var request: Request {
    Request(
      text: text, gpu: gpu, model: model, engine: engine, engineVersion: engineVersion,
      precision: precision, mode: mode, minGPUs: minGPUs, maxGPUs: maxGPUs, nodes: nodes,
      status: status, invalid: invalid, rev: rev, allRegistries: allRegistries, scope: scope,
      sort: sort, atTTFT: atTTFT, limit: limit, output: output, failOnNoResult: failOnNoResult,
      registryOptions: registryOptions.values, global: global.values)
  }

  func validate() throws { try request.validate() }
  func run() throws { try request.run() }
}
