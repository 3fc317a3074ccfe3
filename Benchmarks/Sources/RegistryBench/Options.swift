import Foundation

/// The command line of `registry-bench` (see `usage`).
struct Options {
  var binary: String
  var count = 10_000
  var files: Int?
  var commits: Int?
  var runs = 5
  var warmup = 1
  var only: [String] = []
  var breakdown = false
  var json = false
  var keep: String?

  /// Recipe files of the lint, migrate and yaml figures (budgets are per 10k).
  var fileCount: Int { files ?? (count >= 100_000 ? 10_000 : 2_000) }
  /// Commits that change the recipe of the history figure.
  var commitCount: Int { commits ?? (count >= 100_000 ? 2_000 : 200) }

  static let usage = """
    usage: registry-bench [--registry BIN] [--count N] [--files N] [--commits N] [--runs N]
                          [--warmup N] [--only NAME,...] [--breakdown] [--json] [--keep DIR]

    Times the registry binary as whole processes next to references (git, raw libyaml) timed
    the same way, interleaved, and prints min/median/max, the ratio per pair and each budget.
      --registry BIN  the registry binary (default: .build/release/registry of the checkout)
      --count N       recipes in the synthetic registry (default 10000; budgets are for 100000)
      --files N       recipe files for lint, migrate and yaml (default 2000; 10000 with --count 100000)
      --commits N     commits on the recipe of the history figure (default 200; 2000 with --count 100000)
      --runs N        timed runs of each command (default 5), after --warmup N untimed ones (default 1)
      --only A,B      only the scenarios whose name contains one of these words ("site": the
                      site page's filter, timed in headless Chromium)
      --breakdown     also the in-process YAML figures (document layer vs libyaml events)
      --json          the results as JSON on stdout
      --keep DIR      generate into DIR and keep it (default: a temporary folder, removed)
    """

  static func parse(_ args: [String]) throws -> Options {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
    var o = Options(binary: root + "/.build/release/registry")
    var i = 0
    func value() throws -> String {
      i += 1
      guard i < args.count else { throw UsageError(message: "\(args[i - 1]) needs a value") }
      return args[i]
    }
    func number() throws -> Int {
      let v = try value()
      guard let n = Int(v), n > 0 else { throw UsageError(message: "\(args[i - 1]): not a positive number: \(v)") }
      return n
    }
    while i < args.count {
      switch args[i] {
      case "--registry": o.binary = try value()
      case "--count": o.count = try number()
      case "--files": o.files = try number()
      case "--commits": o.commits = try number()
      case "--runs": o.runs = try number()
      case "--warmup": o.warmup = Int(try value()) ?? 1
      case "--only": o.only = try value().split(separator: ",").map(String.init)
      case "--breakdown": o.breakdown = true
      case "--json": o.json = true
      case "--keep": o.keep = try value()
      case "-h", "--help": throw UsageError(message: nil)
      default: throw UsageError(message: "unknown argument: \(args[i])")
      }
      i += 1
    }
    return o
  }

  struct UsageError: Error {
    var message: String?
  }
}
