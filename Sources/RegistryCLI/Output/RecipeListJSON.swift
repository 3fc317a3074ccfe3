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
  static func write<Rows: RecipeRowSource>(
    _ rows: Rows, registry: String, commit: String, to out: inout OutputBuffer
  ) {
    var w = Writer(rows: rows)
    out.append("{\n  \"commit\" : ")
    string(commit, to: &out)
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
    string(registry, to: &out)
    out.append("\n}")
  }

  /// The key of each shared field (by raw value) after the row's first key.
  private static let keys: [StaticString] = [
    ",\n      \"model\" : ", ",\n      \"engine\" : ", ",\n      \"engineVersion\" : ",
    ",\n      \"image\" : ", ",\n      \"gpuType\" : ", ",\n      \"precision\" : ",
    ",\n      \"format\" : ", ",\n      \"status\" : ", ",\n      \"topology\" : ",
  ]

  /// ASCII with nothing JSON escapes: no byte from 0x7F, below 0x20, `"` or `\`. Tested
  /// eight bytes at a time (a byte below n shows as a borrow into its top bit).
  @inline(__always) private static func isPlain(_ u: UnsafeRawBufferPointer) -> Bool {
    guard let base = u.baseAddress else { return true }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let tops = ones &* 0x80
    @inline(__always) func below(_ w: UInt64, _ n: UInt64) -> UInt64 {
      (w &- ones &* n) & ~w & tops
    }
    var i = 0
    while i + 8 <= u.count {
      let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let bad =
        (w & tops) | below(w, 0x20) | below(w ^ (ones &* 0x22), 1) | below(w ^ (ones &* 0x5C), 1)
        | below(w ^ (ones &* 0x7F), 1)
      if bad != 0 { return false }
      i += 8
    }
    while i < u.count {
      let b = u[i]
      if b < 0x20 || b >= 0x7F || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
        return false
      }
      i += 1
    }
    return true
  }

  /// A value as JSONEncoder writes it on its own.
  private static func encoded(_ value: some Encodable) -> String {
    (try? JSONOutput.encode(value)) ?? "\"\""
  }

  private static func string(_ s: String, to out: inout OutputBuffer) {
    var text = s
    text.withUTF8 { string(UnsafeRawBufferPointer($0), to: &out) }
  }

  @inline(__always) private static func string(
    _ u: UnsafeRawBufferPointer, to out: inout OutputBuffer
  ) {
    if isPlain(u) {
      out.append(byte: UInt8(ascii: "\""))
      out.append(u)
      out.append(byte: UInt8(ascii: "\""))
    } else {
      out.append(string: encoded(String(decoding: u, as: UTF8.self)))
    }
  }

  /// JSON text of a value inside a row (at depth 3): every line after the first indented
  /// by 6 more spaces, as JSONEncoder indents nested values (blank lines, which only empty
  /// containers have, stay blank; strings hold no raw newline).
  private static func nested(_ text: String, to out: inout OutputBuffer) {
    var text = text
    text.withUTF8 { u in
      let newline = UInt8(ascii: "\n")
      var start = 0
      for i in u.indices where u[i] == newline {
        out.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: u[start...i])))
        if i + 1 < u.count && u[i + 1] != newline {
          out.append(repeating: UInt8(ascii: " "), count: 6)
        }
        start = i + 1
      }
      out.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: u[start...])))
    }
  }

  /// `key` and `value`, if there is one.
  @inline(__always) private static func int(
    _ key: StaticString, _ value: Int?, to out: inout OutputBuffer
  ) {
    guard let value else { return }
    out.append(key)
    out.append(decimal: value)
  }

  /// Writes rows of one source, keeping each shared value's JSON.
  private struct Writer<Rows: RecipeRowSource> {
    let rows: Rows
    var json: SharedBytes
    /// For rows' errors, one for all of them.
    let encoder = JSONOutput.encoder()

    init(rows: Rows) {
      self.rows = rows
      let values = rows.sharedCount
      json = SharedBytes(count: RecipeRowField.allCases.count * values) { slot, value, bytes in
        RecipeListJSON.keys[slot / values].withUTF8Buffer { bytes.append(contentsOf: $0) }
        var text = value
        text.withUTF8 { u in
          if RecipeListJSON.isPlain(UnsafeRawBufferPointer(u)) {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: u)
            bytes.append(UInt8(ascii: "\""))
          } else {
            bytes.append(contentsOf: RecipeListJSON.encoded(value).utf8)
          }
        }
      }
    }

    /// Row `r`'s `field` with its key, if it has one.
    @inline(__always) mutating func shared(
      _ r: Int, _ field: RecipeRowField, to out: inout OutputBuffer
    ) {
      guard let id = rows.shared(r, field) else { return }
      json.append(field.rawValue * rows.sharedCount + id, value: id, of: rows, to: &out)
    }

    /// One row object, its keys in JSONEncoder's sorted order, absent values left out.
    mutating func row(_ r: Int, to out: inout OutputBuffer) {
      out.append("    {\n      \"blob\" : ")
      rows.withBlob(r) { RecipeListJSON.string($0, to: &out) }
      shared(r, .engine, to: &out)
      shared(r, .engineVersion, to: &out)
      if let errors = rows.errors(r) {
        out.append(",\n      \"errors\" : ")
        RecipeListJSON.nested(
          (try? JSONOutput.encode(errors, with: encoder)) ?? "[\n\n]", to: &out)
      }
      shared(r, .format, to: &out)
      shared(r, .gpuType, to: &out)
      RecipeListJSON.int(",\n      \"gpusPerNode\" : ", rows.gpusPerNode(r), to: &out)
      if let derived = rows.gpusPerNodeDerived(r) {
        out.append(",\n      \"gpusPerNodeDerived\" : ")
        out.append(derived ? "true" : "false")
      }
      shared(r, .image, to: &out)
      shared(r, .model, to: &out)
      out.append(",\n      \"name\" : ")
      rows.withName(r) { RecipeListJSON.string($0, to: &out) }
      RecipeListJSON.int(",\n      \"nodes\" : ", rows.nodes(r), to: &out)
      out.append(",\n      \"path\" : ")
      rows.withPath(r) { RecipeListJSON.string($0, to: &out) }
      shared(r, .precision, to: &out)
      if let scope = rows.scope(r) {
        out.append(",\n      \"scope\" : ")
        RecipeListJSON.string(scope, to: &out)
      }
      shared(r, .status, to: &out)
      shared(r, .topology, to: &out)
      RecipeListJSON.int(",\n      \"totalGPUs\" : ", rows.totalGPUs(r), to: &out)
      out.append(",\n      \"valid\" : ")
      out.append(rows.valid(r) ? "true" : "false")
      out.append("\n    }")
    }
  }
}
