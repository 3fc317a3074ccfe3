import ArgumentParser
import Foundation
import Registry

struct Publish: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "publish",
    abstract: "Publish recipe files into the registry as one commit (works on bare repositories).",
    discussion: """
      Each file is read and validated (errors block unless --force; warnings print), written \
      as canonical v2 (comments kept) unless --keep-format, and placed at \
      <root>/<org>/<model>/<engine>/<name>.yaml. The commit is built from the branch tip \
      without a work tree (uncommitted files are never touched) and the branch moves by \
      compare-and-swap: a lost race is retried on the new tip; a concurrent change to the \
      same recipe is a conflict (exit 4) and nothing is written. Commit messages carry \
      trailers: Recipe:, Schema:, Engine:, GPU:.

      Examples:
        registry publish my-recipe.yaml
        registry publish recipes/new/ --message "Add GB200 recipes" --author "Ada <ada@example.com>"
        registry publish fixed.yaml --replace --branch staging
        registry --repo /srv/git/recipes.git publish a.yaml b.yaml --keep-format
      """)

  @Argument(help: "Recipe files or folders (every .yaml/.yml below a folder).")
  var paths: [String]
  @Flag(help: "Allow replacing a recipe of the same name.")
  var replace = false
  @Flag(help: "Publish even when a file has errors.")
  var force = false
  @Flag(help: "Keep the source format instead of writing canonical v2.")
  var keepFormat = false
  @Flag(
    help:
      "Publish even when a file has unknown keys or unknown enum values (warnings; refused without it)."
  )
  var allowWarnings = false
  @OptionGroup var commitOptions: CommitOptions
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var commit: String
    var parent: String?
    var branch: String
    var attempts: Int
    var recipes: [Entry]
    struct Entry: Codable {
      var name: String
      var path: String
      var format: String
      var replaced: Bool
    }
  }

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    let inputs = try Self.inputs(paths)
    let registry = try registryOptions.open()
    let report = try RecipePublisher(registry: registry).publish(
      inputs,
      options: PublishOptions(
        message: commitOptions.message, author: try commitOptions.signature(),
        branch: commitOptions.branch,
        replace: replace, force: force, keepFormat: keepFormat, allowWarnings: allowWarnings))
    let printer = DiagnosticPrinter(terminal: terminal, quiet: global.quiet)
    for r in report.recipes { printer.printAll(r.diagnostics) }
    if global.json {
      try JSONOutput.print(
        Report(
          commit: report.outcome.commit.hex, parent: report.outcome.parent?.hex,
          branch: report.branch, attempts: report.outcome.attempts,
          recipes: report.recipes.map {
            .init(
              name: $0.name, path: $0.path, format: $0.format,
              replaced: report.replaced.contains($0.name))
          }),
        terminal: terminal)
      return
    }
    for r in report.recipes {
      terminal.out(
        "\(report.replaced.contains(r.name) ? "updated" : "published") \(r.name) -> \(r.path) (\(r.format))"
      )
    }
    if !global.quiet {
      terminal.err(
        "\(report.branch) at \(report.outcome.commit.abbreviated(12))"
          + (report.outcome.attempts > 1
            ? " (after \(report.outcome.attempts - 1) lost races)" : ""))
    }
  }

  /// The files named on the command line (folders: every YAML file below, sorted).
  static func inputs(_ paths: [String]) throws -> [RecipePublisher.Input] {
    var out: [RecipePublisher.Input] = []
    let fm = FileManager.default
    for path in paths {
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
        throw CLIError("\(path): no such file", kind: .notFound)
      }
      var files = [path]
      if isDir.boolValue {
        files = (fm.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
          .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { path + "/" + $0 }
      }
      for f in files {
        guard let data = fm.contents(atPath: f) else { throw CLIError("\(f): cannot read") }
        out.append(.init(file: f, bytes: [UInt8](data)))
      }
    }
    if out.isEmpty {
      throw CLIError("no recipe files in \(paths.joined(separator: " "))", kind: .invalidRequest)
    }
    return out
  }
}
