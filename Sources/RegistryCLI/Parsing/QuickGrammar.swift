import ArgumentParser

/// The options, flags and positional arguments of a command, each bound to the field of its
/// plain-value request it sets: what ``QuickParse`` reads a command line with.
///
/// A grammar states the same facts as the command's property wrappers (names, kind, whether an
/// option repeats; the request type has their defaults); `QuickParseTests` checks it against
/// argument-parser's own dump of the command and compares the requests both parsers make, so
/// the two cannot drift apart unnoticed.
struct QuickGrammar<Request> {
  /// The request with every field at its default.
  let initial: () -> Request
  /// Options, flags and positional arguments (option groups flattened), in declaration order.
  let members: [QuickMember<Request>]

  init(_ initial: @escaping () -> Request, _ members: [QuickMember<Request>]) {
    self.initial = initial
    self.members = members.flatMap { m in
      if case .group(let inner) = m.kind { return inner }
      return [m]
    }
  }

  /// The options and flags.
  var named: [QuickMember<Request>] { members.filter { !$0.names.isEmpty } }
  /// The positional arguments, in order.
  var positionals: [QuickMember<Request>] { members.filter(\.names.isEmpty) }
}

/// One option, flag, positional argument or option group of a ``QuickGrammar``.
struct QuickMember<Request> {
  enum Kind {
    case flag
    /// An option taking one value; given twice it is left to argument-parser.
    case option
    /// An option that may be given any number of times, each value appended.
    case repeated
    /// A positional argument; `required` when the command cannot run without it.
    case positional(required: Bool)
    /// An option group's members, bound through the group's field.
    case group([QuickMember<Request>])
  }

  /// `--name` / `-n`; empty for a positional argument or a group.
  let names: [String]
  let kind: Kind
  /// Sets the field from one value (for a flag, from ""); false when the value does not read
  /// (then argument-parser reads the command line and reports it).
  let apply: (inout Request, String) -> Bool

  static func flag(_ names: String..., to path: WritableKeyPath<Request, Bool>) -> Self {
    Self(names: names, kind: .flag) { request, _ in
      request[keyPath: path] = true
      return true
    }
  }

  static func option<T: ExpressibleByArgument>(
    _ names: String..., to path: WritableKeyPath<Request, T>
  ) -> Self {
    Self(names: names, kind: .option) { request, word in
      guard let value = T(argument: word) else { return false }
      request[keyPath: path] = value
      return true
    }
  }

  static func option<T: ExpressibleByArgument>(
    _ names: String..., to path: WritableKeyPath<Request, T?>
  ) -> Self {
    Self(names: names, kind: .option) { request, word in
      guard let value = T(argument: word) else { return false }
      request[keyPath: path] = value
      return true
    }
  }

  static func repeated<T: ExpressibleByArgument>(
    _ names: String..., to path: WritableKeyPath<Request, [T]>
  ) -> Self {
    Self(names: names, kind: .repeated) { request, word in
      guard let value = T(argument: word) else { return false }
      request[keyPath: path].append(value)
      return true
    }
  }

  static func positional(_ path: WritableKeyPath<Request, String>) -> Self {
    Self(names: [], kind: .positional(required: true)) { request, word in
      request[keyPath: path] = word
      return true
    }
  }

  static func positional(_ path: WritableKeyPath<Request, String?>) -> Self {
    Self(names: [], kind: .positional(required: false)) { request, word in
      request[keyPath: path] = word
      return true
    }
  }

  /// The option group whose values live at `path`, read with `grammar`.
  static func group<Group>(_ path: WritableKeyPath<Request, Group>, _ grammar: QuickGrammar<Group>)
    -> Self
  {
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
      return QuickMember(names: m.names, kind: kind) { request, word in
        m.apply(&request[keyPath: path], word)
      }
    }
    return Self(names: [], kind: .group(inner)) { _, _ in false }
  }
}
