internal import Engines
public import Schema

/// Dynamo `DynamoGraphDeployment` (seed 003 `deploy.yaml`) ↔ v2.
///
/// Mapping (import):
/// - the DGD document of a multi-document file is the recipe; every other document
///   (ConfigMaps holding a TRT-LLM YAML config, ComputeDomains, …) is kept verbatim in
///   `launcher.dynamo.documents` with the DGD's position in `launcher.dynamo.dgd_index`.
/// - `metadata.name` → `name`; `spec.backendFramework` (or the `dynamo.<engine>` module) →
///   `engine.name`; worker image → `engine.image`. Dynamo runtime images
///   (`nvcr.io/nvidia/ai-dynamo/*-runtime:1.0.0`) carry the Dynamo release, recorded as
///   `launcher.dynamo.dynamo_version`; `engine.version` is set only from other images' tags.
/// - worker services (`componentType: worker|main`): `subComponentType` (or a service name
///   containing prefill/decode) gives the role when both prefill and decode exist, else the
///   workers are aggregated; `replicas` → `workers`; `resources.limits.gpu` → GPUs per worker
///   (× `multinode.nodeCount`, which also sets `gpus_per_node` and the nodes);
///   `nvidia.com/gpu.product` node selector → `resources.gpu_type`.
/// - the worker command (`command: [python3, -m, dynamo.X]` + `args` list, or a `sh -c` script
///   read with ``ShellWords``): named fields → `serving`, other flags → `args` (common to all
///   roles where equal, else per role), `--model`/`--model-path` → `model.path` (`$VAR`
///   resolved from the env), `--served-model-name` → `model.served_name`; the literal spelling
///   and the script text around the command are kept in `launcher.dynamo.workers.<service>`.
/// - `spec.envs` → common `env`; container `env` → role env (`valueFrom` entries stay in
///   the skeleton).
/// - everything else (Frontend, pvcs, volume mounts, shared memory, affinity, …) stays in
///   `launcher.dynamo.skeleton`, the DGD without the mapped keys; the exporter fills it back.
public struct DynamoConverter: FormatConverter {
  /// The Dynamo converter.
  public init() {}

  /// `.dynamo`.
  public var format: RecipeFormat { .dynamo }

  /// Reads a `deploy.yaml` stream.
  ///
  /// Errors: `missing-document` (no DynamoGraphDeployment), `missing-key` (no worker, or no
  /// model). Warnings: `unparsed-command` (a worker command that is not `python3 -m
  /// dynamo.<engine>`; kept verbatim), `extra-worker` (a second worker of one role; kept
  /// verbatim).
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    let importer = DynamoImporter(file: file)
    let recipe = importer.run(documents)
    return Conversion(
      value: importer.diagnostics.hasErrors ? nil : recipe, diagnostics: importer.diagnostics,
      comments: importer.comments)
  }

  /// Writes a DGD (plus the kept extra documents); what a DGD cannot hold is a loss.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    var exporter = DynamoExporter(recipe: recipe)
    let docs = exporter.run()
    return Conversion(value: docs, losses: exporter.losses)
  }
}
