/// What one importer read from one workload point of a result file, before the recipe and the
/// run facts make it a ``ResultRecord``.
public struct Measurement: Sendable, Hashable {
  /// The importer that read it.
  public var format: ResultFormat
  /// The load, as far as the file says it.
  public var workload: ResultRecord.Workload
  /// The figures, normalised (ms, per second).
  public var figures: ResultRecord.Figures
  /// When it ran (ISO 8601), when the file says.
  public var at: String?
  /// The tool's version, when the file says.
  public var toolVersion: String?
  /// The GPUs the file says the deployment used (sa-bench's file name), overriding the recipe's.
  public var gpus: Int?
  /// Prefill / decode GPUs the file says.
  public var prefillGPUs: Int?
  /// Decode GPUs the file says.
  public var decodeGPUs: Int?
  /// The line of a JSON lines file it came from.
  public var line: Int?

  /// A measurement with the given parts.
  public init(
    format: ResultFormat, workload: ResultRecord.Workload, figures: ResultRecord.Figures,
    at: String? = nil, toolVersion: String? = nil, gpus: Int? = nil, line: Int? = nil
  ) {
    self.format = format
    self.workload = workload
    self.figures = figures
    self.at = at
    self.toolVersion = toolVersion
    self.gpus = gpus
    self.line = line
  }
}

extension JSONDocument {
  /// Checks that a run measured something: output tokens and completed requests, when stated,
  /// are above zero, and so is the output throughput.
  /// - Throws: ``ResultError`` `.rejected` at the key that shows it.
  func checkMeasured(
    _ f: ResultRecord.Figures, tokensKey: String, completedKey: String, throughputKey: String
  ) throws(ResultError) {
    let hint =
      "a benchmark that generated nothing is not a result; look at the run's log (errors, OOM, "
      + "a wrong --model), fix it and run again"
    if let completed = f.completed, completed <= 0 {
      let failed = f.failed.map { $0 > 0 ? "all \($0) requests failed" : "" } ?? ""
      throw error(
        .rejected, at: completedKey,
        failed.isEmpty ? "no request completed (\(completedKey) = \(completed))" : failed,
        hint: hint)
    }
    if let tokens = f.outputTokens, tokens <= 0 {
      throw error(
        .rejected, at: tokensKey, "zero output tokens (\(tokensKey) = \(tokens))", hint: hint)
    }
    if !(f.outputTokensPerS > 0) {
      throw error(
        .rejected, at: throughputKey,
        "zero output token throughput (\(throughputKey) = \(f.outputTokensPerS))", hint: hint)
    }
  }

  /// The output token throughput at `key`, else output tokens over the duration.
  /// - Throws: ``ResultError`` `.missingFigure` when neither is there.
  func outputThroughput(_ key: String, tokens: Int?, duration: Double?) throws(ResultError)
    -> Double
  {
    if let v = number(key) { return v }
    if let tokens, let duration, duration > 0 { return Double(tokens) / duration }
    throw error(
      .missingFigure, at: nil, "no output token throughput ('\(key)') in this result",
      hint: "is this the file the benchmark wrote? pass --format to name its tool")
  }
}
