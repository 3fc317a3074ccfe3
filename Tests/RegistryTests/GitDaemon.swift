import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A real `git daemon` serving a folder on 127.0.0.1 at a free port, started by the test and
/// stopped (with every upload-pack/receive-pack child it forked) when released.
///
/// The daemon is spawned with `posix_spawn` into its own process group and reaped with
/// `waitpid` (not Foundation's `Process`, whose `waitUntilExit` can block forever here once
/// the child has exited), so stopping it kills the whole group: a transfer stuck in a child
/// can never outlive the test. ``deadline(_:_:)`` does the same when an operation takes too
/// long, which turns a hang into a failed test.
final class GitDaemon {
  let port: Int
  let base: String
  private let pid: pid_t
  private var reaped = false
  private let killedByDeadline = Tripwire()

  /// Starts `git daemon` on `base` and waits until it accepts connections.
  init(serving base: String, gitExecPath: String) throws {
    self.base = base
    port = try Self.freePort()
    pid = try Self.spawn([
      gitExecPath + "/git-daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)",
      "--base-path=\(base)", "--export-all", "--enable=receive-pack", "--informative-errors", base,
    ])
    let start = ContinuousClock.now
    while !Self.accepts(port: port) {
      var status: Int32 = 0
      let exited = waitpid(pid, &status, WNOHANG) == pid
      if exited { reaped = true }
      guard !exited, ContinuousClock.now - start < .seconds(10) else {
        stop()
        throw Failure(description: "git daemon did not listen on 127.0.0.1:\(port) within 10 s")
      }
      usleep(20_000)
    }
  }

  deinit { stop() }

  struct Failure: Error, CustomStringConvertible { let description: String }

  /// The URL of a repository under the served folder.
  func url(_ relative: String) -> String { "git://127.0.0.1:\(port)/\(relative)" }

  /// Kills the daemon's process group and reaps the daemon.
  func stop() {
    guard !reaped else { return }
    kill(-pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    reaped = true
  }

  /// Spawns `argv` in a new process group, stdout and stderr to /dev/null.
  private static func spawn(_ argv: [String]) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for p in cArgs { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, environ)
    guard rc == 0 else { throw Failure(description: "cannot start \(argv[0]): error \(rc)") }
    return pid
  }

  /// Runs `body`; when it has not returned after `seconds`, kills the daemon (closing every
  /// connection, so libgit2 returns an error) and throws: a hang fails instead of blocking.
  func deadline<R>(_ seconds: Int, _ what: String, _ body: () throws -> R) throws -> R {
    let done = Tripwire()
    let pid = self.pid
    let killed = killedByDeadline
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) {
      guard !done.isSet else { return }
      killed.set()
      kill(-pid, SIGKILL)
    }
    defer { done.set() }
    do {
      let r = try body()
      if killed.isSet {
        throw Failure(description: "\(what) over git:// took more than \(seconds) s")
      }
      return r
    } catch {
      if killed.isSet {
        throw Failure(
          description: "\(what) over git:// hung for \(seconds) s; the daemon was killed (\(error))"
        )
      }
      throw error
    }
  }

  /// A flag set once, read from any thread.
  final class Tripwire: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
  }

  /// A TCP port nobody listens on now (bound to port 0, read back, released).
  static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket() failed") }
    defer { close(fd) }
    var addr = loopback(port: 0)
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else { throw Failure(description: "bind() failed") }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  /// Whether something accepts TCP connections on 127.0.0.1:`port`.
  static func accepts(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var addr = loopback(port: port)
    return withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    } == 0
  }

  private static func loopback(port: Int) -> sockaddr_in {
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = UInt16(port).bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    return addr
  }
}
