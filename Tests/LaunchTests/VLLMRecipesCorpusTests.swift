import Engines
import Foundation
import Launch
import Lint
import Migrate
import Schema
import TestSupport
import Testing

/// Every vllm-project/recipes model file of the corpus expands through the `vllm-recipes`
/// importer; each recipe validates, plans for `shell` and `slurm`, and its engine flags and env
/// are what the model file's layers give, computed here from the YAML (not by the importer).
/// vLLM-Omni model files (an `omni` block) included: one recipe per variant × `omni.tasks`
/// entry × hardware, `--omni` added, linted clean against vLLM's and vLLM-Omni's catalogs.
@Suite(.enabled(if: Corpus.skipReason == nil, "corpus not present"))
struct VLLMRecipesCorpusTests {
  static let checkout = Corpus.root + "/vllm-project+recipes"

  /// The model files of the corpus (`models/<org>/<Model>.yaml`).
  static var modelFiles: [String] {
    let models = checkout + "/models"
    let found = FileManager.default.enumerator(atPath: models)?.compactMap { $0 as? String } ?? []
    return found.filter { $0.hasSuffix(".yaml") }.sorted().map { models + "/" + $0 }
  }

  static func parse(_ file: String) throws -> YAMLNode {
    try YAML.parse(Corpus.bytes(file)).root
  }

  // MARK: - The rule, written out independently

  /// Command-line words as flag → value (nil: bare), later words replacing earlier ones;
  /// `--f=v` and `-f=v` split at the first `=`, as argparse does.
  static func flags(_ words: [String], into out: inout [String: String?]) {
    var i = 0
    while i < words.count {
      let w = words[i]
      guard w.hasPrefix("-"), w.count > 1, Double(w) == nil else {
        i += 1
        continue
      }
      if let eq = w.firstIndex(of: "=") {
        out[String(w[..<eq].drop { $0 == "-" })] = String(w[w.index(after: eq)...])
      } else if i + 1 < words.count,
        !(words[i + 1].hasPrefix("-") && words[i + 1].count > 1
          && Double(words[i + 1]) == nil)
      {
        out[String(w.drop { $0 == "-" })] = words[i + 1]
        i += 1
      } else {
        out[String(w.drop { $0 == "-" })] = .some(nil)
      }
      i += 1
    }
  }

  /// Flag values with decimals spelled as `Double` prints them.
  static func numeric(_ flags: [String: String?]) -> [String: String?] {
    flags.mapValues { v in
      guard let v, v.contains("."), let d = Double(v) else { return v }
      return String(d)
    }
  }

  static func seq(_ n: YAMLNode?) -> [String] { (n?.sequence ?? []).compactMap(\.scalar) }

  static func env(_ n: YAMLNode?, into out: inout [String: String]) {
    for p in n?.mapping ?? [] where !p.value.isNull {
      if let k = p.key.scalar, let v = p.value.scalar { out[k] = v }
    }
  }

  /// What a selection's server gets: flags and env, per role (`aggregated`, or `prefill` and
  /// `decode` for a disaggregated strategy).
  static func expected(
    model root: YAMLNode, strategy st: YAMLNode, variant: String, strategyName: String,
    task: YAMLNode?, hardware: String?
  ) -> [String: (flags: [String: String?], env: [String: String])] {
    let v = root["variants"]?[variant]
    let so = root["strategy_overrides"]?[strategyName]
    let optIn = Set(seq(root["opt_in_features"]))
    let onFeatures = (root["features"]?.mapping ?? []).filter {
      !optIn.contains($0.key.scalar ?? "")
    }.map(\.value)
    let hw: [YAMLNode?] =
      hardware.map { h in
        [root, v, so].map { $0?["hardware_overrides"]?[h] }
      } ?? []
    var f: [String: String?] = [:]
    func tp(_ n: YAMLNode?) -> String? {
      guard let n else { return nil }
      return n.scalar ?? hardware.flatMap { n[$0]?.scalar }
    }
    if let flag = st["parallel_flag"]?.scalar, let n = tp(v?["tp"]) ?? tp(so?["tp"]) {
      flags([flag, n], into: &f)
    }
    // The recipes site starts an Omni model with `vllm serve MODEL --omni`.
    if root["omni"] != nil { flags(["--omni"], into: &f) }
    flags(seq(root["model"]?["base_args"]), into: &f)
    flags(seq(v?["extra_args"]), into: &f)
    for feature in onFeatures { flags(seq(feature["args"]), into: &f) }
    flags(seq(st["vllm_args"]), into: &f)
    flags(seq(so?["extra_args"]) + seq(so?["vllm_args"]), into: &f)
    flags(seq(task?["extra_args"]), into: &f)
    for h in hw { flags(seq(h?["extra_args"]), into: &f) }
    var e: [String: String] = [:]
    env(root["model"]?["base_env"], into: &e)
    env(v?["extra_env"], into: &e)
    for feature in onFeatures { env(feature["env"], into: &e) }
    env(st["env"], into: &e)
    env(so?["env"], into: &e)
    env(so?["extra_env"], into: &e)
    for h in hw { env(h?["extra_env"], into: &e) }
    guard st["prefill"] != nil || st["decode"] != nil else { return ["aggregated": (f, e)] }
    var out: [String: (flags: [String: String?], env: [String: String])] = [:]
    for role in ["prefill", "decode"] {
      var rf = f
      var re = e
      flags(seq(st[role]?["vllm_args"]) + seq(so?[role]?["vllm_args"]), into: &rf)
      env(st[role]?["env"], into: &re)
      env(so?[role]?["env"], into: &re)
      out[role] = (rf, re)
    }
    return out
  }

  /// Flags the planner adds or owns: host, port, the model, the multi-node rendezvous, and
  /// Dynamo's program and worker role for a disaggregated vLLM recipe (`-m dynamo.vllm`).
  static let plannerOwned: Set<String> = [
    "port", "host", "served-model-name", "model", "m", "is-prefill-worker", "nnodes",
    "node-rank", "master-addr", "master-port", "headless", "data-parallel-address",
    "data-parallel-rpc-port", "data-parallel-size-local", "data-parallel-start-rank",
    "distributed-executor-backend",
  ]

  // MARK: - Tests

  @Test("the corpus has vllm-project/recipes model files, each detected as vllm-recipes")
  func detected() throws {
    #expect(Self.modelFiles.count >= 20)
    for file in Self.modelFiles {
      let root = try Self.parse(file)
      #expect(RecipeFormat.detect(root).format == .vllmRecipes, "\(file)")
    }
  }

  @Test(
    "every model file expands; every recipe validates, plans for shell and slurm, and has the flags and env of its layers"
  )
  func everyModelFileExpands() throws {
    let strategiesDir = Self.checkout + "/strategies"
    let converter = VLLMRecipesConverter(strategies: strategiesDir)
    var total = 0
    var omni = 0
    let linter = Linter(catalogs: try FlagCatalogStore.embedded())
    for file in Self.modelFiles {
      let root = try Self.parse(file)
      let recipes = converter.expand([YAMLDocument(root: root)], file: file)
      let compatible = Self.seq(root["compatible_strategies"])
      let variants = root["variants"]?.mapping?.count ?? 1
      // vLLM-Omni models: one recipe per entry of omni.tasks too.
      let tasks = root["omni"]?["tasks"]?.sequence ?? []
      if root["omni"] != nil { omni += 1 }
      // No compatible strategy: one plain server per variant.
      #expect(
        recipes.count >= variants * max(1, compatible.count) * max(1, tasks.count), "\(file)")
      for c in recipes {
        let recipe = try #require(c.value, "\(file): \(c.diagnostics)")
        #expect(!c.diagnostics.hasErrors, "\(file): \(c.diagnostics)")
        total += 1
        // Validates: the emitted v2 decodes without errors to the same recipe.
        let text = YAMLEmitter.emit(YAMLDocument(root: recipe.encode()))
        let (decoded, diagnostics) = RecipeV2.decode(try YAML.parse(text), file: recipe.name)
        #expect(!diagnostics.hasErrors, "\(recipe.name): \(diagnostics)\n\(text)")
        #expect(decoded == recipe, "\(recipe.name) round-trips through v2 text")

        let tool = try #require(recipe.launcher?.tools[.vllmRecipes])
        let variant = try #require(tool["variant"]?.scalar)
        let strategy = tool["strategy"]?.scalar
        #expect((strategy == nil) == compatible.isEmpty)
        let hardware = tool["hardware"]?.scalar
        let taskKey = tool["omni_task"]?.scalar
        let task = tasks.first { ($0["key"] ?? $0["id"])?.scalar == taskKey }
        #expect((task == nil) == tasks.isEmpty, "\(recipe.name): task \(taskKey ?? "none")")
        if root["omni"] != nil {
          try Self.checkOmni(recipe, root: root, task: task, linter: linter)
        } else {
          #expect(recipe.engine.plugins.isEmpty, "\(recipe.name)")
        }
        // The floor is kept; the pin is the image's version, else a release at or above it.
        let floor =
          (root["variants"]?[variant]?["min_vllm_version"]
          ?? root["model"]?["min_vllm_version"])?.scalar
        #expect(tool["min_vllm_version"]?.scalar == floor, "\(recipe.name)")
        let tagged = recipe.engine.image.flatMap { ContainerImage($0).engineVersion }
        if let floor, tagged == nil {
          let pinned = try #require(recipe.engine.version.flatMap(EngineVersion.init))
          #expect(pinned >= EngineVersion(floor)!, "\(recipe.name) pins \(pinned), floor \(floor)")
        } else if let tagged {
          #expect(recipe.engine.version.flatMap(EngineVersion.init) == tagged, "\(recipe.name)")
        }
        // An image is a reference, never a command (MiniMax-M3's `docker pull ...`).
        if let image = recipe.engine.image {
          #expect(ImageReference.isWellFormed(image), "\(recipe.name): \(image)")
        }
        #expect(recipe.provenance?.sourceFormat == "vllm-recipes")
        #expect(recipe.provenance?.sourcePath?.hasPrefix("models/") == true)
        let st = try strategy.map { try Self.parse(strategiesDir + "/\($0).yaml") } ?? .mapping([])
        let expected = Self.expected(
          model: root, strategy: st, variant: variant, strategyName: strategy ?? "",
          task: task, hardware: hardware)

        for target in [LaunchTarget.shell, .slurm] {
          var options = PlanOptions()
          options.target = target
          let plan = try Planner().plan(
            recipe, reference: RecipeReference(name: recipe.name, file: file), options: options)
          _ = try target.renderer.render(plan).text
          for (role, want) in expected {
            let process = try #require(
              plan.processes.first {
                $0.role.rawValue == role || (role == "aggregated" && $0.role.rawValue == "worker")
              }
                ?? plan.processes.first { $0.argv.contains("serve") },
              "\(recipe.name): no \(role) process in \(plan.processes.map(\.role))")
            let start = process.argv.firstIndex { $0.hasPrefix("-") } ?? process.argv.count
            var got: [String: String?] = [:]
            Self.flags(Array(process.argv[start...]), into: &got)
            for key in Self.plannerOwned { got[key] = nil }
            var wanted = want.flags
            for key in Self.plannerOwned { wanted[key] = nil }
            // A decimal is compared as a number: `--gpu-memory-utilization 0.90` is the named
            // field 0.9, written back as `0.9`.
            #expect(
              Self.numeric(got) == Self.numeric(wanted), "\(recipe.name) \(role) flags (\(target))")
            let env = Dictionary(
              process.effectiveEnv.map { ($0.name, $0.value) }, uniquingKeysWith: { _, b in b })
            for (k, v) in want.env {
              #expect(env[k] == v, "\(recipe.name) \(role) env \(k)")
            }
          }
        }
      }
    }
    #expect(total > 100)
    #expect(omni == 2, "the corpus's vLLM-Omni model files: LTX-2.5, MOSS-TTS-Realtime")
  }

  /// A vLLM-Omni recipe: vLLM with the `vllm-omni` plugin at a release of vLLM's major.minor,
  /// at or above the floor, installed as `dependencies` says; the task's model; the plan
  /// starts `vllm serve MODEL --omni` in vLLM-Omni's image; lint finds nothing to warn about
  /// (every flag is in vLLM's catalog or the plugin's).
  static func checkOmni(
    _ recipe: RecipeV2, root: YAMLNode, task: YAMLNode?, linter: Linter
  ) throws {
    let plugin = try #require(recipe.engine.plugin(.vllmOmni), "\(recipe.name)")
    let version = try #require(plugin.version.flatMap(EngineVersion.init), "\(recipe.name)")
    let vllm = try #require(recipe.engine.version.flatMap(EngineVersion.init))
    #expect(vllm.release.prefix(2) == version.release.prefix(2), "\(recipe.name)")
    let floor = try #require(root["model"]?["min_vllm_version"]?.scalar.flatMap(EngineVersion.init))
    #expect(version >= floor, "\(recipe.name): vllm-omni \(version) under the floor \(floor)")
    let install = (root["dependencies"]?.sequence ?? []).compactMap { $0["command"]?.scalar }
    #expect(plugin.install.map(install.contains) == true, "\(recipe.name)")
    #expect(
      recipe.model.path
        == (task?["model_id"] ?? root["model"]?["model_id"])?.scalar, "\(recipe.name)")
    #expect(recipe.launcher?.tools[.vllmRecipes]?["omni"] == root["omni"])

    let plan = try Planner().plan(
      recipe, reference: RecipeReference(name: recipe.name), options: PlanOptions())
    let process = try #require(plan.processes.first { $0.argv.contains("serve") })
    #expect(process.argv.contains("--omni"), "\(recipe.name): \(process.argv)")
    #expect(process.image == "vllm/vllm-omni:v\(plugin.version ?? "")", "\(recipe.name)")
    #expect(process.readiness?.path == "/health")

    let text = YAMLEmitter.emit(YAMLDocument(root: recipe.encode()))
    let result = linter.lint(RecipeReader.read(Array(text.utf8), file: recipe.name + ".yaml"))
    let findings = result.diagnostics.filter { $0.severity != .note }
    #expect(findings.isEmpty, "\(recipe.name):\n\(findings.map(\.description).joined(separator: "\n"))")
    #expect(result.catalog?.kind == .exact, "\(recipe.name): \(result.catalog?.note ?? "")")
  }

  @Test("features are variants: opt-in ones off by default, the others on with a no- variant")
  func featuresAreVariants() throws {
    let file = Self.checkout + "/models/Qwen/Qwen3.5-122B-A10B.yaml"
    let converter = VLLMRecipesConverter(strategies: Self.checkout + "/strategies")
    let root = try Self.parse(file)
    let recipe = try #require(converter.expand([YAMLDocument(root: root)], file: file)[0].value)
    #expect(
      recipe.variants.map(\.name) == [
        "no-tool-calling", "no-reasoning", "spec-decoding", "text-only", "no-encoder-parallel",
      ])
    #expect(recipe.args.contains { $0.flag == "reasoning-parser" })
    #expect(!recipe.args.contains { $0.flag == "language-model-only" })
    let on = try recipe.applying(variant: "text-only")
    #expect(on.args.contains { $0.flag == "language-model-only" })
    let off = try recipe.applying(variant: "no-reasoning")
    #expect(!off.args.contains { $0.flag == "reasoning-parser" })
  }

  @Test("--variant, --strategy and --hardware select the subset, named after them")
  func subset() throws {
    let file = Self.checkout + "/models/MiniMaxAI/MiniMax-M2.5.yaml"
    let converter = VLLMRecipesConverter(strategies: Self.checkout + "/strategies")
    let docs = [YAMLDocument(root: try Self.parse(file))]
    let one = converter.expand(
      docs, file: file,
      filter: VLLMRecipesFilter(variant: "nvfp4", strategy: "single_node_tp", hardware: "hopper"))
    #expect(one.count == 1)
    let recipe = try #require(one.first?.value)
    #expect(recipe.name == "minimax-m2-5-nvfp4-single-node-tp-hopper")
    #expect(recipe.model.path == "nvidia/MiniMax-M2.5-NVFP4")
    #expect(recipe.serving.tensorParallelSize == 4)
    // h200 is a Hopper from NVIDIA (taxonomy.yaml): the nvidia and hopper overrides apply,
    // in file order (hopper's compilation-config replaces nvidia's; the same value here).
    let h200 = try #require(
      converter.expand(
        docs, file: file,
        filter: VLLMRecipesFilter(variant: "default", strategy: "single_node_tp", hardware: "h200")
      ).first?.value)
    #expect(h200.name == "minimax-m2-5-single-node-tp-h200")
    #expect(h200.resources?.gpuType == "h200")
    let applied = h200.launcher?.tools[.vllmRecipes]?["overrides"]?.sequence?.map(\.scalar)
    #expect(applied == ["nvidia", "hopper"])
    #expect(h200.serving.maxConcurrentRequests == 512)  // --max-num-seqs, a named field
    #expect(h200.args.first { $0.flag == "moe-backend" }?.value == .string("triton"))
    #expect(h200.env.contains(RecipeV2.EnvVar("VLLM_USE_DEEP_GEMM", "0")))
    // An AMD part gets the amd override only.
    let mi = try #require(
      converter.expand(
        docs, file: file,
        filter: VLLMRecipesFilter(
          variant: "default", strategy: "single_node_tp", hardware: "mi355x")
      ).first?.value)
    #expect(mi.launcher?.tools[.vllmRecipes]?["overrides"]?.sequence?.map(\.scalar) == ["amd"])
    #expect(!mi.args.contains { $0.flag == "moe-backend" })
    let bad = converter.expand(docs, file: file, filter: VLLMRecipesFilter(variant: "nope"))
    #expect(bad.count == 1 && bad[0].value == nil && bad[0].diagnostics.hasErrors)
  }

  @Test("a docker_image holding a pull command gives the image it pulls, with a note")
  func imageOutOfAPullCommand() throws {
    // MiniMax-M3's mi300x override: docker_image: "docker pull vllm/vllm-openai-rocm:nightly".
    let file = Self.checkout + "/models/MiniMaxAI/MiniMax-M3.yaml"
    let converter = VLLMRecipesConverter(strategies: Self.checkout + "/strategies")
    let docs = [YAMLDocument(root: try Self.parse(file))]
    let all = converter.expand(docs, file: file, filter: VLLMRecipesFilter(hardware: "mi300x"))
    let pulled = all.filter {
      $0.diagnostics.contains { $0.code == "image-from-command" }
    }
    #expect(!pulled.isEmpty)
    for c in pulled {
      let recipe = try #require(c.value)
      #expect(recipe.engine.image == "vllm/vllm-openai-rocm:nightly", "\(recipe.name)")
      let note = try #require(c.diagnostics.first { $0.code == "image-from-command" })
      #expect(note.severity == .note && note.location?.line == 153)
    }
  }

  @Test("a vLLM-Omni recipe exports back to a model file with its task, and re-imports the same")
  func omniExportsBack() throws {
    let file = Self.checkout + "/models/Lightricks/LTX-2.5-Diffusers.yaml"
    let converter = VLLMRecipesConverter(strategies: Self.checkout + "/strategies")
    let docs = [YAMLDocument(root: try Self.parse(file))]
    let picked = converter.expand(
      docs, file: file,
      filter: VLLMRecipesFilter(variant: "fp8", task: "distilled_two_stage_i2v", hardware: "b200"))
    let recipe = try #require(picked.first?.value)
    #expect(picked.count == 1)
    #expect(recipe.name == "ltx-2-5-fp8-distilled-two-stage-i2v-b200")
    #expect(recipe.args.first == RecipeV2.EngineArg("omni", .bool(true)))
    #expect(
      recipe.args.first { $0.flag == "model-class-name" }?.value
        == .string("LTX2DistilledTwoStagePipeline"))
    #expect(
      recipe.args.first { $0.flag == "diffusion-attention-backend" }?.value
        == .string("CUDNN_ATTN"))
    // --task t2v names every T2V entry: four of the eight, on each variant and hardware.
    let t2v = converter.expand(docs, file: file, filter: VLLMRecipesFilter(variant: "default", task: "t2v"))
    #expect(t2v.count == 4 * 5)

    let out = converter.fromV2(recipe)
    let exported = try #require(out.value)
    let root = try #require(exported.first?.root)
    #expect(root["omni"]?["tasks"]?.sequence?.count == 1)
    #expect(root["omni"]?["port"] == docs[0].root["omni"]?["port"])
    #expect(root["dependencies"] == docs[0].root["dependencies"])
    let base = Self.seq(root["model"]?["base_args"])
    #expect(!base.contains("--omni") && !base.contains("--model-class-name"), "\(base)")
    #expect(out.losses.map(\.path.description) == ["engine.plugins"])
    let again = try #require(
      converter.expand(exported, file: Self.checkout + "/models/x/exported.yaml").first?.value)
    #expect(Set(again.args.map(\.flag)) == Set(recipe.args.map(\.flag)))
    #expect(again.serving == recipe.serving)
    #expect(again.engine == recipe.engine)
    #expect(again.launcher?.tools[.vllmRecipes]?["omni_task"]?.scalar == "distilled_two_stage_i2v")
  }

  @Test("a recipe from a model file exports back to one, and re-imports to the same flags")
  func exportsBack() throws {
    let file = Self.checkout + "/models/Qwen/Qwen3.5-122B-A10B.yaml"
    let converter = VLLMRecipesConverter(strategies: Self.checkout + "/strategies")
    let docs = [YAMLDocument(root: try Self.parse(file))]
    for c in converter.expand(docs, file: file, filter: VLLMRecipesFilter(variant: "fp8")) {
      let recipe = try #require(c.value)
      let out = converter.fromV2(recipe)
      let exported = try #require(out.value)
      #expect(RecipeFormat.detect(documents: exported).format == .vllmRecipes)
      // The floor goes back as written, not the release the import pinned.
      #expect(
        exported.first?.root["model"]?["min_vllm_version"]?.scalar
          == docs[0].root["model"]?["min_vllm_version"]?.scalar)
      let again = try #require(
        converter.expand(exported, file: Self.checkout + "/models/x/exported.yaml")
          .first?.value)
      // The strategy's args come first once written into base_args: same flags, other order.
      #expect(
        again.args.sorted { $0.flag < $1.flag } == recipe.args.sorted { $0.flag < $1.flag },
        "\(recipe.name)")
      #expect(Set(again.args.map(\.flag)) == Set(recipe.args.map(\.flag)))
      #expect(again.serving == recipe.serving, "\(recipe.name)")
      #expect(again.env == recipe.env, "\(recipe.name)")
      #expect(again.roles == recipe.roles, "\(recipe.name)")
      #expect(again.variants == recipe.variants, "\(recipe.name)")
      #expect(again.model.path == recipe.model.path)
    }
  }
}
