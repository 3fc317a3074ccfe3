import Registry
import Schema

/// The JSON document of `search` / `list` (``RecipeList``) written directly from a
/// ``RecipeRowSource``: byte for byte what ``JSONOutput`` (JSONEncoder: sorted keys, pretty
/// printed, slashes not escaped) writes for the same rows, without an encoder container per
/// value or a `String` per field (20k rows: ~400 ms through JSONEncoder).
///
/// Strings that are plain ASCII with nothing to escape are written as they are; any other
/// string, and a row's errors (`--invalid`), are encoded by JSONEncoder on their own, so
/// escaping is JSONEncoder's. A shared value (model, engine...) is encoded once.
enum RecipeListJSON {
  /// The whole document (no final newline).
  static func text(_ list: RecipeList) -> String {
    var text = ""
    var out = OutputBuffer(strings: { text += $0 })
    write(RecipeRowList(list.recipes), registry: list.registry, commit: list.commit, to: &out)
    out.flush()
    return text
  }

  /// Appends the document (no final newline) to `out`, a row at a time.
  static func write(
    _ rows: some RecipeRowSource, registry: String, commit: String, to out: inout OutputBuffer
  ) {
    var w = Writer(rows: rows)
    out.append("{\n  \"commit\" : ")
    w.string(commit, to: &out)
    out.append(",\n  \"count\" : ")
    out.append(decimal: rows.count)
    out.append(",\n  \"recipes\" : [\n")
    if rows.count == 0 { out.append("\n") }
    for r in 0..<rows.count {
      w.row(r, to: &out)
      out.append(r == rows.count - 1 ? "\n" : ",\n")
      out.endUnit()
    }
    out.append("  ],\n  \"registry\" : ")
    w.string(registry, to: &out)
    out.append("\n}")
  }

  /// Writes rows of one source, keeping each shared value's JSON.
  private struct Writer<Rows: RecipeRowSource> {
    let rows: Rows
    var json: SharedBytes

    init(rows: Rows) {
      self.rows = rows
      json = SharedBytes(count: rows.sharedCount) { s, bytes in
        var plain = s
        plain.withUTF8 { u in
          if Writer.isPlain(UnsafeRawBufferPointer(u)) {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: u)
            bytes.append(UInt8(ascii: "\""))
          } else {
            bytes.append(contentsOf: Writer.encoded(s).utf8)
          }
        }
      }
    }

    /// ASCII with nothing JSON escapes.
    @inline(__always) static func isPlain(_ u: UnsafeRawBufferPointer) -> Bool {
      u.allSatisfy {
        $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
      }
    }

    /// A value as JSONEncoder writes it on its own.
    static func encoded(_ value: some Encodable) -> String {
      (try? JSONOutput.encode(value)) ?? "\"\""
    }

    func string(_ s: String, to out: inout OutputBuffer) {
      var text = s
      text.withUTF8 { string(UnsafeRawBufferPointer($0), to: &out) }
    }

    @inline(__always) func string(_ u: UnsafeRawBufferPointer, to out: inout OutputBuffer) {
      if Self.isPlain(u) {
        out.append(byte: UInt8(ascii: "\""))
        out.append(u)
        out.append(byte: UInt8(ascii: "\""))
      } else {
        out.append(string: Self.encoded(String(decoding: u, as: UTF8.self)))
      }
    }

    /// JSON text of a value inside a row (at depth 3): every line after the first indented
    /// by 6 more spaces, as JSONEncoder indents nested values (blank lines, which only empty
    /// containers have, stay blank; strings hold no raw newline).
    func nested(_ text: String, to out: inout OutputBuffer) {
      var first = true
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if !first {
          out.append(byte: UInt8(ascii: "\n"))
          if !line.isEmpty { out.append(repeating: UInt8(ascii: " "), count: 6) }
        }
        first = false
        out.append(string: String(line))
      }
    }

    /// `key` and row `r`'s `field`, if it has one.
    @inline(__always) mutating func shared(
      _ key: StaticString, _ r: Int, _ field: RecipeRowField, to out: inout OutputBuffer
    ) {
      guard let id = rows.shared(r, field) else { return }
      out.append(key)
      json.append(id, of: rows, to: &out)
    }

    /// `key` and `value`, if there is one.
    @inline(__always) func int(_ key: StaticString, _ value: Int?, to out: inout OutputBuffer) {
      guard let value else { return }
      out.append(key)
      out.append(decimal: value)
    }

    /// One row object, its keys in JSONEncoder's sorted order, absent values left out.
    mutating func row(_ r: Int, to out: inout OutputBuffer) {
      out.append("    {\n      \"blob\" : ")
      rows.withBlob(r) { string($0, to: &out) }
      shared(",\n      \"engine\" : ", r, .engine, to: &out)
      shared(",\n      \"engineVersion\" : ", r, .engineVersion, to: &out)
      if let errors = rows.errors(r) {
        out.append(",\n      \"errors\" : ")
        nested(Self.encoded(errors), to: &out)
      }
      shared(",\n      \"format\" : ", r, .format, to: &out)
      shared(",\n      \"gpuType\" : ", r, .gpuType, to: &out)
      int(",\n      \"gpusPerNode\" : ", rows.gpusPerNode(r), to: &out)
      if let derived = rows.gpusPerNodeDerived(r) {
        out.append(",\n      \"gpusPerNodeDerived\" : ")
        out.append(derived ? "true" : "false")
      }
      shared(",\n      \"image\" : ", r, .image, to: &out)
      shared(",\n      \"model\" : ", r, .model, to: &out)
      out.append(",\n      \"name\" : ")
      rows.withName(r) { string($0, to: &out) }
      int(",\n      \"nodes\" : ", rows.nodes(r), to: &out)
      out.append(",\n      \"path\" : ")
      rows.withPath(r) { string($0, to: &out) }
      shared(",\n      \"precision\" : ", r, .precision, to: &out)
      if let scope = rows.scope(r) {
        out.append(",\n      \"scope\" : ")
        string(scope, to: &out)
      }
      shared(",\n      \"status\" : ", r, .status, to: &out)
      shared(",\n      \"topology\" : ", r, .topology, to: &out)
      int(",\n      \"totalGPUs\" : ", rows.totalGPUs(r), to: &out)
      out.append(",\n      \"valid\" : ")
      out.append(rows.valid(r) ? "true" : "false")
      out.append("\n    }")
    }
  }
}
