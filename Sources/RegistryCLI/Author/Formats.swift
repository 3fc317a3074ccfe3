import ArgumentParser
import Migrate

struct Formats: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "formats",
    abstract: "List the recipe formats: id, description and a tiny example.",
    discussion: """
      The ids are what `registry convert --from/--to` takes. `converter: yes` means the format \
      can be read into v2 and written from it.

      Examples:
        registry formats
        registry formats --json | jq '.[].id'
      """)

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let formats = FormatInfo.all
    if global.json {
      try JSONOutput.print(formats)
      return
    }
    let t = Terminal(colorChoice: global.color)
    for f in formats {
      t.out("\(f.id)  —  \(f.description)\(f.hasConverter ? "" : " (no converter yet)")")
      for line in f.example.split(separator: "\n") { t.out("    " + line) }
      t.out("")
    }
  }
}
