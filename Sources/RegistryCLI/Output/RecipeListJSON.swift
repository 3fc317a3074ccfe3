import Registry

/// The JSON document of `search` / `list` (``RecipeList``) written directly: byte for byte
/// what ``JSONOutput`` (JSONEncoder: sorted keys, pretty printed, slashes not escaped) writes
/// for it, without an encoder container per value (20k rows: ~400 ms through JSONEncoder).
///
/// Strings that are plain ASCII with nothing to escape are written as they are; any other
/// string is encoded by JSONEncoder on its own, so escaping is JSONEncoder's. A list with a
/// row carrying errors (`--invalid`) is not written here (nil): it goes through JSONOutput.
enum RecipeListJSON {
  /// The whole document (no final newline), or nil for a list with errors.
  static func text(_ list: RecipeList) -> String? {
    var text = ""
    return write(list) { text += $0 } ? text : nil
  }

  /// Writes the document (no final newline) in pieces of about 64 KiB to `out`; false, with
  /// nothing written, for a list with errors.
  static func write(_ list: RecipeList, to out: (String) -> Void) -> Bool {
    guard list.recipes.allSatisfy({ $0.errors == nil }) else { return false }
    var w = Writer()
    w.raw("{\n")
    w.key("commit", indent: 1)
    w.string(list.commit)
    w.raw(",\n")
    w.key("count", indent: 1)
    w.int(list.count)
    w.raw(",\n")
    w.key("recipes", indent: 1)
    if list.recipes.isEmpty {
      w.raw("[\n\n  ],\n")
    } else {
      w.raw("[\n")
      for (i, row) in list.recipes.enumerated() {
        w.row(row)
        w.raw(i == list.recipes.count - 1 ? "\n" : ",\n")
        if w.bytes.count >= Writer.piece { w.flush(to: out) }
      }
      w.raw("  ],\n")
    }
    w.key("registry", indent: 1)
    w.string(list.registry)
    w.raw("\n}")
    w.flush(to: out)
    return true
  }

  /// Appends to a byte buffer (literals and plain strings copied from their UTF-8 storage)
  /// that goes out whenever it holds a piece.
  private struct Writer {
    static let piece = 1 << 16
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(Self.piece + 4096) }

    /// Writes what the buffer holds to `out` and empties it.
    mutating func flush(to out: (String) -> Void) {
      if !bytes.isEmpty { out(String(decoding: bytes, as: UTF8.self)) }
      bytes.removeAll(keepingCapacity: true)
    }

    mutating func raw(_ s: StaticString) {
      s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ n: Int) {
      var text = String(n)
      text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func key(_ name: StaticString, indent: Int) {
      bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
      bytes.append(UInt8(ascii: "\""))
      raw(name)
      raw("\" : ")
    }

    mutating func string(_ s: String) {
      var text = s
      let plain = text.withUTF8 { u in
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        guard u.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != quote && $0 != backslash }) else {
          return false
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: u)
        bytes.append(UInt8(ascii: "\""))
        return true
      }
      if !plain {
        var encoded = (try? JSONOutput.encode(s)) ?? "\"\""
        encoded.withUTF8 { bytes.append(contentsOf: $0) }
      }
    }

    /// The key of a row field after the first (`blob`): the separator, then the key.
    mutating func next(_ name: StaticString) {
      raw(",\n")
      key(name, indent: 3)
    }

    /// One row object, its keys in JSONEncoder's sorted order, absent values left out.
    mutating func row(_ r: RecipeRow) {
      let e = r.entry
      func add(_ key: StaticString, _ value: String?) {
        if let value {
          next(key)
          string(value)
        }
      }
      func add(_ key: StaticString, _ value: Int?) {
        if let value {
          next(key)
          int(value)
        }
      }
      func add(_ key: StaticString, _ value: Bool?) {
        if let value {
          next(key)
          raw(value ? "true" : "false")
        }
      }
      raw("    {\n")
      key("blob", indent: 3)
      string(e.blob)
      add("engine", e.engine)
      add("engineVersion", e.engineVersion)
      add("format", e.format)
      add("gpuType", e.gpuType)
      add("gpusPerNode", e.gpusPerNode)
      add("gpusPerNodeDerived", e.gpusPerNodeDerived)
      add("image", e.image)
      add("model", e.model)
      add("name", e.name)
      add("nodes", e.nodes)
      add("path", e.path)
      add("precision", e.precision)
      add("scope", r.scope)
      add("status", e.status)
      add("topology", e.topology)
      add("totalGPUs", e.totalGPUs)
      add("valid", e.valid)
      raw("\n    }")
    }
  }
}
