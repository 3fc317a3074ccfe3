import Foundation
import Launch
import Migrate
import Schema

/// The embedded registry's recipes (`registry/recipes` under the package root), read from the
/// files directly through `RecipeReader`, every format imported into v2.
enum RealRecipes {
  struct Entry {
    var file: String
    var recipe: RecipeV2
  }

  static let all: [Entry] = {
    let base = Tools.packageRoot.appendingPathComponent("registry/recipes").path
    let files = (FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    return files.compactMap { rel in
      guard let data = FileManager.default.contents(atPath: base + "/" + rel) else { return nil }
      let read = RecipeReader.read([UInt8](data), file: "registry/recipes/" + rel)
      guard let v2 = read.importedV2().recipe else { return nil }
      return Entry(file: read.file, recipe: v2)
    }
  }()

  static var fileCount: Int {
    let base = Tools.packageRoot.appendingPathComponent("registry/recipes").path
    return (FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []).filter
    { $0.hasSuffix(".yaml") }.count
  }

  /// One recipe by name.
  static func named(_ name: String) throws -> RecipeV2 {
    guard let e = all.first(where: { $0.recipe.name == name }) else {
      throw ToolError("no embedded recipe named \(name)")
    }
    return e.recipe
  }

  /// `frontend.type: sglang` for an srt-slurm recipe, whose default front end is Dynamo: the
  /// SGLang servers behind `sglang_router`.
  static let sglangFrontend = RecipeOverride(setting: "launcher.srt_slurm.frontend.type=sglang")!

  /// Plans an embedded recipe.
  static func plan(_ name: String, _ options: PlanOptions = PlanOptions()) throws -> LaunchPlan {
    try Planner().plan(try named(name), reference: RecipeReference(name: name), options: options)
  }
}
