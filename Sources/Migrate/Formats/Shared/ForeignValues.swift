package import Schema

/// Value conversions shared by the foreign-format converters: command words and YAML scalars
/// to typed `ArgValue`s (JSON-in-string becomes structured data), and back.
package enum ForeignValues {
  /// A JSON object or array written as text (`'{"method":"mtp"}'`), as a structured node; nil
  /// when the text is not a JSON collection.
  package static func structuredJSON(_ text: String) -> YAMLNode? {
    let t = text.trimmingSpaces
    guard let first = t.first, first == "{" || first == "[" else { return nil }
    guard let doc = try? YAML.parse(t), doc.root.isMapping || doc.root.isSequence else {
      return nil
    }
    return doc.root
  }

  /// The typed value of one command word: an integer, a number, a JSON collection, or text.
  package static func argValue(word: String) -> RecipeV2.ArgValue {
    if let i = Int(word) { return .int(i) }
    if let d = Double(word), word.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
      d.isFinite
    {
      return .float(d)
    }
    if let node = structuredJSON(word) { return .structured(node) }
    return .string(word)
  }

  /// The typed value of several command words: one value, or a list.
  package static func argValue(words: [String]) -> RecipeV2.ArgValue {
    switch words.count {
    case 0: return .bool(true)
    case 1: return argValue(word: words[0])
    default: return .list(words.map(argValue(word:)))
    }
  }

  /// The typed value of a YAML node: scalars by their resolved type (a string holding JSON
  /// becomes structured), collections as structured data.
  package static func argValue(node: YAMLNode) -> RecipeV2.ArgValue {
    switch node.kind {
    case .scalar:
      switch node.resolved {
      case .null?, nil: return .null
      case .bool(let b)?: return .bool(b)
      case .int(let i)?: return .int(i)
      case .float(let d)?: return .float(d)
      case .string(let s)?: return structuredJSON(s).map { .structured($0) } ?? .string(s)
      }
    case .mapping: return .structured(node)
    case .sequence(let items, _):
      if items.allSatisfy({ $0.isScalar && !$0.isNull }) {
        return .list(items.map(argValue(node:)))
      }
      return .structured(node)
    }
  }

  /// The command-line words of a value (`true` gives none; a list gives one word per item).
  package static func words(_ value: RecipeV2.ArgValue) -> [String] {
    switch value {
    case .bool(true), .null: return []
    case .bool(false): return ["false"]
    case .string(let s): return [s]
    case .int(let i): return [String(i)]
    case .float(let d): return [ScalarResolver.spell(d)]
    case .structured(let n): return [n.jsonText]
    case .list(let items): return items.flatMap(words)
    }
  }

  /// Whether two values mean the same (numbers compare by value, `1` equals `1.0`).
  package static func same(_ a: RecipeV2.ArgValue?, _ b: RecipeV2.ArgValue?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (.int(let x)?, .float(let y)?), (.float(let y)?, .int(let x)?): return Double(x) == y
    case (.list(let x)?, .list(let y)?):
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    default: return a == b
    }
  }

  /// Sets a named field from a value; false (nothing set) when the value does not fit the
  /// field (`--max-model-len auto`, a fraction above 1).
  package static func setServing(
    _ s: inout RecipeV2.Serving, _ field: NamedField, _ value: RecipeV2.ArgValue
  )
    -> Bool
  {
    var int: Int?
    var dbl: Double?
    switch value {
    case .int(let i):
      int = i
      dbl = Double(i)
    case .float(let d): dbl = d
    case .string(let t):
      int = Int(t)
      dbl = Double(t)
    default: return false
    }
    switch field {
    case .gpuMemoryUtilization:
      guard let dbl, dbl > 0, dbl <= 1 else { return false }
      s.gpuMemoryUtilization = dbl
    default:
      guard let int, int >= 1 else { return false }
      switch field {
      case .tensorParallelSize: s.tensorParallelSize = int
      case .pipelineParallelSize: s.pipelineParallelSize = int
      case .dataParallelSize: s.dataParallelSize = int
      case .expertParallelSize: s.expertParallelSize = int
      case .contextLength: s.contextLength = int
      case .maxConcurrentRequests: s.maxConcurrentRequests = int
      case .gpuMemoryUtilization: break
      }
    }
    return true
  }

  /// A recipe name from a name a recipe declares (`OpenAI GPT-OSS 120B` → `openai-gpt-oss-120b`):
  /// lower-cased, runs of other characters than letters, digits, `.` and `-` become one `-`,
  /// no `-` at either end; nil when nothing is left.
  package static func recipeName(declared: String) -> String? {
    var out = ""
    for c in declared.lowercased() {
      if c.isLetter || c.isNumber || c == "." || c == "-" {
        out.append(c)
      } else if !out.isEmpty && !out.hasSuffix("-") {
        out.append("-")
      }
    }
    while out.hasSuffix("-") || out.hasSuffix(".") { out.removeLast() }
    while out.hasPrefix(".") || out.hasPrefix("-") { out.removeFirst() }
    return out.isEmpty ? nil : out
  }

  /// The recipe name a file stem gives (`recipes/openai-gpt-oss-120b.yaml` → `openai-gpt-oss-120b`).
  package static func recipeName(file: String) -> String {
    var stem = Substring(file.split(separator: "/").last ?? Substring(file))
    for ext in [".yaml", ".yml"] where stem.hasSuffix(ext) { stem = stem.dropLast(ext.count) }
    let lowered = stem.lowercased().map { c -> Character in
      (c.isLetter || c.isNumber || c == "-" || c == ".") ? c : "-"
    }
    let name = String(lowered)
    return name.isEmpty ? "recipe" : name
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and newlines.
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\n" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
    return String(s)
  }
}
