public import Schema

/// Converts a list of files (what `registry convert` and `registry migrate` run on files and
/// folders): each file is read, converted through
/// `ConvertFrontend`, verified when asked, and written, printed or diffed; files are spread
/// over one worker per core and the results come back in input order, whatever the worker
/// count.
public struct ConversionBatch: Sendable {
  /// The source format; detected per file when nil.
  public var from: RecipeFormat?
  /// The target format.
  public var to: RecipeFormat
  /// Losses are warnings (and the output is written) instead of errors.
  public var allowLoss: Bool
  /// Check that the output launches the same engines (`ConversionVerifier`).
  public var verify: Bool
  /// Leave out files whose detected format family is not `from`'s (migrating a folder).
  public var skipOtherFormats: Bool
  /// Threads converting files (at least one).
  public var workers: Int

  /// A batch with the given settings.
  public init(
    from: RecipeFormat?, to: RecipeFormat, allowLoss: Bool = false, verify: Bool = false,
    skipOtherFormats: Bool = false, workers: Int = ParallelMap.defaultWorkers
  ) {
    self.from = from
    self.to = to
    self.allowLoss = allowLoss
    self.verify = verify
    self.skipOtherFormats = skipOtherFormats
    self.workers = workers
  }

  /// Where the output of one file goes.
  public enum Destination: Sendable, Hashable {
    /// Kept in `FileResult.printed`, for the caller to print.
    case stdout
    /// Written atomically to this path.
    case file(String)
    /// A unified diff against the input, in `FileResult.printed`; nothing is written.
    case diff
  }

  /// One input file and where its output goes.
  public typealias Job = (file: String, destination: Destination)

  /// The result of one file.
  public struct FileResult: Sendable, Hashable {
    /// The input file.
    public var file: String
    /// The source format id (`unknown` when the file could not be read).
    public var source: String
    /// The target format id.
    public var target: String
    /// Whether the file converted without errors (losses count as errors without
    /// `allowLoss`, verification mismatches always).
    public var converted: Bool
    /// Whether the file makes the run fail: not converted, or its output could not be written.
    public var failed: Bool
    /// The output text ("" when not converted).
    public var text: String
    /// The path written to, when the destination is a file and the write succeeded.
    public var written: String?
    /// What goes to stdout: the output text, or the diff; nil for a file destination or a
    /// failed conversion.
    public var printed: String?
    /// Conversion diagnostics, then the losses as diagnostics, then verification mismatches
    /// and write errors.
    public var diagnostics: [Diagnostic]
    /// What the target could not express.
    public var losses: [LossEntry]
    /// Whether the output passed `--verify` (nil when not verified).
    public var verified: Bool?
  }

  /// Converts every job; nil for a file left out by `skipOtherFormats`.
  public func run(_ jobs: [Job]) -> [FileResult?] {
    ParallelMap.map(count: jobs.count, workers: workers) { convert(jobs[$0]) }
  }

  /// Converts one job; nil when `skipOtherFormats` leaves it out.
  public func convert(_ job: Job) -> FileResult? {
    let file = job.file
    guard let bytes = RecipeFiles.read(file) else {
      let d = Diagnostic(.error, code: "not-found", "cannot read '\(file)'")
      return FileResult(
        file: file, source: "unknown", target: to.rawValue, converted: false, failed: true,
        text: "",
        diagnostics: [d], losses: [])
    }
    // Parsed once: for the format check and for the conversion.
    let documents = try? YAML.parseStream(bytes)
    if skipOtherFormats, let from, let documents,
      RecipeFormat.detect(documents: documents).format.family != from.family
    {
      return nil
    }
    let outcome =
      documents.map { ConvertFrontend.convert(documents: $0, file: file, from: from, to: to) }
      ?? ConvertFrontend.convert(bytes: bytes, file: file, from: from, to: to)
    var diagnostics = outcome.diagnostics
    diagnostics += outcome.losses.map {
      $0.diagnostic(file: file, severity: allowLoss ? .warning : .error)
    }
    .map {
      var d = $0
      d.location = SourceLocation(file: file, line: 1, column: 1)
      return d
    }
    var verified: Bool?
    if verify, let recipe = outcome.recipe, !outcome.documents.isEmpty {
      let mismatches = ConversionVerifier.verify(
        source: recipe, sourceDocument: outcome.v2Document?.root, target: outcome.documents,
        format: to, file: file)
      diagnostics += mismatches
      verified = mismatches.isEmpty
    }
    let ok = outcome.succeeded && !diagnostics.hasErrors
    var failed = !ok
    var written: String?
    var printed: String?
    if ok {
      switch job.destination {
      case .stdout:
        printed = outcome.text
      case .file(let path):
        do {
          try RecipeFiles.writeAtomically(outcome.text, to: path)
          written = path
        } catch {
          diagnostics.append(
            Diagnostic(.error, code: "write-failed", "cannot write '\(path)': \(error)"))
          failed = true
        }
      case .diff:
        let old = String(decoding: bytes, as: UTF8.self)
        printed = LineDiff.unified(
          old, outcome.text, oldName: file.hasPrefix("/") ? file : "a/\(file)",
          newName: file.hasPrefix("/") ? file + " (migrated)" : "b/\(file)")
      }
    }
    return FileResult(
      file: file, source: outcome.source.rawValue, target: to.rawValue, converted: ok,
      failed: failed,
      text: ok ? outcome.text : "", written: written, printed: printed, diagnostics: diagnostics,
      losses: outcome.losses, verified: verified)
  }
}
