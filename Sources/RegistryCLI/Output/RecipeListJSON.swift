import Registry

/// The JSON document of `search` / `list` (``RecipeList``) written directly: byte for byte
/// what ``JSONOutput`` (JSONEncoder: sorted keys, pretty printed, slashes not escaped) writes
/// for it, without an encoder container per value (20k rows: ~400 ms through JSONEncoder).
///
/// Strings that are plain ASCII with nothing to escape are written as they are; any other
/// string is encoded by JSONEncoder on its own, so escaping is JSONEncoder's. A list with a
/// row carrying errors (`--invalid`) is not written here (nil): it goes through JSONOutput.
enum RecipeListJSON {
  static func text(_ list: RecipeList) -> String? {
    guard list.recipes.allSatisfy({ $0.errors == nil }) else { return nil }
    var w = Writer()
    w.raw("{\n")
    w.key("commit", indent: 1)
    w.string(list.commit)
    w.raw(",\n")
    w.key("count", indent: 1)
    w.raw(String(list.count))
    w.raw(",\n")
    w.key("recipes", indent: 1)
    if list.recipes.isEmpty {
      w.raw("[\n\n  ],\n")
    } else {
      w.raw("[\n")
      for (i, row) in list.recipes.enumerated() {
        w.row(row)
        w.raw(i == list.recipes.count - 1 ? "\n" : ",\n")
      }
      w.raw("  ],\n")
    }
    w.key("registry", indent: 1)
    w.string(list.registry)
    w.raw("\n}")
    return String(decoding: w.bytes, as: UTF8.self)
  }

  private struct Writer {
    var bytes: [UInt8] = []

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func key(_ name: String, indent: Int) {
      bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
      bytes.append(UInt8(ascii: "\""))
      bytes.append(contentsOf: name.utf8)
      raw("\" : ")
    }

    mutating func string(_ s: String) {
      let plain = s.utf8.allSatisfy { b in
        b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\")
      }
      if plain {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: s.utf8)
        bytes.append(UInt8(ascii: "\""))
      } else {
        bytes.append(contentsOf: (try? JSONOutput.encode(s))?.utf8 ?? "\"\"".utf8)
      }
    }

    /// One row object, its keys in JSONEncoder's sorted order, absent values left out.
    mutating func row(_ r: RecipeRow) {
      let e = r.entry
      var fields: [(String, Value)] = [("blob", .string(e.blob))]
      func add(_ key: String, _ value: String?) {
        if let value { fields.append((key, .string(value))) }
      }
      func add(_ key: String, _ value: Int?) { if let value { fields.append((key, .int(value))) } }
      add("engine", e.engine)
      add("engineVersion", e.engineVersion)
      fields.append(("format", .string(e.format)))
      add("gpuType", e.gpuType)
      add("gpusPerNode", e.gpusPerNode)
      if let derived = e.gpusPerNodeDerived {
        fields.append(("gpusPerNodeDerived", .bool(derived)))
      }
      add("image", e.image)
      add("model", e.model)
      fields.append(("name", .string(e.name)))
      add("nodes", e.nodes)
      fields.append(("path", .string(e.path)))
      add("precision", e.precision)
      add("scope", r.scope)
      add("status", e.status)
      add("topology", e.topology)
      add("totalGPUs", e.totalGPUs)
      fields.append(("valid", .bool(e.valid)))
      raw("    {\n")
      for (i, (key, value)) in fields.enumerated() {
        self.key(key, indent: 3)
        switch value {
        case .string(let s): string(s)
        case .int(let n): raw(String(n))
        case .bool(let b): raw(b ? "true" : "false")
        }
        raw(i == fields.count - 1 ? "\n" : ",\n")
      }
      raw("    }")
    }

    enum Value {
      case string(String)
      case int(Int)
      case bool(Bool)
    }
  }
}
