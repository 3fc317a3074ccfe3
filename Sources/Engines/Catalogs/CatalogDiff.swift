import Schema

/// What changed in an engine's flags between two catalogued versions: flags added, removed,
/// renamed (the old spelling lives on as an alias of another flag, or the rename table says
/// so) and flags whose default changed.
///
/// Built by ``FlagCatalogStore/diff(engine:from:to:)``; `registry engines diff` prints it.
public struct CatalogDiff: Sendable, Hashable {
  /// A flag that took another name.
  public struct Rename: Sendable, Hashable {
    /// The spelling of the `from` catalog.
    public let old: String
    /// The flag of the `to` catalog that replaces it; nil when the rename table drops it.
    public let new: String?
    /// How it is known: `alias` (the old spelling is an alias of `new` in the `to` catalog)
    /// or the rename table's note.
    public let how: String
  }

  /// A flag present in both catalogs whose default differs.
  public struct DefaultChange: Sendable, Hashable {
    /// The flag's primary spelling in the `to` catalog.
    public let flag: String
    /// The default in the `from` catalog (Python repr, as catalogued).
    public let old: String
    /// The default in the `to` catalog.
    public let new: String
  }

  /// The engine.
  public let engine: Engine
  /// The catalog compared from.
  public let from: FlagCatalog
  /// The catalog compared to.
  public let to: FlagCatalog
  /// Primary spellings of the `to` catalog's flags that no spelling of the `from` catalog names.
  public let added: [String]
  /// Primary spellings of the `from` catalog's flags of which no spelling is in the `to`
  /// catalog and that no rename accounts for.
  public let removed: [String]
  /// Flags that took another name.
  public let renamed: [Rename]
  /// Flags whose default changed.
  public let changedDefaults: [DefaultChange]

  /// Compares two catalogs of `engine`; `renames` are the rename-table rows that apply
  /// between them (see ``FlagCatalogStore/renames(engine:from:to:)``).
  public init(engine: Engine, from: FlagCatalog, to: FlagCatalog, renames: [FlagRename]) {
    self.engine = engine
    self.from = from
    self.to = to
    var removed: [String] = []
    var renamed: [Rename] = []
    var changed: [DefaultChange] = []
    var matched = Set<String>()
    for old in from.flags {
      if let now = old.spellings.lazy.compactMap({ to.flag(exactly: $0) }).first {
        matched.insert(now.name)
        if now.name != old.name, !old.aliases.contains(now.name) {
          renamed.append(Rename(old: old.name, new: now.name, how: "alias"))
        }
        if now.defaultValue != old.defaultValue {
          changed.append(
            DefaultChange(flag: now.name, old: old.defaultValue, new: now.defaultValue))
        }
        continue
      }
      let key = NamedFieldFlags.normalize(old.name)
      if let row = renames.last(where: { NamedFieldFlags.normalize($0.old) == key }) {
        renamed.append(Rename(old: old.name, new: row.new, how: row.note))
        if let new = row.new, let flag = to.resolve(new)?.flag { matched.insert(flag.name) }
      } else {
        removed.append(old.name)
      }
    }
    self.added = to.flags.map(\.name).filter { name in
      !matched.contains(name)
        && !(to.flag(exactly: name)?.spellings.contains(where: from.hasSpelling) ?? false)
    }
    self.removed = removed
    self.renamed = renamed
    self.changedDefaults = changed
  }

  /// True when the two catalogs have the same flags, names and defaults.
  public var isEmpty: Bool {
    added.isEmpty && removed.isEmpty && renamed.isEmpty && changedDefaults.isEmpty
  }
}
