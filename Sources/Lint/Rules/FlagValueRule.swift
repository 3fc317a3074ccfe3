import Engines
import Schema

/// Values the checked engine version would reject: `flag-type` (a switch given a value, a
/// valued flag given none, `--tp-size four`) and `flag-choice` (`--kv-cache-dtype fp9`).
public struct FlagValueRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] { ["flag-type", "flag-choice"] }

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    guard let catalog = context.catalog else { return }
    for site in context.argSites {
      let spelling = site.arg.flag.hasPrefix("-") ? site.arg.flag : "--" + site.arg.flag
      guard let hit = catalog.resolve(spelling) else { continue }
      let flag = hit.flag
      let key = site.arg.flag
      switch (flag.kind, site.arg.value) {
      case (_, .null), (_, .bool(false)), (_, .structured):
        continue
      case (.bool, .bool(true)):
        continue
      case (.bool, let v):
        if case .string(let s) = v, ["true", "false"].contains(s.lowercased()) { continue }
        context.report(
          .error, code: "flag-type",
          "'\(flag.name)' is a switch and takes no value, but is given \(Self.describe(v))",
          at: site.path,
          hint: "write '\(key): true' to set it, or remove it")
      case (.value, .bool(true)):
        if flag.type.contains("?") { continue }
        context.report(
          .error, code: "flag-type", "'\(flag.name)' needs a value (\(flag.type))", at: site.path,
          hint: flag.choices.isEmpty
            ? "write '\(key): <\(flag.type)>'"
            : "write '\(key): \(flag.choices[0])' (one of \(flag.choices.joined(separator: ", ")))")
      case (.value, .list(let items)):
        for item in items { checkScalar(item, flag: flag, site: site, context: context) }
      case (.value, let v):
        checkScalar(v, flag: flag, site: site, context: context)
      }
    }
  }

  private func checkScalar(
    _ v: RecipeV2.ArgValue, flag: FlagSpec, site: LintContext.ArgSite, context: LintContext
  ) {
    guard let text = Self.text(v) else { return }
    let base = flag.type.split(separator: " ").first.map(String.init) ?? flag.type
    let elementType = base.hasPrefix("list[") ? String(base.dropFirst(5).dropLast()) : base
    let typeOK: Bool
    switch elementType {
    case "int": typeOK = Int(text) != nil
    case "float": typeOK = Double(text) != nil
    default: typeOK = true
    }
    if !typeOK {
      context.report(
        .error, code: "flag-type",
        "'\(flag.name)' takes \(elementType == "int" ? "an integer" : "a number"), not '\(text)'",
        at: site.path,
        hint: "write '\(site.arg.flag): <\(elementType)>'"
          + (flag.defaultValue.isEmpty || flag.defaultValue == "None"
            ? "" : " (default \(flag.defaultValue))"))
      return
    }
    let choices = flag.choices
    guard !choices.isEmpty, !choices.contains(where: { $0.hasPrefix("<") }), !choices.contains(text)
    else { return }
    if context.catalogMatch?.isStandIn == true, let catalog = context.catalog,
      let newer = context.store.catalogs(engine: context.engine).first(where: {
        $0.version > catalog.version && $0.resolve(flag.name)?.flag.choices.contains(text) == true
      })
    {
      context.report(
        .warning, code: "flag-choice",
        "'\(text)' is not a choice of '\(flag.name)' in the \(catalog.version.normalized) catalog used for \(context.engine) \(context.version?.normalized ?? "?"); \(context.engine) added it in \(newer.version.normalized)",
        at: site.path,
        hint: "check that this version accepts it, or pin \(newer.version.normalized)")
      return
    }
    let near = DidYouMean.closest(to: text, in: choices)
    if context.catalogMatch?.isStandIn == true {
      // Without a catalog of this exact version the choice may exist in a release in between.
      context.report(
        .warning, code: "flag-choice",
        "'\(text)' is not a choice of '\(flag.name)' in the \(context.catalog?.version.normalized ?? "?") catalog standing in for \(context.engine) \(context.version?.normalized ?? "?")",
        at: site.path,
        hint: (near.map { "did you mean '\($0)'? " } ?? "")
          + "check that this version accepts it; choices there: \(choices.joined(separator: ", "))")
      return
    }
    context.report(
      .error, code: "flag-choice", "'\(text)' is not a choice of '\(flag.name)'", at: site.path,
      hint: (near.map { "did you mean '\($0)'? " } ?? "")
        + "choices: \(choices.joined(separator: ", "))")
  }

  /// The scalar text of a value, nil for collections.
  static func text(_ v: RecipeV2.ArgValue) -> String? {
    switch v {
    case .string(let s): return s
    case .int(let i): return String(i)
    case .float(let d): return String(d)
    case .bool(let b): return String(b)
    case .null, .list, .structured: return nil
    }
  }

  static func describe(_ v: RecipeV2.ArgValue) -> String {
    text(v).map { "'\($0)'" } ?? "a list"
  }
}
