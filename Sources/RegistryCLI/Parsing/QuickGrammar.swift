import ArgumentParser

/// The options, flags and positional arguments of a command, each bound to the field it sets:
/// what ``QuickParse`` reads a plain command line with, without argument-parser's reflection.
///
/// A grammar states the same facts as the command's property wrappers (names, kind, whether an
/// option repeats, defaults); `QuickParseTests` checks it against argument-parser's own dump of
/// the command and compares parses, so the two cannot drift apart unnoticed.
struct QuickGrammar<Command> {
  /// The command with every field at its default (what argument-parser decodes from an empty
  /// command line), option groups included (each from its own grammar's `initial()`): every
  /// field must be set by assignment, as a property wrapper not set cannot be read (a key path
  /// write reads it first).
  let initial: () -> Command
  let members: [QuickMember<Command>]

  init(_ initial: @escaping () -> Command, _ members: [QuickMember<Command>]) {
    self.initial = initial
    self.members = members.flatMap { m in
      if case .group(let inner, _) = m.kind { return inner }
      return [m]
    }
    self.groups = members.compactMap { m in
      if case .group(_, let validate) = m.kind { return validate }
      return nil
    }
  }

  /// Each option group's `validate()`.
  let groups: [(Command) throws -> Void]

  /// The options and flags, in the order declared (groups flattened).
  var named: [QuickMember<Command>] { members.filter { !$0.names.isEmpty } }
  /// The positional arguments, in order.
  var positionals: [QuickMember<Command>] { members.filter(\.names.isEmpty) }
}

/// One option, flag, positional argument or option group of a ``QuickGrammar``.
struct QuickMember<Command> {
  enum Kind {
    case flag
    /// An option taking one value; given twice it is left to argument-parser.
    case option
    /// An option that may be given any number of times, each value appended.
    case repeated
    /// A positional argument; `required` when the command cannot run without it.
    case positional(required: Bool)
    /// An option group: its members (bound through the group's field) and its `validate()`.
    case group([QuickMember<Command>], (Command) throws -> Void)
  }

  /// `--name` / `-n`; empty for a positional argument or a group.
  let names: [String]
  let kind: Kind
  /// Sets the field from one value (for a flag, from ""); false when the value does not read
  /// (then argument-parser reads the command line and reports it).
  let apply: (inout Command, String) -> Bool

  static func flag(_ names: String..., to path: WritableKeyPath<Command, Bool>) -> Self {
    Self(names: names, kind: .flag) { command, _ in
      command[keyPath: path] = true
      return true
    }
  }

  static func option<T: ExpressibleByArgument>(
    _ names: String..., to path: WritableKeyPath<Command, T>
  ) -> Self {
    Self(names: names, kind: .option) { command, word in
      guard let value = T(argument: word) else { return false }
      command[keyPath: path] = value
      return true
    }
  }

  static func option<T: ExpressibleByArgument>(
    _ names: String..., to path: WritableKeyPath<Command, T?>
  ) -> Self {
    Self(names: names, kind: .option) { command, word in
      guard let value = T(argument: word) else { return false }
      command[keyPath: path] = value
      return true
    }
  }

  static func repeated<T: ExpressibleByArgument>(
    _ names: String..., to path: WritableKeyPath<Command, [T]>
  ) -> Self {
    Self(names: names, kind: .repeated) { command, word in
      guard let value = T(argument: word) else { return false }
      command[keyPath: path].append(value)
      return true
    }
  }

  static func positional(_ path: WritableKeyPath<Command, String>) -> Self {
    Self(names: [], kind: .positional(required: true)) { command, word in
      command[keyPath: path] = word
      return true
    }
  }

  static func positional(_ path: WritableKeyPath<Command, String?>) -> Self {
    Self(names: [], kind: .positional(required: false)) { command, word in
      command[keyPath: path] = word
      return true
    }
  }

  /// The option group at `path`, read with `grammar`.
  static func group<Group: ParsableArguments>(
    _ path: WritableKeyPath<Command, Group>, _ grammar: QuickGrammar<Group>
  ) -> Self {
    // The group's members are already flattened: no group among them.
    let inner = grammar.members.map { m in
      let kind: Kind
      switch m.kind {
      case .flag: kind = .flag
      case .option: kind = .option
      case .repeated: kind = .repeated
      case .positional(let required): kind = .positional(required: required)
      case .group: preconditionFailure("groups are flattened")
      }
      return QuickMember(names: m.names, kind: kind) { command, word in
        m.apply(&command[keyPath: path], word)
      }
    }
    return Self(
      names: [],
      kind: .group(
        inner,
        { command in
          var group = command[keyPath: path]
          try group.validate()
          for validate in grammar.groups { try validate(group) }
        })
    ) { _, _ in false }
  }
}
