internal import Engines
import Schema

/// What v2 wants on the command line of the engine a spark recipe starts.
extension SparkTemplateConverter {
  /// One thing v2 wants on the command line.
  struct Wanted {
    var slot: SparkTemplateSlot
    var spelling: String
    var value: RecipeV2.ArgValue
    var words: [String]
    var used = false
  }

  /// The flags v2 wants on the engine's command line: named serving fields (in the source's
  /// spellings), args, host, port, served name and model.
  func wantedOnCommandLine(
    _ recipe: RecipeV2, launcher: RecipeV2.Launcher, common: CommonSettings,
    catalog: FlagCatalog?, losses: inout ForeignLosses
  ) -> [Wanted] {
    let engine = recipe.engine.name
    var wanted: [Wanted] = []
    func want(
      _ slot: SparkTemplateSlot, _ spelling: String, _ value: RecipeV2.ArgValue, _ words: [String]
    ) {
      wanted.append(Wanted(slot: slot, spelling: spelling, value: value, words: words))
    }
    let spellings = recipe.provenance?.roundtrip?.flagSpellings ?? []
    for field in NamedField.allCases {
      guard let v = common.serving.value(field) else { continue }
      let m = NamedFieldFlags.flags(for: field, engine: engine)
      switch m.form {
      case .value:
        let given = spellings.first { $0.field == field }.map {
          $0.flag.hasPrefix("-") ? $0.flag : "--" + $0.flag
        }
        want(.field(field), given ?? m.canonical ?? "", v, ForeignValues.words(v))
      case .switchWhenGreaterThanOne:
        let size = common.serving.expertParallelSize ?? 1
        let tpdp = (common.serving.tensorParallelSize ?? 1) * (common.serving.dataParallelSize ?? 1)
        if size > 1 {
          want(
            .arg(NamedFieldFlags.normalize(m.canonical ?? "")), m.canonical ?? "", .bool(true), [])
          if size != tpdp {
            losses.add(
              KeyPath("serving") / field.key, String(size),
              "\(engine) derives the expert parallel size as TP × DP (\(tpdp))")
          }
        }
      case .unsupported:
        losses.add(
          KeyPath("serving") / field.key, text(v), "\(engine) has no flag for \(field.key)")
      }
    }
    for arg in common.args {
      let argv = EngineInvocation.argv(arg, catalog: catalog)
      guard let spelling = argv.first else { continue }
      let slot = SparkTemplateSlot.arg(NamedFieldFlags.normalize(arg.flag))
      want(slot, spelling, arg.value, Array(argv.dropFirst()))
    }
    if let h = launcher.host { want(.host, "--host", .string(h), [h]) }
    if let p = launcher.port { want(.port, "--port", .int(p), [String(p)]) }
    if let s = recipe.model.servedName { want(.servedName, "--served-model-name", .string(s), [s]) }
    want(.model, "--model", .string(recipe.model.path), [recipe.model.path])
    return wanted
  }
}
