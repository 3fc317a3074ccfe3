import ArgumentParser

@main
struct RegistryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: "A git-backed registry of LLM-serving recipes.",
    discussion: """
      Recipes say everything needed to reproduce one serving configuration: model and \
      precision, engine and its exact version, GPU type, topology, flags, environment and \
      benchmark. Errors print like a compiler's (file:line:col) on stderr; data goes to stdout, \
      as JSON with --json.

      Examples:
        registry search --gpu gb200                 recipes for GB200 in the registry
        registry show deepseek-r1-fp8-gb200-disagg  one recipe, at HEAD or NAME@REV
        registry validate recipes/                  check every recipe under a folder
        registry validate --json my-recipe.yaml     the same facts as JSON
        registry schema show v1                     print the v1 JSON Schema
        registry convert --to v2 recipe.yaml        any format to v2 (see registry formats)
        registry migrate v1 v2 --dry-run recipes/   what a v1 → v2 migration would change
        registry lint recipes/ --engine-version 0.5.23  engine-version drift before launch
        registry upgrade my-recipe.yaml --engine-version 0.5.23 --dry-run
        registry engines sglang 0.5.1               the flags of one catalog
        registry plan NAME --target shell           a launch script (also compose, slurm, k8s)
        registry export-index -o public/index       static JSON index at one commit
        registry site -o out                        the index plus a filterable index.html
        registry version                            versions of the registry, libgit2, libyaml

      Exit codes: 0 ok, 1 invalid input or findings, 3 not found, 4 conflict, 64 usage.
      """,
    version: RegistryVersion.line,
    subcommands: [
      Search.self, Show.self, List.self, Stats.self, Validate.self, LintCommand.self, Convert.self,
      MigrateCommand.self, Upgrade.self, Plan.self, ClusterCommand.self, Formats.self, Engines.self,
      SchemaCommand.self,
      Init.self,
      Publish.self, Import.self, Pin.self, Deprecate.self, History.self, DiffCommand.self,
      Lock.self,
      Clone.self, Pull.self, Push.self, RemoteCommand.self,
      ExportIndex.self, Site.self, VersionCommand.self,
    ])
}
