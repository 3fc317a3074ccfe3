import ArgumentParser

/// A command whose plain command lines ``QuickParse`` reads into its ``QuickRequest``.
protocol QuickParsable: ParsableCommand {
  associatedtype Request: QuickRequest
  /// The parsed command line as plain values.
  var request: Request { get }
}

/// A command's arguments as plain values, with the grammar that reads them and the command's
/// `validate()` and `run()`.
protocol QuickRequest: Equatable {
  /// Every option, flag and positional argument, bound to its field.
  static var grammar: QuickGrammar<Self> { get }
  func validate() throws
  func run() throws
}

extension QuickRequest {
  func validate() throws {}
}

/// Reads the command lines of the most-run commands (`search`, `show`, `list`) without
/// argument-parser: its reflection (and building its property wrappers) costs milliseconds per
/// process, more than the rest of `search --limit 20` or `show NAME` on a 100k-recipe registry.
///
/// Only plain command lines: the command name first, then known options (`--name value`,
/// `--name=value`, a flag once, an option once unless it repeats) and positional arguments. For
/// anything else (help, `--`, bundled short flags, an unknown or repeated option, a missing or
/// unreadable value, a value starting with `-`, a failing `validate()`) it returns nil and
/// argument-parser reads the command line, so every error and help text is argument-parser's.
enum QuickParse {
  /// The commands read here (for tests: `request` dispatches on their names).
  static let commands: [any QuickParsable.Type] = [Search.self, Show.self, List.self]

  /// The request `arguments` (without the program name) make, or nil to leave them to
  /// argument-parser.
  ///
  /// A switch on concrete types, not a loop over `commands`: generic code run on an opened
  /// existential looks its conformances up at run time, a scan of every conformance record of
  /// the binary each, which costs more than the parse.
  static func request(_ arguments: [String]) -> (any QuickRequest)? {
    guard let name = arguments.first else { return nil }
    let words = arguments.dropFirst()
    switch name {
    case "search": return parse(Search.Request.self, words)
    case "show": return parse(Show.Request.self, words)
    case "list": return parse(List.Request.self, words)
    default: return nil
    }
  }

  /// `words` read as a `Request`'s arguments, validated; nil when argument-parser should read
  /// them.
  static func parse<Request: QuickRequest>(_: Request.Type, _ words: ArraySlice<String>)
    -> Request?
  {
    let grammar = Request.grammar
    let named = grammar.named
    let positionals = grammar.positionals
    var request = grammar.initial()
    var used = [Bool](repeating: false, count: named.count)
    var nextPositional = 0
    var i = words.startIndex
    while i < words.endIndex {
      let word = words[i]
      i += 1
      guard word.hasPrefix("-") else {
        guard nextPositional < positionals.count,
          positionals[nextPositional].apply(&request, word)
        else { return nil }
        nextPositional += 1
        continue
      }
      var name = Substring(word)
      var inline: Substring?
      if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
        name = word[..<equals]
        inline = word[word.index(after: equals)...]
      }
      guard let m = named.firstIndex(where: { $0.names.contains(where: { $0 == name }) }) else {
        return nil
      }
      let member = named[m]
      let value: String
      switch member.kind {
      case .flag:
        guard inline == nil, !used[m] else { return nil }
        value = ""
      case .option, .repeated:
        if case .option = member.kind, used[m] { return nil }
        if let inline {
          value = String(inline)
        } else {
          guard i < words.endIndex, !words[i].hasPrefix("-") else { return nil }
          value = words[i]
          i += 1
        }
      case .positional, .group:
        return nil
      }
      guard member.apply(&request, value) else { return nil }
      used[m] = true
    }
    // A required positional argument not given: argument-parser says which.
    for p in positionals[nextPositional...] {
      if case .positional(required: true) = p.kind { return nil }
    }
    do {
      try request.validate()
    } catch {
      return nil
    }
    return request
  }
}
