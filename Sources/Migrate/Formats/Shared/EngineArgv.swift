internal import Engines
package import Schema

/// Reads engine command-line words into v2 named fields, args and launcher-owned values, and
/// writes them back; shared by the importers and exporters of foreign formats.
///
/// Reading rules: `--flag=value`, `-f=value` (argparse splits both at the first `=`) and
/// `--flag value` are a flag with a value; a flag followed
/// by another flag (or by nothing) is a bare flag (`true`); a repeated flag becomes a list;
/// words that belong to no flag are positional. Values are kept as strings unless they are a
/// plain integer or a decimal that prints back identically (`"0.9"` → 0.9, `"0.90"` stays a
/// string), so that writing them back gives the same words.
package struct EngineArgv: Sendable, Hashable {
  /// One flag and its value as words: `value` is nil for a bare flag.
  package struct Flag: Sendable, Hashable {
    /// The flag as written, with its dashes (`--tp`, `-tp`).
    package var flag: String
    package var value: String?
    /// True when the source wrote `--flag=value`.
    package var joined: Bool
  }

  /// Named serving fields found among the flags (only when asked to extract them).
  package var serving = RecipeV2.Serving()
  /// The spelling of each extracted named field, where it is not the canonical one.
  package var spellings: [RecipeV2.Roundtrip.FlagSpelling] = []
  /// Every other flag, in source order (repeated flags merged into a list).
  package var args: [RecipeV2.EngineArg] = []
  /// Launcher-owned flags (host, port, model, model path, served model name — on any engine,
  /// as the v2 decoder refuses them in args) with their values.
  package var owned: [Flag] = []
  /// Words that belong to no flag.
  package var positionals: [String] = []

  package init() {}

  /// Splits words into flags with their values.
  package static func flags(_ words: [String]) -> (flags: [Flag], positionals: [String]) {
    var out: [Flag] = []
    var positionals: [String] = []
    var i = 0
    while i < words.count {
      let w = words[i]
      if isFlag(w) {
        if let eq = w.firstIndex(of: "=") {
          out.append(
            Flag(flag: String(w[..<eq]), value: String(w[w.index(after: eq)...]), joined: true))
        } else if i + 1 < words.count, !isFlag(words[i + 1]) {
          out.append(Flag(flag: w, value: words[i + 1], joined: false))
          i += 1
        } else {
          out.append(Flag(flag: w, value: nil, joined: false))
        }
      } else {
        positionals.append(w)
      }
      i += 1
    }
    return (out, positionals)
  }

  /// Reads the words of one engine command line.
  ///
  /// - Parameters:
  ///   - words: the words after the program (`python3 -m dynamo.sglang`).
  ///   - engine: whose flag spellings decide named fields and launcher-owned flags.
  ///   - extractNamedFields: move `value`-form named fields into ``serving``.
  package static func read(_ words: [String], engine: EngineName, extractNamedFields: Bool)
    -> EngineArgv
  {
    var result = EngineArgv()
    let (flags, positionals) = flags(words)
    result.positionals = positionals
    // Owned on any engine: v2 args never hold them (`launcher-owned-flag`).
    let owned = Set(NamedField.launcherOwnedFlags)
    for f in flags {
      let bare = NamedFieldFlags.normalize(f.flag)
      if owned.contains(bare) {
        result.owned.append(f)
        continue
      }
      if extractNamedFields, let value = f.value,
        let field = NamedFieldFlags.field(forFlag: f.flag, engine: engine),
        NamedFieldFlags.flags(for: field, engine: engine).form == .value,
        !result.serving.isSet(field), result.set(field, value)
      {
        let canonical = NamedFieldFlags.flags(for: field, engine: engine).canonical ?? ""
        if f.flag != canonical {
          result.spellings.append(.init(field, String(f.flag.drop { $0 == "-" })))
        }
        continue
      }
      result.append(flag: f.flag, value: f.value)
    }
    return result
  }

  /// Adds one flag to ``args`` (a repeat turns the value into a list).
  mutating func append(flag: String, value: String?) {
    let name = flag.hasPrefix("--") ? String(flag.dropFirst(2)) : String(flag.dropFirst())
    let key = flag.hasPrefix("--") ? name : "-" + name
    let v: RecipeV2.ArgValue = value.map(Self.value(of:)) ?? .bool(true)
    if let i = args.firstIndex(where: { $0.flag == key }) {
      if case .list(let items) = args[i].value {
        args[i].value = .list(items + [v])
      } else {
        args[i].value = .list([args[i].value, v])
      }
    } else {
      args.append(RecipeV2.EngineArg(key, v))
    }
  }

  /// Sets a named field from its word; false when the word is not a valid value.
  mutating func set(_ field: NamedField, _ word: String) -> Bool {
    if field == .gpuMemoryUtilization {
      guard let d = Double(word) else { return false }
      serving.gpuMemoryUtilization = d
      return true
    }
    guard let n = Int(word) else { return false }
    switch field {
    case .tensorParallelSize: serving.tensorParallelSize = n
    case .pipelineParallelSize: serving.pipelineParallelSize = n
    case .dataParallelSize: serving.dataParallelSize = n
    case .expertParallelSize: serving.expertParallelSize = n
    case .contextLength: serving.contextLength = n
    case .maxConcurrentRequests: serving.maxConcurrentRequests = n
    case .gpuMemoryUtilization: return false
    }
    return true
  }

  /// The v2 value of a command-line word.
  package static func value(of word: String) -> RecipeV2.ArgValue {
    if let i = Int(word), String(i) == word { return .int(i) }
    if word.contains("."), let d = Double(word), d.isFinite, String(d) == word { return .float(d) }
    return .string(word)
  }

  /// Whether a word is a flag: starts with `-`, is not a lone `-` and is not a number.
  package static func isFlag(_ w: String) -> Bool {
    guard w.hasPrefix("-"), w.count > 1 else { return false }
    return Double(w) == nil
  }

  // MARK: - Writing

  /// The words of one resolved role: named fields (in the source spelling where recorded,
  /// else the engine's canonical flag), then args.
  package static func words(
    _ role: RecipeV2.ResolvedRole, engine: EngineName, spellings: [RecipeV2.Roundtrip.FlagSpelling]
  ) -> [String] {
    var out: [String] = []
    for field in NamedField.allCases {
      guard let value = role.serving.text(field) else { continue }
      let mapping = NamedFieldFlags.flags(for: field, engine: engine)
      guard let canonical = mapping.canonical else { continue }
      switch mapping.form {
      case .value:
        let spelled = spellings.first { $0.field == field }.map { dashed($0.flag) } ?? canonical
        out += [spelled, value]
      case .switchWhenGreaterThanOne:
        if (Int(value) ?? 1) > 1 { out.append(canonical) }
      case .unsupported: break
      }
    }
    for arg in role.args { out += EngineInvocation.argv(arg).repeatedListFlags(arg) }
    return out
  }

  /// A flag spelling with its dashes (`tp` → `--tp`; a kept single dash stays).
  static func dashed(_ flag: String) -> String { flag.hasPrefix("-") ? flag : "--" + flag }

}

extension [String] {
  /// The words of an arg whose list value came from a repeated flag: `--f a --f b` rather
  /// than `--f a b` (the importer makes lists only from repeats).
  fileprivate func repeatedListFlags(_ arg: RecipeV2.EngineArg) -> [String] {
    guard case .list(let items) = arg.value else { return self }
    return items.flatMap { EngineInvocation.argv(RecipeV2.EngineArg(arg.flag, $0)) }
  }
}
