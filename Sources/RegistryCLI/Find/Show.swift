import ArgumentParser
import Migrate
import Registry
import Schema

struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print a recipe at any git rev, and where it came from.",
    discussion: """
      NAME is the recipe's name (not its file name); NAME@REV reads it at a branch, tag, \
      commit or HEAD~N; @SCOPE/NAME reads it from a remote registry added with 'registry \
      remote add SCOPE URL' (as last fetched). --locked reads the blob registry.lock pins. The recipe text goes to stdout as stored; its commit, path and blob id \
      to stderr. --as converts it through v2 to another format.

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
  @Option(name: .customLong("as"), help: "Print in another format: v1, v2, or a format id from 'registry formats'.")
  var target: String?
  @OptionGroup var sourceOptions: RecipeSourceOptions
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var name: String
    var commit: String
    var path: String
    var blob: String
    var format: String
    var text: String
    var diagnostics: [Diagnostic]
  }

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    guard case .registry(let found) = try sourceOptions.resolve(reference, files: false, registryOptions: registryOptions)
    else { return }
    var text = String(decoding: found.bytes, as: UTF8.self)
    var format = found.read.format.rawValue
    var diagnostics = found.read.diagnostics
    if let target {
      let converted = try FormatTarget.convert(found.read, to: target)
      text = converted.text
      format = converted.format
      diagnostics += converted.diagnostics
    }
    if global.json {
      try JSONOutput.print(
        Report(
          name: found.name, commit: found.commit.hex, path: found.path, blob: found.blobID.hex,
          format: format, text: text, diagnostics: diagnostics), terminal: terminal)
      return
    }
    terminal.err("\(found.name) at \(found.commit.abbreviated(12)): \(found.path) (blob \(found.blobID.abbreviated(12)), \(found.read.format.rawValue))")
    DiagnosticPrinter(terminal: terminal, quiet: global.quiet).printAll(diagnostics)
    terminal.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
  }
}

/// Converts a read recipe to a target format named on the command line.
enum FormatTarget {
  struct Result {
    var text: String
    var format: String
    var diagnostics: [Diagnostic]
  }

  static func format(named name: String) throws -> RecipeFormat {
    if name == "v1" { return .sglangV1 }
    guard let f = RecipeFormat(rawValue: name), f != .unknown else {
      let ids = RecipeFormat.allCases.filter { $0 != .unknown }.map(\.rawValue) + ["v1"]
      var message = "unknown format '\(name)'; known: \(ids.joined(separator: ", "))"
      if let near = DidYouMean.closest(to: name, in: ids) { message += " (did you mean '\(near)'?)" }
      throw CLIError(message, kind: .invalidRequest)
    }
    return f
  }

  static func convert(_ read: ReadRecipe, to name: String) throws -> Result {
    let target = try format(named: name)
    var v2 = read.v2
    var diagnostics: [Diagnostic] = []
    if v2 == nil, let converter = Converters.converter(for: read.format) {
      let c = converter.toV2(read.documents, file: read.file)
      v2 = c.value
      diagnostics += c.diagnostics
    }
    guard let v2 else {
      throw CLIError("\(read.file): cannot read this \(read.format.rawValue) recipe into v2 to convert it")
    }
    guard let out = Converters.converter(for: target) else {
      throw CLIError("no converter writes '\(target.rawValue)' yet")
    }
    let c = out.fromV2(v2)
    diagnostics += c.diagnostics
    diagnostics += c.losses.map { $0.diagnostic(file: read.file, severity: .warning) }
    guard let docs = c.value else { throw CLIError("cannot write the recipe as \(target.rawValue)") }
    return Result(text: YAMLEmitter.emitStream(docs), format: target.rawValue, diagnostics: diagnostics)
  }
}
