/// A line diff (longest common subsequence) printed as a unified diff, for `--dry-run`.
package enum LineDiff {
  /// One line of an edit script.
  package enum Edit: Sendable, Hashable {
    case same(String)
    case removed(String)
    case added(String)
  }

  /// The edit script that turns `a` into `b` (LCS; recipe files are small).
  package static func edits(_ a: [String], _ b: [String]) -> [Edit] {
    let n = a.count
    let m = b.count
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    if n > 0 && m > 0 {
      for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
          lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
      }
    }
    var out: [Edit] = []
    var i = 0
    var j = 0
    while i < n || j < m {
      if i < n, j < m, a[i] == b[j] {
        out.append(.same(a[i]))
        i += 1
        j += 1
      } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
        out.append(.removed(a[i]))
        i += 1
      } else {
        out.append(.added(b[j]))
        j += 1
      }
    }
    return out
  }

  /// A unified diff of two texts (`--- a/<name>`, `+++ b/<name>`, hunks with `context`
  /// lines around changes); empty when the texts are equal.
  package static func unified(
    _ old: String, _ new: String, oldName: String, newName: String, context: Int = 3
  ) -> String {
    let a = lines(old)
    let b = lines(new)
    let script = edits(a, b)
    guard script.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
    var out = "--- \(oldName)\n+++ \(newName)\n"
    // Positions (old line, new line) before each edit.
    var pos: [(Int, Int)] = []
    var oi = 0
    var ni = 0
    for e in script {
      pos.append((oi, ni))
      switch e {
      case .same:
        oi += 1
        ni += 1
      case .removed: oi += 1
      case .added: ni += 1
      }
    }
    let changed = script.indices.filter { if case .same = script[$0] { false } else { true } }
    var k = 0
    while k < changed.count {
      let start = max(changed[k] - context, 0)
      var end = min(changed[k] + context, script.count - 1)
      var next = k + 1
      while next < changed.count, changed[next] - context <= end + 1 {
        end = min(changed[next] + context, script.count - 1)
        next += 1
      }
      var oldCount = 0
      var newCount = 0
      var body = ""
      for e in script[start...end] {
        switch e {
        case .same(let l):
          body += " \(l)\n"
          oldCount += 1
          newCount += 1
        case .removed(let l):
          body += "-\(l)\n"
          oldCount += 1
        case .added(let l):
          body += "+\(l)\n"
          newCount += 1
        }
      }
      let (os, ns) = pos[start]
      out +=
        "@@ -\(oldCount == 0 ? os : os + 1),\(oldCount) +\(newCount == 0 ? ns : ns + 1),\(newCount) @@\n"
        + body
      k = next
    }
    return out
  }

  private static func lines(_ s: String) -> [String] {
    var parts = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if parts.last == "" { parts.removeLast() }
    return parts
  }
}
