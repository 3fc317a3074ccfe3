import ArgumentParser
import Migrate
import Registry
import Schema

struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Counts by GPU, engine, engine version, model, format and topology.",
    discussion: """
      Examples:
        registry stats
        registry stats --json --rev HEAD~10
      """)

  @Option(help: "The git rev.")
  var rev = "HEAD"
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var commit: String
    var recipes: Int
    var invalid: Int
    var byGPU: [String: Int]
    var byEngine: [String: Int]
    var byEngineVersion: [String: Int]
    var byModel: [String: Int]
    var byFormat: [String: Int]
    var byTopology: [String: Int]
  }

  func run() throws {
    try reportingErrors {
      let terminal = Terminal(colorChoice: global.color)
      let registry = try registryOptions.open()
      let index = try IndexLoading.load(registry, rev: rev, terminal: terminal)
      let s = index.snapshot
      var r = Report(
        commit: index.commit.hex, recipes: 0, invalid: 0, byGPU: [:], byEngine: [:], byEngineVersion: [:],
        byModel: [:], byFormat: [:], byTopology: [:])
      for i in 0..<s.count {
        if s.isInvalid(i) {
          r.invalid += 1
          continue
        }
        let m = s.summary(i)
        r.recipes += 1
        r.byGPU[m.gpuType ?? "unknown", default: 0] += 1
        r.byEngine[m.engine ?? "unknown", default: 0] += 1
        r.byEngineVersion["\(m.engine ?? "?") \(Self.versionKey(m.engineVersion))", default: 0] += 1
        r.byModel[m.model ?? "unknown", default: 0] += 1
        r.byFormat[m.format, default: 0] += 1
        r.byTopology[m.topology?.rawValue ?? "unknown", default: 0] += 1
      }
      if global.json {
        try JSONOutput.print(r, terminal: terminal)
        return
      }
      terminal.out("\(r.recipes) recipes (\(r.invalid) invalid) at \(String(r.commit.prefix(12)))")
      for (title, counts) in [
        ("GPU", r.byGPU), ("engine", r.byEngine), ("engine version", r.byEngineVersion),
        ("topology", r.byTopology), ("format", r.byFormat), ("model", r.byModel),
      ] {
        terminal.out("\nby \(title):")
        for (k, v) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
          terminal.out("  " + String(repeating: " ", count: max(0, 5 - String(v).count)) + "\(v)  \(k)")
        }
      }
    }
  }

  /// How versions group: normalised (`v0.5.8` and `0.5.8` are one version, `0.5.8`); text
  /// that is no version is kept as written; none is `unpinned`.
  static func versionKey(_ raw: String?) -> String {
    guard let raw else { return "unpinned" }
    return EngineVersion(raw)?.normalized ?? raw
  }
}
