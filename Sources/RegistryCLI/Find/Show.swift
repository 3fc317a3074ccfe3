import ArgumentParser
import Migrate
import Registry
import Schema

struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print a recipe at any git rev, and where it came from.",
    discussion: """
      NAME is the recipe's name (not its file name); NAME@REV reads it at a branch, tag, \
      commit or HEAD~N; @SCOPE/NAME reads it from a remote registry added with 'registry \
      remote add SCOPE URL' (as last fetched). --locked reads the blob registry.lock pins. The recipe text goes to stdout as stored; its commit, path and blob id \
      to stderr. --as converts it through v2 to another format; as with convert, what the \
      format cannot express is a loss: listed, nothing printed and exit 1 unless --allow-loss.

      Examples:
        registry show deepseek-r1-fp8-gb200-disagg
        registry show deepseek-r1-fp8-gb200-disagg@HEAD~3
        registry show deepseek-r1-fp8-gb200-disagg --as v2
        registry show gpt-oss-120b-solo --json
        registry show gpt-oss-120b-solo --locked     the blob registry.lock pins
        registry show @team/deepseek-r1-fp8          from a fetched remote registry
      """)

  @Argument(help: "NAME, NAME@REV or @SCOPE/NAME[@REV].")
  var reference: String
  @Option(
    name: .customLong("as"),
    help: "Print in another format: v1, v2, or a format id from 'registry formats'.")
  var target: String?
  @Flag(
    help:
      "With --as, print even when the format cannot express something (the loss is still listed).")
  var allowLoss = false
  @OptionGroup var recipeOptions: RecipeReferenceOptions
  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var name: String
    var commit: String
    var path: String
    var blob: String
    var format: String
    /// Nil when --as lost something and --allow-loss was not given.
    var text: String?
    var diagnostics: [Diagnostic]
    /// Present when the recipe does not say its GPUs per node and the index derives them.
    var derived: DerivedGPUs?
  }

  /// GPUs per node (and the total) the index assumes from the GPU type.
  struct DerivedGPUs: Codable {
    var gpuType: String
    var gpusPerNode: Int
    var totalGPUs: Int?
  }

  /// The GPUs per node the index derives for `found`, with the registry's table at its commit.
  static func derivedGPUs(_ found: RecipeLookup) -> DerivedGPUs? {
    let summary = found.summary
    guard summary.gpusPerNodeDerived, let g = summary.gpusPerNode, let type = summary.gpuType else {
      return nil
    }
    return DerivedGPUs(gpuType: type, gpusPerNode: g, totalGPUs: summary.totalGPUs)
  }
}

// The command itself, on its arguments as plain values (see `Show+Request.swift`).
extension Show.Request {
  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    guard
      case .registry(let found) = try recipeOptions.resolve(reference, files: false)
    else { return }
    var text = String(decoding: found.bytes, as: UTF8.self)
    var format = found.read.format.rawValue
    var diagnostics = found.read.diagnostics
    var losses = 0
    if let target {
      let converted = try found.read.converted(
        to: try FormatTarget.format(named: target), allowLoss: allowLoss)
      text = converted.text
      format = converted.format.rawValue
      diagnostics += converted.diagnostics
      losses = converted.losses
    }
    let refused = losses > 0 && !allowLoss
    if global.json {
      try JSONOutput.print(
        Show.Report(
          name: found.name, commit: found.commit.hex, path: found.path, blob: found.blobID.hex,
          format: format, text: refused ? nil : text, diagnostics: diagnostics,
          derived: Show.derivedGPUs(found)),
        terminal: terminal)
      if refused { throw ExitStatus.invalid }
      return
    }
    terminal.err(
      "\(found.name) at \(found.commit.abbreviated(12)): \(found.path) (blob \(found.blobID.abbreviated(12)), \(found.read.format.rawValue))"
    )
    if let d = Show.derivedGPUs(found) {
      terminal.err(
        "  gpus per node: \(d.gpusPerNode), derived from gpu_type \(d.gpuType) (the recipe does not say)"
          + (d.totalGPUs.map { "; total GPUs: \($0)" } ?? ""))
    }
    DiagnosticPrinter(terminal: terminal, quiet: global.quiet).printAll(diagnostics)
    if refused {
      terminal.err(
        "\(losses) loss\(losses == 1 ? "" : "es"): nothing printed (pass --allow-loss to show it anyway)"
      )
      throw ExitStatus.invalid
    }
    terminal.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
  }
}

/// A format named on the command line (`show --as`, `migrate FROM TO`).
enum FormatTarget {
  static func format(named name: String) throws -> RecipeFormat {
    if name == "v1" { return .sglangV1 }
    guard let f = RecipeFormat(rawValue: name), f != .unknown else {
      let ids = RecipeFormat.allCases.filter { $0 != .unknown }.map(\.rawValue) + ["v1"]
      var message = "unknown format '\(name)'; known: \(ids.joined(separator: ", "))"
      if let near = DidYouMean.closest(to: name, in: ids) {
        message += " (did you mean '\(near)'?)"
      }
      throw CLIError(message, kind: .invalidRequest)
    }
    return f
  }
}
