import ArgumentParser
import Foundation
import Registry
import Schema

struct History: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "The commits that changed a recipe, or how one of its fields changed over time.",
    discussion: """
      Without --field: every commit that changed the recipe's file (following renames, like \
      'git log --follow'), newest first, with author, date and message. \
      With --field KEY.PATH: each change of that value, old -> new, with commit, author, date \
      and message. engine.version and sglang_version (v1) are aliases, as are engine.image and \
      model.container, so one timeline spans a v1 -> v2 migration. \
      With --all: the timeline of the field for every recipe in the registry. \
      With --results: the recipe's stored benchmark results across its pins, oldest first: \
      per recipe commit and engine version measured, the best output tokens/s per GPU, its \
      change from the pin before ('slower' at -5% or worse) and the figure per concurrency.

      Examples:
        registry history deepseek-r1-fp8-gb200-disagg
        registry history deepseek-r1-fp8-gb200-disagg --field sglang_version
        registry history --all --field engine.version --from v0.5.5 --to v0.5.8
        registry history gpt-oss-120b-solo --field args --json
        registry history deepseek-r1-fp8-gb200-disagg --results    which pin made it slower
      """)

  @Argument(help: "The recipe name (NAME or NAME@REV); omit with --all.")
  var reference: String?
  @Option(help: "A key path, e.g. engine.version, sglang_version, resources.gpu_type.")
  var field: String?
  @Flag(help: "Every recipe's changes of --field.")
  var all = false
  @Option(help: "With --field: only changes from this value.")
  var from: String?
  @Option(help: "With --field: only changes to this value.")
  var to: String?
  @Option(help: "At most this many entries.")
  var limit: Int?
  @Flag(help: "The recipe's stored benchmark results across its pins.")
  var results = false
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  struct Entry: Codable {
    var commit: String
    var author: String
    var date: String
    var message: String
    var path: String
    var name: String?
    var old: String?
    var new: String?
    var renamedFrom: String?
  }

  func validate() throws {
    if all && field == nil { throw ValidationError("--all needs --field") }
    if !all && reference == nil { throw ValidationError("name a recipe, or use --all --field KEY") }
    if results && (all || field != nil) {
      throw ValidationError("--results shows one recipe's results: drop --all and --field")
    }
  }

  func run() throws {
    let registry = try registryOptions.open()
    let history = RecipeHistory(registry: registry)
    let ref = reference.map(RecipeReference.init(parsing:))
    let rev = ref?.rev ?? "HEAD"
    if results, let ref {
      try ResultsHistory.print(
        ref.name, rev: rev, registry: registry, json: global.json,
        terminal: Terminal(colorChoice: global.color))
      return
    }
    var entries: [Entry] = []
    if let field {
      let changes =
        all
        ? try history.fieldTimeline(field: KeyPath(parsing: field), from: rev)
        : try history.fieldChanges(named: ref!.name, field: KeyPath(parsing: field), from: rev)
      entries = changes.filter { (from == nil || $0.old == from) && (to == nil || $0.new == to) }
        .map {
          Entry(
            commit: $0.commit.id.hex, author: Self.person($0.commit.author),
            date: Self.date($0.commit.author),
            message: $0.commit.summary, path: $0.path, name: $0.name, old: $0.old, new: $0.new)
        }
    } else {
      entries = try history.commits(named: ref!.name, from: rev).map {
        Entry(
          commit: $0.commit.id.hex, author: Self.person($0.commit.author),
          date: Self.date($0.commit.author),
          message: $0.commit.summary, path: $0.path, renamedFrom: $0.renamedFrom)
      }
    }
    if let limit { entries = Array(entries.prefix(limit)) }
    let terminal = Terminal(colorChoice: global.color)
    if global.json {
      try JSONOutput.print(entries, terminal: terminal)
      return
    }
    for e in entries {
      let head = "\(e.commit.prefix(12))  \(e.date)  \(e.author)"
      if field != nil {
        terminal.out(
          "\(head)\n  \(all ? (e.name ?? e.path) + ": " : "")\(e.old ?? "(absent)") -> \(e.new ?? "(absent)")\n  \(e.message)"
        )
      } else {
        terminal.out(
          "\(head)\n  \(e.message)\n  \(e.path)\(e.renamedFrom.map { " (renamed from \($0))" } ?? "")"
        )
      }
    }
    if entries.isEmpty && !global.quiet { terminal.err("no changes") }
  }

  static func person(_ s: Signature) -> String { "\(s.name) <\(s.email)>" }

  /// ISO 8601 in the signature's own time zone.
  static func date(_ s: Signature) -> String {
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(secondsFromGMT: s.offsetMinutes * 60)
    return f.string(from: Date(timeIntervalSince1970: TimeInterval(s.time)))
  }
}
