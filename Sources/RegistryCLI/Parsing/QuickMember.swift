import ArgumentParser

/// What a ``QuickMember`` is.
enum QuickMemberKind {
  case flag
  /// An option taking one value; given twice it is left to argument-parser.
  case option
  /// An option that may be given any number of times, each value appended.
  case repeated
  /// A positional argument; `required` when the command cannot run without it.
  case positional(required: Bool)
  /// An option group (its members are in ``QuickMember/members``).
  case group
}

/// One option, flag, positional argument or option group of a ``QuickGrammar``.
struct QuickMember<Request> {
  /// `--name` / `-n`; empty for a positional argument or a group.
  let names: [String]
  let kind: QuickMemberKind
  /// A group's members, bound through the group's field; empty for the others.
  var members: [QuickMember<Request>] = []
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
      QuickMember(names: m.names, kind: m.kind) { request, word in
        m.apply(&request[keyPath: path], word)
      }
    }
    return Self(names: [], kind: .group, members: inner) { _, _ in false }
  }
}
