import Engines
import Foundation

/// One role of a launch (its first process) as the comparison with an upstream tool sees it:
/// the words before the first flag, the flags as name → values (aliases resolved through the
/// engine flag catalogs, the last occurrence winning as argparse does), env as a map, the
/// container image and mounts.
struct RoleLaunch {
  var program: [String]
  var flags: [String: [String]]
  var env: [String: String]
  var image: String?
  /// Container path → host path; nil when the plan does not say.
  var mounts: [String: String]?
  /// How many processes run this role.
  var count: Int

  /// The differences from `upstream`, ours first.
  func differences(from upstream: RoleLaunch, recipe: String, role: String) -> [LaunchDifference] {
    var out: [LaunchDifference] = []
    func add(_ key: String, _ ours: String?, _ theirs: String?) {
      guard ours != theirs else { return }
      out.append(
        LaunchDifference(
          recipe: recipe, role: role, key: key, ours: ours ?? "(absent)",
          theirs: theirs ?? "(absent)"))
    }
    add("processes", String(count), String(upstream.count))
    add("program", program.joined(separator: " "), upstream.program.joined(separator: " "))
    for key in Set(flags.keys).union(upstream.flags.keys).sorted() {
      let (ours, theirs) = (flags[key].map(Self.show), upstream.flags[key].map(Self.show))
      // srtctl passes a mapping as Python's str() ({'a': True}); when that is our JSON, the
      // difference is srtctl's, named so by the key.
      let pythonStr = theirs.flatMap(FlagNames.pythonLiteralAsJSON)
      add(pythonStr != nil && pythonStr == ours ? key + " (python str)" : key, ours, theirs)
    }
    for key in Set(env.keys).union(upstream.env.keys).sorted() {
      add("env:" + key, env[key], upstream.env[key])
    }
    add("image", image, upstream.image)
    if let mounts, let theirs = upstream.mounts {
      for key in Set(mounts.keys).union(theirs.keys).sorted() {
        add("mount:" + key, mounts[key], theirs[key])
      }
    }
    return out
  }

  /// How many keys the comparison with `upstream` looks at (processes, program, image, the
  /// flags and env of either side, the mounts when both have them).
  func keyCount(with upstream: RoleLaunch) -> Int {
    let mountKeys = mounts.flatMap { m in upstream.mounts.map { Set(m.keys).union($0.keys) } }
    return 3 + Set(flags.keys).union(upstream.flags.keys).count
      + Set(env.keys).union(upstream.env.keys).count + (mountKeys?.count ?? 0)
  }

  static func show(_ values: [String]) -> String {
    values.isEmpty ? "(bare)" : values.joined(separator: " ")
  }
}

/// Turns argv into flags with canonical names, through the engine's flag catalogs.
struct FlagNames {
  var catalogs: [FlagCatalog]

  /// The catalogs of `engine`, newest first (a flag unknown to the newest is looked up in
  /// older ones, so renamed flags still resolve).
  init(engine: String, store: FlagCatalogStore) {
    guard let e = Engine(rawValue: engine) else {
      catalogs = []
      return
    }
    catalogs = store.catalogs(engine: e).reversed()
  }

  /// The name of a spelling: the catalog's primary name (`--tp` → `--tp-size` only as a
  /// registered alias: both tools write whole names, and a prefix could match a router's
  /// flag to an engine flag); a negation (`--no-X`) is X with value `false`; an unknown
  /// spelling keeps its dashes with `_` read as `-`.
  func canonical(_ spelling: String) -> (name: String, negated: Bool) {
    for c in catalogs {
      if let r = c.resolve(spelling), r.match != .abbreviation {
        return (r.flag.name, r.isNegated)
      }
    }
    let dashes = spelling.prefix { $0 == "-" }
    return (
      dashes + spelling.dropFirst(dashes.count).replacingOccurrences(of: "_", with: "-"), false
    )
  }

  /// Splits argv at the first flag; every flag takes the words up to the next flag.
  func parse(_ argv: [String]) -> (program: [String], flags: [String: [String]]) {
    var i = 0
    var program: [String] = []
    // A wrapper with flags of its own (`numactl -m 0,1 python3 -m dynamo.trtllm`): the program
    // runs to the python module.
    if let p = argv.indices.first(where: {
      $0 + 2 < argv.count && Self.isPython(argv[$0]) && argv[$0 + 1] == "-m"
    }) {
      program = Array(argv[...(p + 2)])
      i = p + 3
    }
    while i < argv.count, !Self.isFlag(argv[i]) || Self.isProgramOption(argv[i], after: program) {
      program.append(argv[i])
      i += 1
      if program.last == "-m" || program.last == "-c", i < argv.count {
        program.append(argv[i])
        i += 1
      }
    }
    var flags: [String: [String]] = [:]
    while i < argv.count {
      var spelling = argv[i]
      var values: [String] = []
      if spelling.hasPrefix("--"), let eq = spelling.firstIndex(of: "=") {
        values.append(String(spelling[spelling.index(after: eq)...]))
        spelling = String(spelling[..<eq])
      }
      i += 1
      while i < argv.count, !Self.isFlag(argv[i]) {
        values.append(argv[i])
        i += 1
      }
      let (name, negated) = canonical(spelling)
      flags[name] = negated ? ["false"] : values.map(Self.normalized)
    }
    return (program, flags)
  }

  /// `-m MODULE` of python and `-c TEXT` of a shell belong to the program, not the engine.
  static func isProgramOption(_ word: String, after program: [String]) -> Bool {
    guard word == "-m" || word == "-c", let last = program.last else { return false }
    let base = last.split(separator: "/").last.map(String.init) ?? last
    return isPython(last) || base == "bash" || base == "sh"
  }

  static func isPython(_ word: String) -> Bool {
    (word.split(separator: "/").last ?? "").hasPrefix("python")
  }

  static func isFlag(_ word: String) -> Bool {
    word.hasPrefix("-") && word.count > 1 && Double(word) == nil
  }

  /// A Python literal mapping or list (`{'a': True, 'b': None}`) as normalised JSON, or nil when
  /// `value` is not one (plain JSON is not: it is read by ``normalized(_:)``).
  static func pythonLiteralAsJSON(_ value: String) -> String? {
    guard value.first == "{" || value.first == "[", value.contains("'") else { return nil }
    var json = ""
    var inString = false
    var word = ""
    func flushWord() {
      switch word {
      case "True": json += "true"
      case "False": json += "false"
      case "None": json += "null"
      default: json += word
      }
      word = ""
    }
    for ch in value {
      if inString {
        if ch == "'" {
          inString = false
          json += "\""
        } else if ch == "\"" {
          json += "\\\""
        } else {
          json.append(ch)
        }
      } else if ch == "'" {
        flushWord()
        inString = true
        json += "\""
      } else if ch.isLetter {
        word.append(ch)
      } else {
        flushWord()
        json.append(ch)
      }
    }
    flushWord()
    guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil else { return nil }
    return normalized(json)
  }

  /// A value as both tools mean it: numbers by value (`4.0` = `4`), JSON by content (key
  /// order and spacing aside), Python's `True`/`False` as `true`/`false`.
  static func normalized(_ value: String) -> String {
    if let d = Double(value), d.isFinite {
      return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
    if value == "True" || value == "False" { return value.lowercased() }
    if value.first == "{" || value.first == "[",
      let object = try? JSONSerialization.jsonObject(with: Data(value.utf8)),
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
    {
      return String(decoding: data, as: UTF8.self)
    }
    return value
  }
}
