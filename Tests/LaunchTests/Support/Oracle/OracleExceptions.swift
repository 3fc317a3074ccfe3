import Foundation

/// The differences from an upstream tool that are known and reasoned, read from a TSV file:
/// `recipe glob <TAB> role glob <TAB> key glob <TAB> reason` (`#` starts a comment line).
/// Globs are shell patterns (`*`, `?`, `[...]`) matched with fnmatch; a `# --- heading` line
/// names the section of the rows under it.
struct OracleExceptions {
  struct Rule: CustomStringConvertible {
    var recipe: String
    var role: String
    var key: String
    var reason: String
    var line: Int
    /// The `# --- heading` the row is under.
    var section: String

    var description: String { "line \(line): \(recipe)\t\(role)\t\(key)" }

    func matches(_ d: LaunchDifference) -> Bool {
      Self.glob(recipe, d.recipe) && Self.glob(role, d.role) && Self.glob(key, d.key)
    }

    static func glob(_ pattern: String, _ text: String) -> Bool {
      fnmatch(pattern, text, 0) == 0
    }
  }

  var rules: [Rule]

  /// Reads the file; a row without four fields or with an empty reason is an error.
  init(file: String) throws {
    let text = try String(contentsOfFile: file, encoding: .utf8)
    var rules: [Rule] = []
    var section = ""
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("# ---") {
        section = trimmed.dropFirst(5).trimmingCharacters(in: .whitespaces)
        continue
      }
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 4, !f[3].trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ToolError("\(file):\(i + 1): want recipe, role, key and a reason, tab-separated")
      }
      rules.append(
        Rule(recipe: f[0], role: f[1], key: f[2], reason: f[3], line: i + 1, section: section))
    }
    self.rules = rules
  }

  /// The first rule that explains `d`.
  func rule(for d: LaunchDifference) -> Rule? { rules.first { $0.matches(d) } }
}
