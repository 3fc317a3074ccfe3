import Engines
import Foundation
import TestSupport

/// NVIDIA srtctl (`../shared/oracles/srt-slurm`), asked through `scripts/oracle/srtctl_plan.py`
/// inside a venv that `scripts/oracle/srtctl-venv` keeps under `.build/oracle-venv`.
enum SrtctlOracle {
  static let source = Shared.root + "/oracles/srt-slurm"
  static let driver = PackageRoot.path("scripts/oracle/srtctl_plan.py")
  static let venvScript = PackageRoot.path("scripts/oracle/srtctl-venv")
  /// The cluster profile (srtctl's srtslurm.yaml) both sides plan for.
  static let cluster = PackageRoot.path("scripts/oracle/srtslurm.yaml")
  /// The differences that are known, with their reasons.
  static let exceptions = PackageRoot.path("scripts/oracle/srtctl-exceptions.tsv")

  /// Nil when the oracle can run here, else why not.
  static let skipReason: String? = {
    guard FileManager.default.fileExists(atPath: source + "/pyproject.toml") else {
      return "the srtctl oracle is not at \(source)"
    }
    guard Machine.has("python3") else { return "python3 is not on PATH" }
    let venv = try? Tools.run(["python3", "-c", "import venv, ensurepip"], timeout: 30)
    guard venv?.status == 0 else {
      return "python3 cannot make a venv (apt-get install python3-venv)"
    }
    guard (try? python()) != nil else {
      return "scripts/oracle/srtctl-venv could not install srtctl into .build/oracle-venv "
        + "(its dependencies come from PyPI once; offline?)"
    }
    return nil
  }()

  /// The venv's python, installing srtctl first when the venv is missing (needs PyPI once).
  static func python() throws -> String {
    let r = try Tools.run([venvScript], timeout: 1800)
    guard r.status == 0, let path = r.stdout.split(separator: "\n").last else {
      throw ToolError("scripts/oracle/srtctl-venv failed (\(r.status)):\n\(r.stderr)")
    }
    return String(path)
  }

  /// What srtctl launches for each file: recipe path → its entry in the driver's output.
  static func plan(_ files: [String]) throws -> [String: [String: Any]] {
    // The v1 export writes the cookbook spec's `labels`, a key srtctl's schema refuses.
    let r = try Tools.run(
      [try python(), driver, "--cluster", cluster, "--ignore-key", "labels"] + files,
      timeout: 1800)
    guard r.status == 0,
      let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
      let recipes = doc["recipes"] as? [[String: Any]]
    else { throw ToolError("srtctl_plan.py failed (\(r.status)):\n\(r.stderr)") }
    // One entry per file, in order: keyed by the path as given (the driver resolves symlinks,
    // so its own `recipe` path may differ when ../shared is a link).
    guard recipes.count == files.count else {
      throw ToolError("srtctl_plan.py gave \(recipes.count) entries for \(files.count) files")
    }
    var out: [String: [String: Any]] = [:]
    for (file, entry) in zip(files, recipes) { out[file] = entry }
    return out
  }

  /// The roles of one srtctl entry: workers by mode (`agg` read as `aggregated`), the
  /// frontend processes as `frontend` (nginx as `nginx`).
  static func roles(_ entry: [String: Any], names: FlagNames) -> [String: RoleLaunch] {
    var byRole: [String: [[String: Any]]] = [:]
    for p in entry["processes"] as? [[String: Any]] ?? [] {
      let argv = p["argv"] as? [String] ?? []
      var role = p["role"] as? String ?? "worker"
      if p["kind"] as? String == "frontend" {
        role =
          argv.contains { $0.hasPrefix("nginx") || $0.hasSuffix("/nginx") } ? "nginx" : "frontend"
      } else if role == "agg" {
        role = "aggregated"
      }
      byRole[role, default: []].append(p)
    }
    return byRole.mapValues { procs in
      let first = procs[0]
      let (program, flags) = names.parse(first["argv"] as? [String] ?? [])
      return RoleLaunch(
        program: program, flags: flags, env: first["env"] as? [String: String] ?? [:],
        image: first["image"] as? String, mounts: first["mounts"] as? [String: String],
        count: procs.count)
    }
  }
}

/// `registry plan --json` read into roles the way ``SrtctlOracle/roles(_:names:)`` reads srtctl.
enum PlanJSONRoles {
  static func roles(_ plan: [String: Any], names: FlagNames) -> [String: RoleLaunch] {
    var byRole: [String: [[String: Any]]] = [:]
    for p in plan["processes"] as? [[String: Any]] ?? [] {
      var role = p["role"] as? String ?? "worker"
      if role == "router" { role = "frontend" }
      byRole[role, default: []].append(p)
    }
    return byRole.mapValues { procs in
      let first = procs[0]
      let (program, flags) = names.parse(firstInstanceArgv(first))
      var env: [String: String] = [:]
      for e in first["env"] as? [[String: Any]] ?? [] {
        if let n = e["name"] as? String { env[n] = e["value"] as? String ?? "" }
      }
      if env["CUDA_VISIBLE_DEVICES"] == nil,
        let ids = (first["gpus"] as? [String: Any])?["ids"] as? [Int]
      {
        env["CUDA_VISIBLE_DEVICES"] = ids.map(String.init).joined(separator: ",")
      }
      let count = procs.reduce(0) { $0 + instances($1) }
      return RoleLaunch(
        program: program, flags: flags, env: env, image: first["image"] as? String,
        mounts: mounts(first["mounts"]), count: count)
    }
  }

  /// A process that spans nodes runs one instance per node (`LaunchProcess.isMultiNode`).
  static func instances(_ p: [String: Any]) -> Int {
    p["distributed"] == nil ? 1 : max(p["nodeCount"] as? Int ?? 1, 1)
  }

  /// The argv of the process's first instance: a multi-node process gets the rendezvous
  /// flags the renderer adds (`LaunchProcess.argv(headAddress:nodeRank:)`), the head node
  /// written `$HEAD`.
  static func firstInstanceArgv(_ p: [String: Any]) -> [String] {
    let argv = p["argv"] as? [String] ?? []
    guard instances(p) > 1, let d = p["distributed"] as? [String: Any] else { return argv }
    return argv + [
      d["initAddressFlag"] as? String ?? "--dist-init-addr", "$HEAD:\(d["initPort"] as? Int ?? 0)",
      d["nodeCountFlag"] as? String ?? "--nnodes", String(instances(p)),
      d["nodeRankFlag"] as? String ?? "--node-rank", "0",
    ]
  }

  /// Mounts as the plan may write them: a map, `SRC:DST` strings, or objects with
  /// source/target (or host/container); nil when the plan has none.
  static func mounts(_ value: Any?) -> [String: String]? {
    if let map = value as? [String: String] { return map }
    guard let list = value as? [Any] else { return nil }
    var out: [String: String] = [:]
    for item in list {
      if let s = item as? String, let colon = s.firstIndex(of: ":") {
        let rest = s[s.index(after: colon)...]
        out[String(rest.split(separator: ":").first ?? rest)] = String(s[..<colon])
      } else if let o = item as? [String: Any],
        let dst = (o["target"] ?? o["container"] ?? o["destination"]) as? String
      {
        out[dst] = (o["source"] ?? o["host"]) as? String ?? ""
      }
    }
    return out
  }
}
