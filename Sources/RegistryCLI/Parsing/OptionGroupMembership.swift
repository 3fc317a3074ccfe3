import ArgumentParser

/// Which option groups a command declares (`@OptionGroup var global: GlobalOptions`), found
/// by reflecting a definition instance of it, as argument-parser itself does, and looking
/// into nested groups (`pull` declares ``RegistryOptions`` inside its `SyncOptions`).
enum OptionGroupMembership {
  /// True when `command` declares `group`, directly or in a nested option group.
  static func declares(_ command: any ParsableArguments.Type, _ group: any ParsableArguments.Type)
    -> Bool
  {
    groups(of: command).contains { $0 == ObjectIdentifier(group) }
  }

  private static func groups(of arguments: any ParsableArguments.Type) -> [ObjectIdentifier] {
    Mirror(reflecting: arguments.init()).children.flatMap { child -> [ObjectIdentifier] in
      guard let declared = child.value as? any DeclaredOptionGroup else { return [] }
      let value = type(of: declared).valueType
      return [ObjectIdentifier(value)] + groups(of: value)
    }
  }
}

/// An `@OptionGroup` property, whatever the type it groups.
private protocol DeclaredOptionGroup {
  static var valueType: any ParsableArguments.Type { get }
}

extension OptionGroup: DeclaredOptionGroup {
  fileprivate static var valueType: any ParsableArguments.Type { Value.self }
}
