internal import Engines
public import Schema

/// Proves that a conversion kept the meaning of a recipe: the source (as v2) and the target
/// (re-imported to v2) must give the same engine, model, topology and engine invocations
/// (flags and environment per role, `EngineInvocation.buildAll`).
public enum ConversionVerifier {
  /// Re-imports `documents` (written in `format`) and compares them with `source`.
  ///
  /// - Parameters:
  ///   - sourceDocument: the v2 document of the source, to locate differences (optional).
  ///   - file: the name used in diagnostics.
  /// - Returns: one `verify-mismatch` error per difference (empty when the meaning is kept),
  ///   or the re-import's errors when the target cannot be read back.
  public static func verify(
    source: RecipeV2, sourceDocument: YAMLNode? = nil, target documents: [YAMLDocument],
    format: RecipeFormat, file: String
  ) -> [Diagnostic] {
    let reimported: RecipeV2?
    var diagnostics: [Diagnostic] = []
    if format == .v2 {
      guard let doc = documents.first else { return [] }
      let (r, d) = RecipeV2.decode(doc, file: file)
      reimported = r
      diagnostics = d.filter { $0.severity == .error }
    } else if let c = Converters.converter(for: format) {
      let conv = c.toV2(documents, file: file)
      reimported = conv.value
      diagnostics = conv.diagnostics.filter { $0.severity == .error }
    } else {
      return [
        Diagnostic(
          .error, code: "verify-unreadable", "cannot read '\(format.rawValue)' back to verify",
          path: .root)
      ]
    }
    guard let target = reimported else {
      return diagnostics + [
        Diagnostic(
          .error, code: "verify-unreadable", "the converted recipe does not read back", path: .root)
      ]
    }
    return compare(source, target, sourceDocument: sourceDocument, file: file)
  }

  /// The differences in meaning between two v2 recipes.
  public static func compare(
    _ a: RecipeV2, _ b: RecipeV2, sourceDocument: YAMLNode? = nil, file: String
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    func report(_ path: KeyPath, _ message: String, candidates: [KeyPath] = []) {
      var loc: SourceLocation?
      for c in [path] + candidates {
        if let n = sourceDocument?.value(at: c), n.start.isKnown {
          loc = SourceLocation(file: file, mark: n.start)
          break
        }
      }
      out.append(
        Diagnostic(
          .error, code: "verify-mismatch", message, at: loc, path: path,
          hint:
            "the converted recipe would launch differently; this is a converter bug, please report it"
        ))
    }
    if a.engine.name != b.engine.name {
      report("engine.name", "engine changed from '\(a.engine.name)' to '\(b.engine.name)'")
    }
    if a.model.path != b.model.path {
      report("model.path", "model changed from '\(a.model.path)' to '\(b.model.path)'")
    }
    if a.topology != b.topology {
      report("topology", "topology changed from \(describe(a.topology)) to \(describe(b.topology))")
    }
    let ia = EngineInvocation.buildAll(a)
    let ib = EngineInvocation.buildAll(b)
    for role in Set(ia.map(\.role) + ib.map(\.role)).sorted() {
      let x = ia.first { $0.role == role }
      let y = ib.first { $0.role == role }
      let fx = groups(x?.flags ?? [])
      let fy = groups(y?.flags ?? [])
      for (flag, value) in fx where !fy.contains(where: { $0.0 == flag && $0.1 == value }) {
        let now = fy.first { $0.0 == flag }
        let bare = String(flag.drop { $0 == "-" })
        let msg =
          now.map { "role '\(role)': \(flag) changed from '\(value)' to '\($0.1)'" }
          ?? "role '\(role)': \(flag)\(value.isEmpty ? "" : " \(value)") is missing after conversion"
        report(
          "roles" / role / "args" / bare, msg,
          candidates: ["args" / bare] + servingPaths(bare, role: role, engine: a.engine.name))
      }
      for (flag, value) in fy where !fx.contains(where: { $0.0 == flag }) {
        let bare = String(flag.drop { $0 == "-" })
        report(
          "roles" / role / "args" / bare,
          "role '\(role)': \(flag)\(value.isEmpty ? "" : " \(value)") appears after conversion")
      }
      let ex = x?.env ?? []
      let ey = y?.env ?? []
      for e in ex where !ey.contains(e) {
        let now = ey.first { $0.name == e.name }
        report(
          "roles" / role / "env" / e.name,
          now.map { "role '\(role)': \(e.name) changed from '\(e.value)' to '\($0.value)'" }
            ?? "role '\(role)': environment variable \(e.name) is missing after conversion",
          candidates: ["env" / e.name])
      }
      for e in ey where !ex.contains(where: { $0.name == e.name }) {
        report(
          "roles" / role / "env" / e.name,
          "role '\(role)': environment variable \(e.name) appears after conversion")
      }
    }
    return out
  }

  private static func servingPaths(_ flag: String, role: String, engine: EngineName) -> [KeyPath] {
    guard let f = NamedField.field(forFlag: flag, engine: engine) else { return [] }
    return ["roles" / role / "serving" / f.key, "serving" / f.key]
  }

  /// Flags with their values: `--a 1 --b --c x y` → [(--a, 1), (--b, ""), (--c, x y)].
  static func groups(_ argv: [String]) -> [(String, String)] {
    var out: [(String, String)] = []
    for w in argv {
      if w.hasPrefix("-") && Double(w) == nil {
        out.append((w, ""))
      } else if !out.isEmpty {
        out[out.count - 1].1 += out[out.count - 1].1.isEmpty ? w : " " + w
      } else {
        out.append(("", w))
      }
    }
    return out
  }

  private static func describe(_ t: RecipeV2.Topology) -> String {
    t.roleNames.map { r in
      let p = t.roles[r]!
      return "\(r.rawValue) \(p.nodes) nodes × \(p.workers) workers"
        + (p.gpusPerWorker.map { " × \($0) GPUs" } ?? "")
    }.joined(separator: ", ")
  }
}
