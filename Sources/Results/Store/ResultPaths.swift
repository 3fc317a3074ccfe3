/// Where results live in a registry's tree: beside the recipe folder, keyed by recipe name.
///
/// For `root: recipes` the tree is `results/NAME/`; for `root: registry/recipes`,
/// `registry/results/NAME/`. A record is `results/NAME/cC-islI-oslO-BLOB[-N].json`; the raw
/// file it came from is kept once as `results/NAME/raw/BLOB-FILE` (BLOB: the first 12 hex
/// digits of the raw file's blob id, so adding the same file again changes nothing).
public enum ResultPaths {
  /// The results folder of a registry whose recipes are under `recipeRoot`.
  public static func root(recipeRoot: String) -> String {
    var parts = recipeRoot.split(separator: "/").filter { $0 != "." }
    if !parts.isEmpty { parts.removeLast() }
    return (parts.map(String.init) + ["results"]).joined(separator: "/")
  }

  /// The folder of one recipe's results.
  public static func folder(recipeRoot: String, recipe: String) -> String {
    root(recipeRoot: recipeRoot) + "/" + recipe
  }

  /// The stored raw file.
  static func raw(folder: String, blob: String, file: String) -> String {
    let base = file.split(separator: "/").last.map(String.init) ?? "result.json"
    return folder + "/raw/" + blob.prefix(12) + "-" + base
  }

  /// A record's path: its workload point and the raw file's blob; `index` tells apart the
  /// points of one file that share them.
  static func record(folder: String, record: ResultRecord, rawBlob: String, index: Int) -> String {
    let w = record.workload
    var stem = "c" + (w.concurrency.map(String.init) ?? "x")
    stem += "-isl" + (w.isl.map(String.init) ?? "x") + "-osl" + (w.osl.map(String.init) ?? "x")
    stem += "-" + rawBlob.prefix(12)
    if index > 0 { stem += "-\(index + 1)" }
    return folder + "/" + stem + ".json"
  }
}
