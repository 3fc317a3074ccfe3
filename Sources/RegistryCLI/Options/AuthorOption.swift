import Foundation
import Registry

/// Parses `--author "Name <mail>"`, falling back to GIT_AUTHOR_* and git's configuration.
enum AuthorOption {
  static func signature(_ text: String?, now: Date = Date()) throws -> Signature {
    let time = Int64(now.timeIntervalSince1970)
    if let text {
      guard let lt = text.firstIndex(of: "<"), let gt = text.lastIndex(of: ">"), lt < gt else {
        throw CLIError(
          "--author must look like \"Name <mail@example.com>\", not '\(text)'",
          kind: .invalidRequest)
      }
      let name = text[..<lt].trimmingCharacters(in: .whitespaces)
      let mail = String(text[text.index(after: lt)..<gt])
      return Signature(name: name, email: mail, time: time, offsetMinutes: 0)
    }
    let env = ProcessInfo.processInfo.environment
    let name = env["GIT_AUTHOR_NAME"] ?? gitConfig("user.name") ?? env["USER"] ?? "registry"
    let mail = env["GIT_AUTHOR_EMAIL"] ?? gitConfig("user.email") ?? "\(name)@localhost"
    return Signature(name: name, email: mail, time: time, offsetMinutes: 0)
  }

  /// `key` of git's configuration (the repository around the current folder, the user's,
  /// the system's), nil when unset or blank.
  private static func gitConfig(_ key: String) -> String? {
    let value = GitConfiguration.string(key)?.trimmingCharacters(in: .whitespacesAndNewlines)
    return value?.isEmpty == false ? value : nil
  }
}
