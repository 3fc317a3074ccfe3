import Migrate
public import Registry
import Schema

/// Makes ``ResultRecord``s: a ``Measurement`` read from a file, the recipe it measured as read
/// from the registry, and the ``RunFacts`` of the run.
///
/// Precedence, per fact: an explicit run fact, then the result file, then the recipe (its
/// summary for engine and GPUs, its benchmark block for ISL/OSL), then the result file's name
/// (`results_concurrency_C...`) for the concurrency.
public enum RecordBuilder {
  /// The record of `measurement`.
  public static func record(
    _ measurement: Measurement, recipe: RecipeLookup, facts: RunFacts, file: String,
    now: String
  ) -> ResultRecord {
    let s = recipe.read.summary
    let bench = recipe.read.v2?.benchmark ?? recipe.read.importedV2().recipe?.benchmark
    let engine = ResultRecord.EngineRun(
      name: s.engine, version: facts.engineVersion ?? s.engineVersion,
      image: facts.image ?? s.image,
      imageDigest: facts.imageDigest ?? digest(of: facts.image ?? s.image))
    var hardware = ResultRecord.Hardware(
      gpuType: s.gpuType, gpus: facts.gpus ?? measurement.gpus ?? s.totalGPUs, nodes: s.nodes,
      topology: s.topology?.rawValue, prefillGPUs: measurement.prefillGPUs,
      decodeGPUs: measurement.decodeGPUs)
    if hardware.gpus == nil { hardware.gpus = s.gpusPerNode.map { $0 * (s.nodes ?? 1) } }
    var workload = measurement.workload
    let name = file.split(separator: "/").last.map(String.init) ?? file
    workload.concurrency =
      facts.concurrency ?? workload.concurrency ?? SABenchImporter.concurrency(fileName: name)
    workload.isl = facts.isl ?? workload.isl ?? bench?.isl
    workload.osl = facts.osl ?? workload.osl ?? bench?.osl
    var figures = measurement.figures
    figures.dividePerGPU(by: hardware.gpus)
    let run = ResultRecord.RunInfo(
      by: facts.by, at: facts.at ?? measurement.at ?? now, cluster: facts.cluster,
      tool: measurement.format.rawValue, toolVersion: measurement.toolVersion,
      citation: facts.citation)
    return ResultRecord(
      recipe: ResultRecord.RecipeRef(
        name: recipe.name, blob: recipe.blobID.hex, commit: recipe.commit.hex),
      engine: engine, hardware: hardware, workload: workload, figures: figures, run: run,
      source: ResultRecord.Source(
        file: name, format: measurement.format.rawValue, line: measurement.line))
  }

  /// The digest of an image reference written `name@sha256:...`.
  static func digest(of image: String?) -> String? {
    guard let image, let at = image.lastIndex(of: "@") else { return nil }
    let d = image[image.index(after: at)...]
    return d.hasPrefix("sha256:") ? String(d) : nil
  }
}
