internal import Engines
import Schema

extension Upgrader {
  // MARK: - Flags

  /// Renames, drops or refuses each flag site, by the catalogs' renames between the two
  /// versions and by what the target version's catalog still has.
  func planFlags(
    _ subject: UpgradeSubject, from: EngineVersion, root: YAMLNode, into draft: inout Draft
  ) {
    let engine = subject.engine
    let target = draft.plan.to
    let renames = store.renames(engine: engine, from: from, to: target)
    let fromMatch = store.catalog(engine: engine, version: from)
    let toMatch = store.catalog(engine: engine, version: target)
    for m in [fromMatch, toMatch] where m.kind != .exact { draft.plan.notes.append(m.note) }
    let toCatalog = toMatch.catalog
    let fromCatalog = fromMatch.catalog

    for site in subject.sites {
      let flag = site.flag
      let spelling = flag.hasPrefix("-") ? flag : "--" + flag
      let off = site.off
      if let rename = renames.last(where: {
        NamedFieldFlags.normalize($0.old) == NamedFieldFlags.normalize(spelling)
      }) {
        planRename(site, rename, engine: engine, root: root, into: &draft)
        continue
      }
      guard let toCatalog, toCatalog.resolve(spelling) == nil, fromCatalog?.resolve(spelling) != nil
      else { continue }
      if off {
        draft.drop(
          site,
          reason: "switched off; \(spelling) is not in the \(toCatalog.version.normalized) catalog",
          root: root)
      } else {
        draft.refuse(
          "upgrade-removed-flag",
          "'\(spelling)' is not a flag of \(engine) \(target.normalized) and has no recorded replacement",
          site.path,
          hint:
            "decide what it did and remove or replace it by hand ('registry engines \(engine) --flag \(flag)')"
        )
      }
    }
  }

  /// Applies one rename to a flag site: a removal drops it (it is switched off or gone), a
  /// replacement renames its key and sets the value the rename says, or is refused when the
  /// new key is already set or the value needs a decision.
  func planRename(
    _ site: UpgradeSubject.Site, _ rename: FlagRename, engine: Engine, root: YAMLNode,
    into draft: inout Draft
  ) {
    let flag = site.flag
    let spelling = flag.hasPrefix("-") ? flag : "--" + flag
    let off = site.off
    let why = "\(engine) \(rename.since.normalized): \(rename.note)"
    guard let new = rename.new, !off else {
      draft.drop(
        site,
        reason: off
          ? "switched off; \(spelling) is gone in \(rename.since.normalized)"
          : "removed in " + why,
        root: root)
      return
    }
    let newKey = flag.hasPrefix("-") ? new : String(new.drop { $0 == "-" })
    if site.siblings.contains(where: {
      NamedFieldFlags.normalize($0) == NamedFieldFlags.normalize(newKey)
    }) {
      draft.refuse(
        "upgrade-conflict", "'\(flag)' becomes '\(newKey)', which the recipe already sets",
        site.path,
        hint: "merge the two by hand (\(rename.note))")
      return
    }
    switch rename.value {
    case .manual:
      draft.refuse(
        "upgrade-needs-decision",
        "'\(flag)' is replaced by '\(new)' in \(engine) \(rename.since.normalized), with a value that needs a decision",
        site.path,
        hint: rename.note)
    case .carry:
      draft.add(
        { () throws(ScalarEdit.Failure) in
          [try ScalarEdit.renameKey(at: site.path, to: newKey, root: root)]
        },
        UpgradeChange(
          kind: .rename, path: site.path, old: flag, new: newKey, reason: "value kept; " + why))
    case .none:
      draft.add(
        { () throws(ScalarEdit.Failure) in
          [
            try ScalarEdit.renameKey(at: site.path, to: newKey, root: root),
            try ScalarEdit.replaceValue(at: site.path, with: "true", root: root),
          ]
        },
        UpgradeChange(
          kind: .rename, path: site.path, old: flag, new: "\(newKey): true", reason: why))
    case .fixed(let value):
      draft.add(
        { () throws(ScalarEdit.Failure) in
          [
            try ScalarEdit.renameKey(at: site.path, to: newKey, root: root),
            try ScalarEdit.replaceValue(at: site.path, with: value, root: root),
          ]
        },
        UpgradeChange(
          kind: .rename, path: site.path, old: flag, new: "\(newKey): \(value)", reason: why))
    }
  }
}
