import Engines
import Registry
import Schema

/// `registry engines diff ENGINE FROM TO`: the flag changes between two catalogued versions.
struct EnginesDiff {
  var engine: String
  var from: String
  var to: String
  var json: Bool

  /// The JSON shape of a diff.
  struct Report: Codable {
    struct Renamed: Codable {
      var old: String
      var new: String?
      var how: String
    }
    struct DefaultChange: Codable {
      var flag: String
      var old: String
      var new: String
    }
    var engine: String
    var from: String
    var to: String
    var added: [String]
    var removed: [String]
    var renamed: [Renamed]
    var changedDefaults: [DefaultChange]
  }

  func run(store: FlagCatalogStore, terminal: Terminal) throws {
    guard let e = EngineName(name: engine) else {
      throw CLIError(
        "unknown engine '\(engine)'; known: \(EngineName.allCases.map(\.rawValue).joined(separator: ", "))",
        kind: .invalidRequest)
    }
    var versions: [EngineVersion] = []
    for text in [from, to] {
      guard let v = EngineVersion(text) else {
        throw CLIError("'\(text)' is not a version", kind: .invalidRequest)
      }
      let match = store.catalog(engine: e, version: v)
      if match.catalog == nil { throw CLIError(match.note, kind: .notFound) }
      if match.kind != .exact { terminal.err("note: \(match.note)") }
      versions.append(v)
    }
    guard let diff = store.diff(engine: e, from: versions[0], to: versions[1]) else { return }
    let report = Report(
      engine: e.rawValue, from: diff.from.version.normalized, to: diff.to.version.normalized,
      added: diff.added, removed: diff.removed,
      renamed: diff.renamed.map { .init(old: $0.old, new: $0.new, how: $0.how) },
      changedDefaults: diff.changedDefaults.map { .init(flag: $0.flag, old: $0.old, new: $0.new) })
    if json { return try JSONOutput.print(report, terminal: terminal) }
    terminal.out("\(e) \(report.from) → \(report.to)")
    for flag in report.added { terminal.out("  added    \(flag)") }
    for flag in report.removed { terminal.out("  removed  \(flag)") }
    for r in report.renamed {
      terminal.out("  renamed  \(r.old) → \(r.new ?? "(dropped)")  (\(r.how))")
    }
    for c in report.changedDefaults {
      terminal.out("  default  \(c.flag)  \(c.old) → \(c.new)")
    }
    terminal.err(
      "\(report.added.count) added, \(report.removed.count) removed, \(report.renamed.count) renamed, "
        + "\(report.changedDefaults.count) changed defaults")
  }
}
