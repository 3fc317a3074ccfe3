import ArgumentParser

/// Flags every command takes.
struct GlobalOptions: ParsableArguments {
  @Flag(name: .long, help: "Print data as one JSON document on stdout.")
  var json = false

  @Option(
    name: .long, help: "Colour in human output: auto, always or never (NO_COLOR is respected).")
  var color: ColorChoice = .auto

  @Flag(name: [.short, .long], help: "Print only errors.")
  var quiet = false
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}
