import ArgumentParser
import Registry

struct Clone: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clone",
    abstract: "Clone a registry (file://, git://, https://, ssh:// or a path).",
    discussion: """
      Examples:
        registry clone git://recipes.example.com/recipes.git
        registry clone /srv/git/recipes.git my-recipes --bare
      """)
  @Argument(help: "The URL.") var url: String
  @Argument(help: "The folder (default: the URL's last component).") var directory: String?
  @Flag(help: "A bare clone (no work tree).") var bare = false
  @OptionGroup var global: GlobalOptions

  func run() throws {
    var dir = directory ?? String(url.split(separator: "/").last ?? "registry")
    if directory == nil, dir.hasSuffix(".git"), !bare { dir.removeLast(4) }
    let registry = try RegistrySync.clone(from: url, to: dir, bare: bare)
    Terminal().err("cloned \(url) into \(registry.path)")
  }
}

/// The remote and branch of `pull` and `push`, and the registry they sync.
struct SyncOptions: ParsableArguments {
  @Argument(help: "The remote.") var remote = "origin"
  @Option(help: "The branch.") var branch: String?
  @OptionGroup var registryOptions: RegistryOptions

  /// Runs one sync operation on the registry and prints what it did.
  func run(_ operation: (RegistrySync, String, String?) throws -> SyncResult) throws {
    let result = try operation(RegistrySync(registry: try registryOptions.open()), remote, branch)
    Terminal().out(RemoteCommand.describe(result))
  }
}

struct Pull: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pull",
    abstract: "Fetch a remote and bring the branch up to it (local commits are rebuilt on top).",
    discussion: """
      The work tree is not touched: commands read recipes from commits.

      Examples:
        registry pull
        registry pull team --branch main
      """)
  @OptionGroup var sync: SyncOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    try sync.run { try $0.pull(remote: $1, branch: $2) }
  }
}

struct Push: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "push",
    abstract: "Push the branch; a rejected push is fetched, rebuilt on the new tip and retried.",
    discussion: """
      A change to the same recipe on both sides is a conflict (exit 4); nothing moves.

      Examples:
        registry push
        registry push origin --branch main
      """)
  @OptionGroup var sync: SyncOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    try sync.run { try $0.push(remote: $1, branch: $2) }
  }
}

struct RemoteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remote",
    abstract: "Add or list remotes; a remote's name is the scope of its recipes (@NAME/recipe).",
    discussion: """
      Examples:
        registry remote add team git://recipes.example.com/team.git
        registry show @team/deepseek-r1-fp8
        registry remote list
      """,
    subcommands: [Add.self, ListRemotes.self])

  static func describe(_ r: SyncResult) -> String {
    switch r {
    case .upToDate: return "up to date"
    case .fastForward(let to): return "fast-forward to \(to.abbreviated(12))"
    case .rebuilt(let n, let tip):
      return
        "rebuilt \(n) local commit\(n == 1 ? "" : "s") on the remote tip: \(tip.abbreviated(12))"
    case .pushed(let tip, let retries):
      return "pushed \(tip.abbreviated(12))"
        + (retries > 0 ? " (after \(retries) rejected push\(retries == 1 ? "" : "es"))" : "")
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add", abstract: "Add a remote and fetch it.")
    @Argument(help: "The name (scope).") var name: String
    @Argument(help: "The URL.") var url: String
    @Flag(help: "Do not fetch now.") var noFetch = false
    @OptionGroup var registryOptions: RegistryOptions
    func run() throws {
      try RegistrySync(registry: try registryOptions.open()).addRemote(
        name, url: url, fetch: !noFetch)
    }
  }

  struct ListRemotes: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List remotes.")
    @OptionGroup var registryOptions: RegistryOptions
    func run() throws {
      for r in try registryOptions.open().repository.remotes() {
        Terminal().out("\(r.name)\t\(r.url)")
      }
    }
  }
}
