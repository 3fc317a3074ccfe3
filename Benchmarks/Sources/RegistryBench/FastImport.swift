/// `git fast-import` streams of the setup: commits that change files on a branch.
struct FastImport {
  private(set) var bytes: [UInt8] = []

  /// A commit on `branch` (continuing from `from` when given, e.g. `refs/heads/main^0` for the
  /// first commit of a stream on an existing branch) that writes each (path, text).
  mutating func commit(
    branch: String, from: String?, time: Int, message: String, files: [(path: String, text: String)]
  ) {
    append("commit \(branch)\n")
    append("author Bench <bench@example.com> \(time) +0000\n")
    append("committer Bench <bench@example.com> \(time) +0000\n")
    append("data \(message.utf8.count)\n\(message)\n")
    if let from { append("from \(from)\n") }
    for (path, text) in files {
      append("M 100644 inline \(path)\ndata \(text.utf8.count)\n")
      append(text)
      append("\n")
    }
    append("\n")
  }

  private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }
}
