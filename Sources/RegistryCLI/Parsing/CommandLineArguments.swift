import ArgumentParser
import Registry
import Schema

/// The command line as argument-parser reads it: global options written before the command
/// name moved after it, and an unknown command name reported with a did-you-mean.
///
/// `registry --repo X publish a.yaml` becomes `registry publish --repo X a.yaml`, when the
/// command declares the option (see ``GlobalOption``); `registry serach` fails with
/// "unknown command 'serach'; did you mean 'search'?". Everything else is passed on as it is.
enum CommandLineArguments {
  /// Options of the root command itself (argument-parser's): the command line is left to
  /// argument-parser when one comes before the command name.
  static let rootOptions: Set<String> = [
    "-h", "--help", "-help", "--help-hidden", "--version",
    "--generate-completion-script", "--experimental-dump-help",
  ]

  /// `arguments` (without the program name) rearranged for `root`.
  /// - Throws: a ``CLIError`` of kind `invalidRequest` for an unknown command, an unknown
  ///   option before the command name, a global option the command does not take or one
  ///   missing its value.
  static func normalized(
    _ arguments: [String], root: any ParsableCommand.Type = RegistryCommand.self
  ) throws(CLIError) -> [String] {
    // The global options before the command name.
    var leading: [(option: GlobalOption, words: ArraySlice<String>)] = []
    var i = arguments.startIndex
    while i < arguments.endIndex, arguments[i].hasPrefix("-"), arguments[i] != "-" {
      let word = arguments[i]
      if rootOptions.contains(word) || word == "--"
        || word.hasPrefix("--generate-completion-script=")
      {
        return arguments
      }
      guard let option = GlobalOption.named(word) else {
        let known = GlobalOption.all.flatMap(\.names) + rootOptions.sorted()
        throw usage(
          "unknown option '\(word)' before the command name"
            + (DidYouMean.hint(for: word, in: known).map { "; " + $0 }
              ?? "; options go after it: registry COMMAND \(word)"))
      }
      let end = option.takesValue && !word.contains("=") ? i + 2 : i + 1
      guard end <= arguments.endIndex else { throw usage("\(word) needs a value") }
      leading.append((option, arguments[i..<end]))
      i = end
    }
    guard i < arguments.endIndex else {
      if let first = leading.first {
        throw usage(
          "\(first.words.first!) goes with a command: registry COMMAND \(first.words.joined(separator: " "))"
        )
      }
      return arguments
    }
    if arguments[i] == "help" { return arguments }

    // The command path: `publish`, `remote add`.
    var command = root
    var path: [String] = []
    var j = i
    while j < arguments.endIndex, !arguments[j].hasPrefix("-") {
      let subcommands = command.configuration.subcommands
      if subcommands.isEmpty { break }
      let word = arguments[j]
      if let sub = subcommands.first(where: { names(of: $0).contains(word) }) {
        command = sub
        path.append(word)
        j += 1
        continue
      }
      if command.configuration.defaultSubcommand != nil { break }
      let known = subcommands.flatMap(names(of:))
      let named = (path + [word]).joined(separator: " ")
      let prefix = path.isEmpty ? "" : path.joined(separator: " ") + " "
      throw usage(
        "unknown command '\(named)'; "
          + (DidYouMean.closest(to: word, in: known).map { "did you mean '\(prefix + $0)'?" }
            ?? "see 'registry \(prefix)--help' for the commands"))
    }
    if leading.isEmpty { return arguments }

    // Each global option must be one the command takes.
    for (option, words) in leading where !OptionGroupMembership.declares(command, option.group) {
      let name = path.joined(separator: " ")
      throw usage("'\(name)' does not take \(words.first!) (see 'registry \(name) --help')")
    }
    return Array(arguments[i..<j]) + leading.flatMap(\.words) + Array(arguments[j...])
  }

  /// The names a command answers to: its command name and aliases.
  private static func names(of command: any ParsableCommand.Type) -> [String] {
    [command._commandName] + command.configuration.aliases
  }

  private static func usage(_ message: String) -> CLIError {
    CLIError(message, kind: .invalidRequest)
  }
}
