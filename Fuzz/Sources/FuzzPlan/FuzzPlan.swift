import Engines
import Launch
import Migrate
import Schema

/// RecipeReader → Planner → every renderer, for inputs that read to a recipe. Planning and
/// rendering may refuse with a typed error; they must not trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let read = RecipeReader.read(bytes, file: "fuzz.yaml")
  let (recipe, imported) = read.importedV2()
  guard let recipe, !(read.diagnostics + imported).hasErrors else { return 0 }
  let planner = Planner(catalogs: catalogs)
  var variants: [String?] = [nil]
  variants += recipe.variants.prefix(2).map { Optional($0.name) }
  for variant in variants {
    for nodes in [NodeSelection.recipe, .solo] {
      let options = PlanOptions(variant: variant, nodes: nodes)
      guard let plan = try? planner.plan(recipe, reference: RecipeReference(name: recipe.name), options: options)
      else { continue }
      _ = try? plan.jsonString()
      for target in LaunchTarget.allCases {
        if let rendered = try? target.renderer.render(plan) { _ = rendered }
      }
    }
  }
  return 0
}

private let catalogs = try? FlagCatalogStore.embedded()
