internal import Engines
import Schema

extension Upgrader {
  /// One upgrade being planned: the plan so far and the byte edits that perform its changes.
  struct Draft {
    var plan: Plan
    var edits: [ScalarEdit.ByteEdit] = []
    let read: ReadRecipe
    let source: [UInt8]

    init(read: ReadRecipe, source: [UInt8], target: EngineVersion) {
      self.read = read
      self.source = source
      plan = Plan(from: nil, to: target, changes: [], refusals: [], notes: [], output: nil)
    }

    /// Adds a refusal located at `path` (or the nearest key above it that the source has).
    mutating func refuse(
      _ code: String, _ message: String, _ path: KeyPath = .root, hint: String
    ) {
      plan.refusals.append(
        Diagnostic(.error, code: code, message, at: location(path), path: path, hint: hint))
    }

    /// Adds a change and its edits; an edit that cannot be made in place is a refusal.
    mutating func add(
      _ make: () throws(ScalarEdit.Failure) -> [ScalarEdit.ByteEdit], _ change: UpgradeChange
    ) {
      do {
        edits += try make()
        plan.changes.append(change)
      } catch {
        refuse(
          "upgrade-edit-failed", "cannot edit \(change.path) in place: \(error)", change.path,
          hint: "make this change by hand: \(change)")
      }
    }

    /// Removes the entry of a flag site.
    mutating func drop(_ site: UpgradeSubject.Site, reason: String, root: YAMLNode) {
      let source = source
      add(
        { () throws(ScalarEdit.Failure) in
          [try ScalarEdit.removeEntry(at: site.path, in: source, root: root)]
        },
        UpgradeChange(kind: .drop, path: site.path, old: site.flag, new: nil, reason: reason))
    }

    /// The plan, with the edited source when nothing is refused and the edited recipe still
    /// reads as its format.
    mutating func finished() -> Plan {
      guard plan.refusals.isEmpty else { return plan }
      guard let out = ScalarEdit.apply(edits, to: source) else {
        refuse("upgrade-edit-failed", "the edits overlap", hint: "upgrade in two steps")
        return plan
      }
      let reread = RecipeReader.read(out, file: read.file)
      if !reread.isValid || reread.format != read.format {
        plan.refusals = reread.diagnostics.filter { $0.severity == .error }
        if plan.refusals.isEmpty {
          refuse(
            "upgrade-edit-failed", "the edited recipe no longer reads as \(read.format.rawValue)",
            hint: "upgrade it by hand")
        }
        return plan
      }
      plan.output = out
      return plan
    }

    private func location(_ path: KeyPath) -> SourceLocation? {
      guard let root = read.documents.first?.root else { return nil }
      var comps = path.components
      while !comps.isEmpty {
        if let k = root.keyNode(at: KeyPath(comps)), k.start.isKnown {
          return SourceLocation(file: read.file, mark: k.start)
        }
        comps.removeLast()
      }
      return SourceLocation(file: read.file, mark: root.start)
    }
  }
}
