import Foundation
public import Schema

/// Machine-readable trailers of registry commits (`Recipe: NAME`, `Schema: v2`,
/// `Engine: sglang v0.5.5.post2`, `GPU: gb200`), appended after a blank line.
public struct CommitTrailers: Sendable, Hashable {
  /// Trailer lines in order, as (key, value).
  public var lines: [(key: String, value: String)] = []

  /// No trailers.
  public init() {}

  /// Whether both have the same trailer lines in the same order.
  public static func == (a: CommitTrailers, b: CommitTrailers) -> Bool {
    a.lines.map { "\($0.key): \($0.value)" } == b.lines.map { "\($0.key): \($0.value)" }
  }

  /// Hashes the trailer lines consistently with `==`.
  public func hash(into hasher: inout Hasher) {
    for l in lines {
      hasher.combine(l.key)
      hasher.combine(l.value)
    }
  }

  /// Appends one trailer (newlines in the value become spaces).
  public mutating func add(_ key: String, _ value: String?) {
    guard let value, !value.isEmpty else { return }
    lines.append((key, value.replacingOccurrences(of: "\n", with: " ")))
  }

  /// The trailers of one recipe: name, schema, engine (and version), GPU.
  public mutating func add(recipe summary: RecipeSummary, schema: String) {
    add("Recipe", summary.name)
    add("Schema", schema == "sglang-v1" ? "v1" : schema)
    if let engine = summary.engine {
      add("Engine", engine + (summary.engineVersion.map { " " + $0 } ?? ""))
    }
    add("GPU", summary.gpuType)
  }

  /// The trailer block (no leading blank line).
  public var text: String { lines.map { "\($0.key): \($0.value)\n" }.joined() }

  /// A full message: subject, optional body, a blank line, the trailers.
  public func message(subject: String, body: String? = nil) -> String {
    var m = subject.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    if let body, !body.isEmpty {
      m += "\n" + body.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
    if !lines.isEmpty { m += "\n" + text }
    return m
  }

  /// The trailers of a commit message: `Key: value` lines of its last paragraph.
  public static func parse(_ message: String) -> CommitTrailers {
    var t = CommitTrailers()
    let paragraphs = message.trimmingCharacters(in: .whitespacesAndNewlines).components(
      separatedBy: "\n\n")
    guard paragraphs.count > 1, let last = paragraphs.last else { return t }
    for line in last.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":"), !line[..<colon].contains(" ") else {
        return CommitTrailers()
      }
      t.lines.append(
        (
          String(line[..<colon]),
          line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        ))
    }
    return t
  }

  /// The values of a key, in order.
  public func values(_ key: String) -> [String] { lines.filter { $0.key == key }.map(\.value) }
}
