internal import Schema

extension Planner {
  // MARK: - Node layout

  /// Where each role's first node is (prefill first, decode after it; a role with 0 nodes
  /// shares node 0), and the nodes the plan runs on.
  /// - Throws: ``PlanningError/launch(_:)`` when the recipe needs more nodes than `choice` gives.
  func layout(_ final: RecipeV2, nodes choice: NodeSelection, warnings: inout [String])
    throws(PlanningError) -> (firstNode: [RecipeV2.Role: Int], nodes: NodeSet)
  {
    var firstNode: [RecipeV2.Role: Int] = [:]
    var next = 0
    for role in final.topology.roleNames {
      let n = final.topology.roles[role]?.nodes ?? 1
      firstNode[role] = n == 0 ? 0 : next
      next += n
    }
    let needed = max(1, next, final.launcher?.minNodes ?? 1)
    let clusterOnly = final.launcher?.clusterOnly == true || needed > 1

    let nodes: NodeSet
    switch choice {
    case .recipe:
      nodes = .count(needed)
    case .solo:
      if clusterOnly { throw .launch(.clusterOnly(recipe: final.name, nodes: max(needed, 2))) }
      nodes = .count(1)
    case .hosts(let hosts):
      if hosts.count == 1, clusterOnly {
        throw .launch(.clusterOnly(recipe: final.name, nodes: max(needed, 2)))
      }
      if hosts.count < needed {
        throw .launch(
          .invalidPlan(
            field: "nodes",
            message: "recipe '\(final.name)' needs \(needed) nodes; --nodes names \(hosts.count)"))
      }
      if hosts.count > needed {
        warnings.append("--nodes names \(hosts.count) hosts; the plan uses the first \(needed)")
      }
      nodes = .hosts(hosts)
    }
    if final.launcher?.soloOnly == true, nodes.count > 1 {
      warnings.append("recipe '\(final.name)' is meant for one node (solo_only)")
    }
    return (firstNode, nodes)
  }

  // MARK: - The process clients talk to

  /// The Dynamo frontend, the SGLang router in front of several workers, or nil (clients
  /// talk to the one worker).
  func frontProcess(
    engine: EngineName, dynamo: Bool, disaggregated: Bool, hasFront: Bool, totalWorkers: Int,
    workers: [LaunchProcess], bootstrap: [RecipeV2.Role: Int], host: String, clientPort: Int,
    image: String,
    origins: (host: ValueOrigin, port: ValueOrigin, image: ValueOrigin), target: LaunchTarget,
    frontendArgs: [String] = [],
    warnings: inout [String]
  ) -> LaunchProcess? {
    let argsOrigin = ValueOrigin(.recipe, "frontend args")
    let argsProvenance = LaunchProcess.flagValues(frontendArgs).map {
      Provenance($0.flag, argsOrigin)
    }
    if dynamo {
      let frontend = LaunchProcess(
        name: "frontend", role: .frontend, image: image,
        argv: ["python3", "-m", "dynamo.frontend", "--http-port", String(clientPort)]
          + frontendArgs,
        port: clientPort,
        readiness: ReadinessCheck(path: "/v1/models"),
        provenance: [Provenance("--http-port", origins.port), Provenance("image", origins.image)]
          + argsProvenance)
      if target != .k8s {
        warnings.append(
          "dynamo: the frontend and workers need etcd and NATS reachable (see the Dynamo docs); the plan does not start them"
        )
      }
      return frontend
    } else if hasFront {
      var argv = ["python3", "-m", "sglang_router.launch_router"]
      if disaggregated {
        argv.append("--pd-disaggregation")
        for p in workers where p.role == .prefill {
          argv += [
            "--prefill", "http://\(NodeHostTemplate.placeholder(p.node)):\(p.port!)",
            String(bootstrap[.prefill] ?? Self.defaultBootstrapPort),
          ]
        }
        for p in workers where p.role == .decode {
          argv += ["--decode", "http://\(NodeHostTemplate.placeholder(p.node)):\(p.port!)"]
        }
      } else {
        argv.append("--worker-urls")
        argv += workers.map { "http://\(NodeHostTemplate.placeholder($0.node)):\($0.port!)" }
      }
      argv += ["--host", host, "--port", String(clientPort)] + frontendArgs
      return LaunchProcess(
        name: "router", role: .router, image: image, argv: argv, port: clientPort,
        readiness: ReadinessCheck(path: "/health"),
        provenance: [
          Provenance("--host", origins.host), Provenance("--port", origins.port),
          Provenance("image", origins.image),
        ] + argsProvenance)
    } else if totalWorkers > 1 {
      warnings.append(
        "\(engine.rawValue): \(totalWorkers) workers without a router; clients and the benchmark use the first one"
      )
    }
    return nil
  }
}
