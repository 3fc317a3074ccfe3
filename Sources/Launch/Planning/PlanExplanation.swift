internal import Engines
internal import Migrate

/// The `--explain` view of a plan: every flag and env value of every process with its
/// origin (recipe, variant, override, engine-default rule).
public struct PlanExplanation: Sendable, Hashable, Codable {
  /// One flag or env value of one process.
  public struct Row: Sendable, Hashable, Codable {
    /// The process the value belongs to.
    public var process: String
    /// The flag (`--tp-size`), `env:NAME`, `image` or `model`.
    public var key: String
    /// The value as the process gets it (nil for a switch).
    public var value: String?
    /// Where the value came from.
    public var origin: ValueOrigin
  }

  /// The rows, process by process in argv order.
  public var rows: [Row]

  /// The rows of a plan, process by process in argv order.
  public init(_ plan: LaunchPlan) {
    var rows: [Row] = []
    for p in plan.processes {
      let flags = LaunchProcess.flagValues(p.argv)
      var seen: [String: Int] = [:]
      for prov in p.provenance {
        let n = seen[prov.key, default: 0]
        seen[prov.key] = n + 1
        let value: String?
        if prov.key.hasPrefix("env:") {
          value = p.env.last { $0.name == prov.key.dropFirst(4) }?.value
        } else if prov.key == "image" {
          value = p.image
        } else if prov.key == "model" {
          value = plan.model.path
        } else {
          let all = flags.filter { $0.flag == prov.key }
          value = all.isEmpty ? nil : all[min(n, all.count - 1)].value
        }
        rows.append(Row(process: p.name, key: prov.key, value: value, origin: prov.origin))
      }
    }
    self.rows = rows
  }

  /// A plain-text table: process, key, value, origin.
  public var table: String {
    let header = ["PROCESS", "KEY", "VALUE", "ORIGIN"]
    let body = rows.map { r -> [String] in
      let origin =
        r.origin.detail.map { "\(r.origin.kind.rawValue) (\($0))" } ?? r.origin.kind.rawValue
      return [r.process, r.key, r.value.map(ShellQuote.quote) ?? "(switch)", origin]
    }
    let all = [header] + body
    let widths = (0..<4).map { c in all.map { $0[c].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { i, cell in
        i == 3 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
      }
      .joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}
