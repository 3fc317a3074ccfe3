public import Engines
public import Schema

/// A spark / sparkrun `command` template read like a POSIX shell line: the engine program, the
/// served model and the flags, each flag with the `{param}` placeholder its value comes from.
///
/// Placeholders follow Python `str.format` (what `run-recipe.py` and sparkrun apply before the
/// shell sees the line): `{name}` is replaced by the parameter's text, `{{` / `}}` are literal
/// braces. A placeholder that is a whole unquoted word is split like shell words after
/// substitution (`--cuda-graph-bs {cuda_graph_bs}` with `"1 2 4"` gives three values); a quoted
/// one stays one word (`'{speculative_config}'`).
public struct CommandTemplate: Sendable, Hashable {
  /// The programs recognised, and the engine each starts.
  public static let programs = EngineServerCommand.recognizedPrograms

  /// One word of the template: its raw source text, its text after quote removal (placeholders
  /// intact), and the parameter when the word is exactly one `{param}`.
  public struct Word: Sendable, Hashable {
    /// The word as written, quotes included.
    public var raw: String
    /// The word after quote removal, placeholders intact.
    public var text: String
    /// The parameter, when the word is exactly one `{param}`.
    public var parameter: String?
    /// Whether the word was quoted.
    public var wasQuoted: Bool
  }

  /// A value position (the positional model, or a flag's value words) and what it gives.
  public struct Value: Sendable, Hashable {
    /// The template words (empty for a bare flag).
    public var words: [Word]
    /// The substituted, typed value (`true` for a bare flag).
    public var value: RecipeV2.ArgValue
    /// The parameter the value comes from, when it is a single `{param}` word.
    public var parameter: String? { words.count == 1 ? words[0].parameter : nil }
  }

  /// A flag as written: its spelling (`-tp`, `--port`; without any `=value`) and its value.
  public struct Flag: Sendable, Hashable {
    /// The flag's spelling (`-tp`, `--port`), without any `=value`.
    public var spelling: String
    /// The flag word itself (raw), for flags written `--flag=value`.
    public var raw: String
    /// True when written `--flag=value` (one word).
    public var inline: Bool
    /// The flag's value.
    public var value: Value
  }

  /// The program words as written (`python3 -m sglang.launch_server`).
  public var program: [Word]
  /// The engine the program starts.
  public var engine: EngineName
  /// The positional model argument (`vllm serve MODEL`), if any.
  public var model: Value?
  /// The flags, in template order.
  public var flags: [Flag]
  /// Placeholders with no parameter value (kept literally).
  public var unresolved: [String]

  /// Why a command is not read as an engine invocation.
  public struct Opaque: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the command is not read as an engine invocation.
    public var reason: String
    /// The reason.
    public var description: String { reason }
  }

  /// Reads a template.
  ///
  /// - Parameters:
  ///   - command: the template text.
  ///   - parameters: the parameter values (`defaults`, plus `model`).
  ///   - catalog: looked up per engine to tell bare boolean flags from flags with a value.
  /// - Throws: `Opaque` for what is not one engine invocation: unbalanced quotes, shell
  ///   operators (`|`, `&&`, `;`, redirections), substitutions (`$VAR`, backquotes), leading
  ///   environment assignments, or an unknown program.
  public static func parse(
    _ command: String, parameters: [String: YAMLNode],
    catalog: (EngineName) -> FlagCatalog? = { _ in nil }
  ) throws(Opaque) -> CommandTemplate {
    let words = try Self.words(of: command)
    guard let first = words.first else { throw Opaque(reason: "the command is empty") }
    if first.text.contains("="), !first.text.hasPrefix("-") {
      throw Opaque(reason: "environment assignment '\(first.text)' before the program")
    }
    guard
      let prog = programs.first(where: { p in
        words.count >= p.words.count && zip(words, p.words).allSatisfy { $0.text == $1 }
      })
    else {
      throw Opaque(reason: "unknown program '\(first.text)'")
    }
    var t = CommandTemplate(
      program: Array(words.prefix(prog.words.count)), engine: prog.engine, model: nil, flags: [],
      unresolved: [])
    let cat = catalog(prog.engine)
    var i = prog.words.count
    var unresolved: [String] = []
    func value(_ ws: [Word]) -> RecipeV2.ArgValue {
      Self.value(of: ws, parameters: parameters, unresolved: &unresolved)
    }
    while i < words.count {
      let w = words[i]
      if !isFlag(w.text) {
        // A positional word: the model (first one), anything else is kept with a warning by
        // the caller (as a flag with an empty spelling).
        if t.model == nil && t.flags.isEmpty {
          t.model = Value(words: [w], value: value([w]))
        } else {
          t.flags.append(
            Flag(spelling: "", raw: "", inline: false, value: Value(words: [w], value: value([w]))))
        }
        i += 1
        continue
      }
      if let eq = w.text.firstIndex(of: "="), w.text.hasPrefix("--") || w.text.hasPrefix("-") {
        let spelling = String(w.text[..<eq])
        let rest = String(w.text[w.text.index(after: eq)...])
        let placeholder =
          rest.count > 2 && rest.first == "{" && rest.last == "}" && !rest.hasPrefix("{{")
          ? String(rest.dropFirst().dropLast()) : nil
        let vw = Word(raw: rest, text: rest, parameter: placeholder, wasQuoted: w.wasQuoted)
        t.flags.append(
          Flag(
            spelling: spelling, raw: w.raw, inline: true,
            value: Value(words: [vw], value: value([vw]))))
        i += 1
        continue
      }
      var j = i + 1
      let isBool = cat?.resolve(w.text)?.flag.kind == .bool
      if !isBool {
        while j < words.count, !isFlag(words[j].text) { j += 1 }
      }
      let vws = Array(words[(i + 1)..<j])
      t.flags.append(
        Flag(
          spelling: w.text, raw: w.raw, inline: false, value: Value(words: vws, value: value(vws))))
      i = j
    }
    t.unresolved = unresolved
    return t
  }

  /// The words of a command, each with its placeholder when it is exactly one.
  /// - Throws: `Opaque` for unbalanced quotes, shell operators and substitutions.
  static func words(of command: String) throws(Opaque) -> [Word] {
    let shellWords: [ShellWords.Word]
    do { shellWords = try ShellWords.split(command) } catch { throw Opaque(reason: "\(error)") }
    let bytes = Array(command.utf8)
    var words: [Word] = []
    for w in shellWords {
      let raw = String(decoding: bytes[w.range], as: UTF8.self)
      if !w.wasQuoted || raw.first != "'" {
        for op in ["|", "&", ";", "<", ">", "`", "$("] where raw.contains(op) {
          throw Opaque(reason: "shell operator or substitution '\(op)' in '\(raw)'")
        }
        if raw.contains("$") && raw.first != "'" {
          throw Opaque(reason: "shell expansion in '\(raw)'")
        }
      }
      let exact = w.placeholders.count == 1 && w.text == "{\(w.placeholders[0])}"
      words.append(
        Word(
          raw: raw, text: w.text, parameter: exact ? w.placeholders[0] : nil, wasQuoted: w.wasQuoted
        ))
    }
    return words
  }

  /// The value of a flag's words: a single parameter keeps its type, other words are
  /// substituted (placeholders with no parameter are listed in `unresolved`).
  static func value(
    of ws: [Word], parameters: [String: YAMLNode], unresolved: inout [String]
  ) -> RecipeV2.ArgValue {
    var texts: [String] = []
    var typedSingle: RecipeV2.ArgValue?
    for w in ws {
      if let p = w.parameter, let node = parameters[p] {
        let text = Self.text(of: node)
        if ws.count == 1 {
          if w.wasQuoted || !text.contains(" ") {
            typedSingle = ForeignValues.argValue(node: node)
            if case .null = typedSingle! { typedSingle = .string("") }
          }
        }
        if w.wasQuoted {
          texts.append(text)
        } else {
          let split = (try? ShellWords.split(text))?.map(\.text) ?? [text]
          texts += split
        }
      } else {
        texts.append(Self.format(w.text, parameters: parameters, unresolved: &unresolved))
      }
    }
    return typedSingle ?? ForeignValues.argValue(words: texts)
  }

  /// Whether a word is a flag (`-x`, `--x`), not a negative number.
  static func isFlag(_ text: String) -> Bool {
    guard text.hasPrefix("-"), text.count > 1 else { return false }
    let second = text[text.index(after: text.startIndex)]
    return !(second.isNumber || second == ".")
  }

  /// The text a parameter value substitutes (`str(value)` in Python terms).
  public static func text(of node: YAMLNode) -> String {
    switch node.kind {
    case .scalar(let s, _):
      switch node.resolved {
      case .bool(let b)?: return b ? "True" : "False"
      case .null?: return "None"
      default: return s
      }
    default: return node.jsonText
    }
  }

  /// `str.format` on one word: `{name}` from `parameters` (unknown names kept and reported),
  /// `{{` and `}}` as literal braces.
  public static func format(
    _ text: String, parameters: [String: YAMLNode], unresolved: inout [String]
  ) -> String {
    var out = ""
    var chars = Array(text)
    var k = 0
    while k < chars.count {
      let c = chars[k]
      if c == "{", k + 1 < chars.count, chars[k + 1] == "{" {
        out.append("{")
        k += 2
        continue
      }
      if c == "}", k + 1 < chars.count, chars[k + 1] == "}" {
        out.append("}")
        k += 2
        continue
      }
      if c == "{", let close = chars[(k + 1)...].firstIndex(of: "}") {
        let name = String(chars[(k + 1)..<close])
        if let node = parameters[name] {
          out += Self.text(of: node)
        } else {
          unresolved.append(name)
          out += "{\(name)}"
        }
        k = close + 1
        continue
      }
      out.append(c)
      k += 1
    }
    chars.removeAll()
    return out
  }

  /// A literal word written into a template: braces doubled (so `str.format` gives them back)
  /// and shell-quoted where needed.
  public static func literal(_ word: String) -> String {
    var escaped = ""
    for c in word {
      if c == "{" {
        escaped += "{{"
      } else if c == "}" {
        escaped += "}}"
      } else {
        escaped.append(c)
      }
    }
    return ShellQuote.quote(escaped)
  }

  /// Renders a template: the program and model on the first line, then one flag per
  /// continuation line, each line a list of already-rendered words.
  public static func render(head: [String], lines: [[String]]) -> String {
    var out = head.joined(separator: " ")
    for line in lines {
      out += " \\\n    " + line.joined(separator: " ")
    }
    return out + "\n"
  }
}
