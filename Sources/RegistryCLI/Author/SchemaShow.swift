import ArgumentParser
import Schema

struct SchemaShow: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print the JSON Schema (2020-12, in YAML) of a recipe schema version.",
    discussion: """
      The schema files are compiled into the binary (scripts/embed-resources), so this works \
      from any directory.

      Examples:
        registry schema show v1
        registry schema show v2 > schema-v2.yaml
      """)

  @Argument(help: "The schema version: v1 or v2.")
  var version: String

  func validate() throws {
    guard ["v1", "v2"].contains(version) else {
      throw ValidationError("the version is v1 or v2, not '\(version)'")
    }
  }

  func run() throws {
    guard let text = EmbeddedSpecs.files["\(version)/schema.yaml"] else {
      throw ExitStatus.notFound
    }
    Terminal().write(text)
  }
}
