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
      if case .group = m.kind { return m.members }
      return [m]
    }
  }

  /// The options and flags.
  var named: [QuickMember<Request>] { members.filter { !$0.names.isEmpty } }
  /// The positional arguments, in order.
  var positionals: [QuickMember<Request>] { members.filter(\.names.isEmpty) }
}
