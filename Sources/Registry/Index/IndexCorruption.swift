import Foundation

/// What a command does when a block of an index file turns out corrupted as it is read (the
/// checks at open passed, and the bytes were about to be used): it cannot print what it read,
/// so it removes the file (the next command rebuilds it) and stops with a message.
enum IndexCorruption {
  /// The exit status then (EX_TEMPFAIL: running the command again succeeds).
  static let exitStatus: Int32 = 75

  /// The message for block `block` of `blocks` of the file at `path`.
  static func message(path: String?, block: Int, of blocks: Int) -> String {
    message(
      path: path,
      problem: "corrupted (block \(block + 1) of \(blocks) does not match its checksum)")
  }

  /// The message for a file at `path` whose bytes match their checksums but do not make sense
  /// (`problem` says what; a file crafted in a shared git directory, or a writer's bug).
  static func message(path: String?, malformed problem: String) -> String {
    message(path: path, problem: "malformed (\(problem))")
  }

  private static func message(path: String?, problem: String) -> String {
    "\(path ?? "<index in memory>"): error: the index cache is \(problem)\n"
      + "hint: the file has been removed: run the command again to rebuild it\n"
  }

  /// Removes the file at `path`, prints the message for block `block` on stderr and exits.
  static func stop(path: String?, block: Int, of blocks: Int) -> Never {
    stop(path: path, message: message(path: path, block: block, of: blocks))
  }

  /// Removes the file at `path`, prints the message for a malformed file on stderr and exits.
  static func stop(path: String?, malformed problem: String) -> Never {
    stop(path: path, message: message(path: path, malformed: problem))
  }

  private static func stop(path: String?, message: String) -> Never {
    if let path { unlink(path) }
    FileHandle.standardError.write(Data(message.utf8))
    exit(exitStatus)
  }
}
