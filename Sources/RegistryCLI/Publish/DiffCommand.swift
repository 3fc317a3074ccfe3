import ArgumentParser
import Registry
import Schema

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract:
      "A semantic diff of two versions of a recipe: each key path with its old and new value.",
    discussion: """
      Not a text diff: reordered keys, re-quoting and comments are no change. Both sides are \
      NAME@REV (the rev defaults to HEAD); the names may differ to compare two recipes.

      Examples:
        registry diff deepseek-r1-fp8-gb200-disagg@HEAD~2 deepseek-r1-fp8-gb200-disagg
        registry diff my-recipe@v1.0 my-recipe@main --json
      """)

  @Argument(help: "The old side, NAME@REV.")
  var old: String
  @Argument(help: "The new side, NAME@REV.")
  var new: String
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let registry = try registryOptions.open()
    let sync = RegistrySync(registry: registry)
    let a = RecipeReference(parsing: old)
    let b = RecipeReference(parsing: new)
    let left = try registry.recipe(named: a.name, at: try sync.rev(for: a))
    let right = try registry.recipe(named: b.name, at: try sync.rev(for: b))
    let changes = SemanticDiff.compare(left.bytes, right.bytes)
    let terminal = Terminal(colorChoice: global.color)
    if global.json {
      try JSONOutput.print(changes, terminal: terminal)
      return
    }
    for c in changes {
      terminal.out("\(c.path): \(c.old ?? "(absent)") -> \(c.new ?? "(absent)")")
    }
    if changes.isEmpty && !global.quiet { terminal.err("no semantic difference") }
  }
}
