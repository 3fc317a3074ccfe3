import ArgumentParser

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Validate recipe files and folders.")
}
