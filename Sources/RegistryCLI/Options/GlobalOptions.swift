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

  /// The flags as plain values (defaults are the property wrappers').
  struct Values: Equatable {
    var json = false
    var color: ColorChoice = .auto
    var quiet = false
  }

  var values: Values { Values(json: json, color: color, quiet: quiet) }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}
