import ArgumentParser
import Foundation
import Launch
import Registry

/// `registry cluster add|list|show|remove`: the user's cluster profiles.
struct ClusterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cluster",
    abstract: "Add, list, show or remove cluster profiles (what srtctl keeps in srtslurm.yaml).",
    discussion: """
      A cluster profile holds what a recipe does not say about where it runs: the SLURM \
      partition and account, GPUs per node, the container runtime, mounts every process gets \
      and image aliases. 'registry plan --cluster NAME' fills these in; recipe values win \
      where the recipe sets them.

      Profiles are kept in $REGISTRY_CONFIG_DIR/clusters.json, else \
      $XDG_CONFIG_HOME/registry/clusters.json, else ~/.config/registry/clusters.json.

      Examples:
        registry cluster add gb200 --partition batch --account llm --gpus-per-node 4 \\
          --mount /lustre/models:/models --container sglang-fp4=/shared/sglang-fp4.sqsh
        registry cluster list
        registry cluster show gb200 --json
        registry cluster remove gb200
        registry plan deepseek-r1-fp8-h200-agg-tp8 --target slurm --cluster gb200
      """,
    subcommands: [Add.self, ListProfiles.self, Show.self, Remove.self])

  /// The store of the running user.
  static var store: ClusterStore { ClusterStore(environment: ProcessInfo.processInfo.environment) }

  /// Runs a store operation, turning its errors into CLI errors (3 for a missing profile).
  static func withStore<T>(_ body: (ClusterStore) throws(ClusterStoreError) -> T) throws -> T {
    do throws(ClusterStoreError) {
      return try body(store)
    } catch {
      if case .notFound = error { throw CLIError(error.description, kind: .notFound) }
      throw CLIError(error.description)
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a cluster profile, or replace the one with this name.")
    @Argument(help: "The profile name (letters, digits, '-', '_', '.').") var name: String
    @Option(help: "The SLURM partition.") var partition: String?
    @Option(help: "The SLURM account.") var account: String?
    @Option(name: .customLong("time"), help: "The default time limit ([D-]HH:MM:SS).")
    var timeLimit: String?
    @Option(name: .customLong("gpus-per-node"), help: "GPUs per node, when a recipe does not say.")
    var gpusPerNode: Int?
    @Option(help: "Container runtime: pyxis, enroot, apptainer, docker, podman or none.")
    var runtime: ContainerRuntime?
    @Option(
      name: .customLong("mount"),
      help: ArgumentHelp("A mount every process gets (repeatable).", valueName: "SRC:DST"))
    var mounts: [String] = []
    @Option(
      name: .customLong("container"),
      help: ArgumentHelp("An image alias (repeatable).", valueName: "ALIAS=IMAGE"))
    var containers: [String] = []
    @Option(help: "The working directory inside containers.") var workdir: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      guard ClusterProfile.isValidName(name) else {
        throw ValidationError("'\(name)' is not a profile name (letters, digits, '-', '_', '.')")
      }
      for m in mounts where ContainerMount(spec: m) == nil {
        throw ValidationError("--mount takes SRC:DST with an absolute DST, not '\(m)'")
      }
      for c in containers where Self.alias(c) == nil {
        throw ValidationError("--container takes ALIAS=IMAGE, not '\(c)'")
      }
      if let g = gpusPerNode, g < 1 { throw ValidationError("--gpus-per-node must be at least 1") }
      if let w = workdir, !w.hasPrefix("/") {
        throw ValidationError("--workdir must be an absolute path")
      }
    }

    static func alias(_ s: String) -> (String, String)? {
      guard let eq = s.firstIndex(of: "="), eq != s.startIndex, s.index(after: eq) != s.endIndex
      else { return nil }
      return (String(s[..<eq]), String(s[s.index(after: eq)...]))
    }

    func run() throws {
      var aliases: [String: String] = [:]
      for c in containers { if let (k, v) = Self.alias(c) { aliases[k] = v } }
      let profile = ClusterProfile(
        name: name, partition: partition, account: account, timeLimit: timeLimit,
        gpusPerNode: gpusPerNode, runtime: runtime, mounts: mounts.compactMap(ContainerMount.init),
        containers: aliases, workdir: workdir)
      let file = try ClusterCommand.withStore { (s) throws(ClusterStoreError) in
        try s.save(profile)
        return s.file
      }
      if !global.quiet { Terminal().err("saved cluster profile '\(name)' in \(file)") }
    }
  }

  struct ListProfiles: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the cluster profiles.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let all = try ClusterCommand.withStore { (s) throws(ClusterStoreError) in try s.load() }
      let profiles = all.keys.sorted().compactMap { all[$0] }
      if global.json {
        try JSONOutput.print(profiles)
        return
      }
      var text = ""
      for p in profiles {
        var parts: [String] = []
        if let v = p.partition { parts.append("partition \(v)") }
        if let v = p.account { parts.append("account \(v)") }
        if let v = p.gpusPerNode { parts.append("\(v) GPUs/node") }
        if let v = p.runtime { parts.append("runtime \(v.rawValue)") }
        text += p.name + (parts.isEmpty ? "" : "  " + parts.joined(separator: ", ")) + "\n"
      }
      Terminal().out(text.isEmpty ? "no cluster profiles" : String(text.dropLast()))
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one cluster profile.")
    @Argument(help: "The profile name.") var name: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let p = try ClusterCommand.withStore { (s) throws(ClusterStoreError) in try s.profile(name) }
      if global.json {
        try JSONOutput.print(p)
        return
      }
      var lines = ["name: \(p.name)"]
      if let v = p.partition { lines.append("partition: \(v)") }
      if let v = p.account { lines.append("account: \(v)") }
      if let v = p.timeLimit { lines.append("time: \(v)") }
      if let v = p.gpusPerNode { lines.append("gpus per node: \(v)") }
      if let v = p.runtime { lines.append("runtime: \(v.rawValue)") }
      if let v = p.workdir { lines.append("workdir: \(v)") }
      for m in p.mounts { lines.append("mount: \(m.spec)") }
      for k in p.containers.keys.sorted() { lines.append("container: \(k)=\(p.containers[k]!)") }
      Terminal().out(lines.joined(separator: "\n"))
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove a cluster profile.")
    @Argument(help: "The profile name.") var name: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try ClusterCommand.withStore { (s) throws(ClusterStoreError) in try s.remove(name) }
      if !global.quiet { Terminal().err("removed cluster profile '\(name)'") }
    }
  }
}

extension ContainerRuntime: ExpressibleByArgument {}
