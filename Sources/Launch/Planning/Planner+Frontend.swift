internal import Engines
internal import Schema

extension Planner {
  // MARK: - Which front end

  /// srt-slurm's `frontend.type` for a recipe from srt-slurm (one with a `launcher.srt_slurm`
  /// block): the recipe's, or `dynamo`, srt-slurm's default (docs/config-reference.md); nil
  /// for other recipes.
  func srtFrontendType(_ final: RecipeV2) -> String? {
    guard let srt = final.launcher?.tools[.srtSlurm] else { return nil }
    return srt["frontend"]?["type"]?.scalar ?? "dynamo"
  }

  /// Whether the workers run as Dynamo workers behind a Dynamo frontend: the recipe uses
  /// Dynamo (a `dynamo` launcher block, or srt-slurm's `frontend.type: dynamo`, the default),
  /// or it is disaggregated on an engine with no router of its own (with a warning).
  ///
  /// srt-slurm's other front ends start the engine's own servers: `sglang` (SGLang workers
  /// behind `sglang_router`), `vllm` (one aggregated `vllm serve` on the public port) and
  /// `trtllm_serve` (aggregated `trtllm-serve` on the public port).
  func runsDynamo(_ final: RecipeV2, warnings: inout [String]) -> Bool {
    let engine = final.engineName
    let disaggregated = final.topologyMode == .disaggregated
    let type = srtFrontendType(final)
    switch type {
    case "sglang" where engine != .sglang, "vllm" where engine != .vllm,
      "trtllm_serve" where engine != .trtllm:
      warnings.append(
        "frontend.type \(type!) cannot front \(engine.rawValue) workers (srtctl refuses it); the plan starts them as Dynamo workers behind a Dynamo frontend"
      )
      return true
    case "vllm" where disaggregated, "trtllm_serve" where disaggregated:
      warnings.append(
        "frontend.type \(type!) with disaggregated workers is not planned (\(type == "vllm" ? "srtctl supports aggregated vLLM only" : "trtllm-serve disaggregated needs its ser.yaml")); the plan starts them as Dynamo workers behind a Dynamo frontend"
      )
      return true
    case "sglang", "vllm", "trtllm_serve":
      return false
    case "dynamo", nil:
      break
    default:
      warnings.append(
        "frontend.type \(type!) is not one srt-slurm knows (dynamo, sglang, vllm, trtllm_serve); planned as dynamo"
      )
      return true
    }
    let dynamo = final.launcher?.tools[.dynamo] != nil || type == "dynamo"
    if disaggregated, !dynamo, engine != .sglang {
      warnings.append(
        "\(engine.rawValue) has no router of its own: the disaggregated workers run as Dynamo workers behind a Dynamo frontend (engine-default rule)"
      )
      return true
    }
    if dynamo, let install = dynamoInstall(final) { warnings.append(install) }
    return dynamo
  }

  /// A warning for srt-slurm's `dynamo.install` (default true, version 0.8.0): srtctl
  /// pip-installs Dynamo in each container before starting it; the plan uses the image as is.
  func dynamoInstall(_ final: RecipeV2) -> String? {
    guard let srt = final.launcher?.tools[.srtSlurm] else { return nil }
    let block = srt["dynamo"]
    if block?["install"]?.scalar == "false" { return nil }
    let what =
      block?["wheel"]?.scalar.map { "the ai-dynamo wheel \($0)" }
      ?? block?["hash"]?.scalar.map { "Dynamo from source at \($0)" }
      ?? (block?["top_of_tree"]?.scalar == "true" ? "Dynamo from source (top of tree)" : nil)
      ?? "ai-dynamo==\(block?["version"]?.scalar ?? "0.8.0")"
    return
      "dynamo.install: srtctl installs \(what) in each container before starting it; the plan does not, so the image must already have it"
  }

  /// The front end's own args: srt-slurm's `frontend.args` mapping (`key: value` → `--key
  /// value`, `key: true` → `--key`, as srtctl's `get_frontend_args_list`), or the Dynamo
  /// launcher block's `frontend_args` list.
  func frontendArgs(_ final: RecipeV2) -> [String] {
    if let pairs = final.launcher?.tools[.srtSlurm]?["frontend"]?["args"]?.mapping {
      var out: [String] = []
      for pair in pairs {
        guard let key = pair.key.scalar, let value = pair.value.scalar, !pair.value.isNull else {
          continue
        }
        if value == "true" {
          out.append("--" + key)
        } else if value != "false" {
          out += ["--" + key, value]
        }
      }
      return out
    }
    if let items = final.launcher?.tools[.dynamo]?["frontend_args"]?.sequence {
      return items.compactMap(\.scalar)
    }
    return []
  }

  // MARK: - Readiness of each worker

  /// The ports Dynamo workers serve their health on (`DYN_SYSTEM_PORT`): from 7500 up, as
  /// srtctl assigns them, skipping ports the plan uses otherwise.
  struct SystemPorts {
    var reserved: Set<Int>
    var next = 7500

    mutating func take() -> Int {
      while reserved.contains(next) { next += 1 }
      reserved.insert(next)
      return next
    }
  }

  /// How to tell a worker is ready. An engine server answers on its own port (`/health`;
  /// `/v1/models` for `trtllm-serve`). A Dynamo worker serves no client port: it gets
  /// `DYN_SYSTEM_PORT` (unless the recipe sets it), where Dynamo's runtime answers `/health`
  /// once the model is loaded and the worker registered (srtctl's per-worker check).
  func workerReadiness(
    engine: EngineName, dynamo: Bool, env: inout [EnvVar], provenance: inout [Provenance],
    systemPort: inout SystemPorts
  ) -> ReadinessCheck {
    guard dynamo else { return ReadinessCheck(path: EngineProgram.readinessPath(engine: engine)) }
    if let set = env.first(where: { $0.name == "DYN_SYSTEM_PORT" }), let port = Int(set.value) {
      return ReadinessCheck(path: "/health", port: port)
    }
    let port = systemPort.take()
    env.append(EnvVar("DYN_SYSTEM_PORT", String(port)))
    provenance.append(
      Provenance("env:DYN_SYSTEM_PORT", ValueOrigin(.engineDefault, "dynamo-system-port")))
    return ReadinessCheck(path: "/health", port: port)
  }
}
