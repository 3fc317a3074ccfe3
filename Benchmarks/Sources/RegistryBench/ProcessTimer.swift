import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a `Command` as a child process with `posix_spawnp` and times it from the spawn to the
/// reaped exit, on the monotonic clock: the wall time a user waits for the whole command.
enum ProcessTimer {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Where the children's standard error goes (shown when a run exits unexpectedly).
  static let stderrPath = FileManager.default.temporaryDirectory.appendingPathComponent("registry-bench-stderr-\(getpid())").path

  /// Milliseconds of one run of `command`; throws when it exits with an unexpected status.
  static func time(_ command: Command) throws -> Double {
    var env = ProcessInfo.processInfo.environment
    for (k, v) in command.environment { env[k] = v }
    let envStrings = env.map { "\($0.key)=\($0.value)" }
    var argv: [UnsafeMutablePointer<CChar>?] = command.arguments.map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, command.stdin ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var pid: pid_t = 0
    let start = now()
    let rc = posix_spawnp(&pid, command.arguments[0], &actions, nil, &argv, &envp)
    guard rc == 0 else { throw Failure(description: "cannot start \(command.arguments[0]): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let elapsed = now() - start
    let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    guard command.expectedStatus.contains(code) else {
      let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
      throw Failure(description: "\(command.label) exited \(code)\n\(err.suffix(2000))")
    }
    return elapsed
  }

  /// The monotonic clock in milliseconds.
  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
  }
}
