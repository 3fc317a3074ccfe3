internal import Engines
internal import Migrate
internal import Schema

extension Planner {
  // MARK: - Where values come from

  /// Where the image, the client port and the listen host come from: the recipe, its
  /// variant, an override, or the engine default.
  func serverOrigins(
    recipe: RecipeV2, varied: RecipeV2, final: RecipeV2, variant: String?,
    overrides: [RecipeOverride]
  ) -> (host: ValueOrigin, port: ValueOrigin, image: ValueOrigin) {
    let imageOrigin: ValueOrigin
    if final.engineImage == nil {
      imageOrigin = ValueOrigin(.engineDefault, "default-image")
    } else if final.engineImage != varied.engineImage {
      imageOrigin = ValueOrigin(.override, overrides.last { $0.path == "engine.image" }?.source)
    } else if varied.engineImage != recipe.engineImage {
      imageOrigin = ValueOrigin(.variant, variant)
    } else {
      imageOrigin = ValueOrigin(.recipe)
    }
    let portOrigin: ValueOrigin =
      final.launcher?.port == nil
      ? ValueOrigin(.engineDefault, "default-port")
      : final.launcher?.port != varied.launcher?.port
        ? ValueOrigin(.override, overrides.last { $0.path == "launcher.port" }?.source)
        : varied.launcher?.port != recipe.launcher?.port
          ? ValueOrigin(.variant, variant) : ValueOrigin(.recipe)
    let hostOrigin =
      final.launcher?.host == nil
      ? ValueOrigin(.engineDefault, "listen-on-all-interfaces") : ValueOrigin(.recipe)
    return (hostOrigin, portOrigin, imageOrigin)
  }

  // MARK: - Ports

  /// The disaggregation bootstrap port each role sets in its flags (workers must not take them).
  func bootstrapPorts(_ final: RecipeV2, catalog: FlagCatalog?) -> [RecipeV2.Role: Int] {
    var bootstrap: [RecipeV2.Role: Int] = [:]
    for role in final.topology.roleNames {
      let inv = EngineInvocation.build(final, role: role, catalog: catalog)
      if let b = LaunchProcess.flagValues(inv.flags).first(where: {
        $0.flag == "--disaggregation-bootstrap-port"
      })?.value,
        let p = Int(b)
      {
        bootstrap[role] = p
      }
    }
    return bootstrap
  }

  // MARK: - A worker's command line

  /// The model as the engine reads it: an `hf:ORG/NAME` URI (srt-slurm's spelling of a Hugging
  /// Face id) is the id itself, as srtctl passes it; other paths and ids are unchanged.
  static func engineModelArgument(_ path: String) -> String {
    path.hasPrefix("hf:") ? String(path.dropFirst(3)) : path
  }

  /// A worker's engine command line before host and port: the program with the model and
  /// served name, the role's flags, and the disaggregation role flag when the recipe does not
  /// set it; with where each came from.
  ///
  /// TensorRT-LLM takes its config keys from an options YAML file (``TRTLLMOptions``): the
  /// command gets the file flag with ``ProcessConfigFile/placeholder`` and the file's text is
  /// returned; a key's provenance is `config:KEY`. A recipe that names its own options file
  /// keeps its flags as written, with a warning (the program reads one file).
  func engineCommand(
    _ final: RecipeV2, role: RecipeV2.Role, dynamo: Bool, invocation inv: EngineInvocation,
    origins: ValueOrigins, warnings: inout [String]
  ) -> (argv: [String], provenance: [Provenance], configText: String?) {
    let engine = final.engineName
    let servedName = final.model.servedName
    var argv = EngineServerCommand(engine: engine, dynamo: dynamo).argv(
      model: Self.engineModelArgument(final.model.path), servedName: servedName)
    var provenance: [Provenance] = [Provenance("model", ValueOrigin(.recipe, "model.path"))]
    if servedName != nil, argv.contains("--served-model-name") {
      provenance.append(
        Provenance("--served-model-name", ValueOrigin(.recipe, "model.served_name")))
    }
    var configText: String?
    let ownFile = engine == .trtllm ? TRTLLMOptions.recipeFile(final, role: role) : nil
    if let ownFile {
      let w =
        "\(role.rawValue): the recipe gives its own TensorRT-LLM options file (\(ownFile)); its config keys stay command-line flags"
      if !warnings.contains(w) { warnings.append(w) }
    }
    if engine == .trtllm, ownFile == nil {
      let options = TRTLLMOptions.build(final, role: role, dynamo: dynamo)
      argv += options.flags
      let version = final.engineVersion.flatMap { EngineVersion($0) }
      argv += [
        TRTLLMOptions.fileFlag(version: version, dynamo: dynamo), ProcessConfigFile.placeholder,
      ]
      configText = YAMLEmitter.emit(.mapping(options.options))
      let cli = Set(LaunchProcess.flagValues(options.flags).map(\.flag))
      for (flag, value) in LaunchProcess.flagValues(inv.flags) {
        let key = cli.contains(flag) ? flag : "config:" + TRTLLMOptions.optionKey(flag: flag)
        provenance.append(Provenance(key, origins.origin(flag, value: value)))
      }
    } else {
      argv += inv.flags
      for (flag, value) in LaunchProcess.flagValues(inv.flags) {
        provenance.append(Provenance(flag, origins.origin(flag, value: value)))
      }
    }
    let roleFlags = EngineProgram.disaggregationFlags(
      engine: engine, dynamo: dynamo, role: role, existing: inv.flags)
    if let f = roleFlags.first {
      provenance.append(Provenance(f, ValueOrigin(.engineDefault, "disaggregation-role")))
    }
    argv += roleFlags
    return (argv, provenance, configText)
  }

  /// The rendezvous of a worker that spans several nodes (taking the next init port), or nil
  /// with a warning when the engine needs a runtime the plan does not start (Ray, MPI).
  func multiNode(
    _ name: String, engine: EngineName, nodesPerWorker: Int, initPort: inout Int,
    provenance: inout [Provenance],
    warnings: inout [String]
  ) -> DistributedLaunch? {
    let distributed = EngineProgram.distributed(engine: engine, initPort: initPort)
    if distributed != nil {
      initPort += 1
      provenance.append(Provenance("--dist-init-addr", ValueOrigin(.engineDefault, "multi-node")))
    } else {
      let runtime =
        engine == .vllm
        ? "a Ray cluster" : engine == .llamaCpp ? "rpc-servers (--rpc)" : "an MPI launch"
      warnings.append(
        "\(name): spans \(nodesPerWorker) nodes; multi-node \(engine.rawValue) needs \(runtime) across them, which the plan does not start"
      )
    }
    return distributed
  }
}
