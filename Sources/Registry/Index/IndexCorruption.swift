import Foundation

/// What a command does when a block of an index file turns out corrupted as it is read (the
/// checks at open passed, and the bytes were about to be used): it cannot print what it read,
/// so it removes the file (the next command rebuilds it) and stops with a message.
enum IndexCorruption {
  /// The exit status then (EX_TEMPFAIL: running the command again succeeds).
  static let exitStatus: Int32 = 75

  /// The message for block `block` of `blocks` of the file at `path`.
  static func message(path: String?, block: Int, of blocks: Int) -> String {
    "\(path ?? "<index in memory>"): error: the index cache is corrupted (block \(block + 1) of "
      + "\(blocks) does not match its checksum)\n"
      + "hint: the file has been removed: run the command again to rebuild it\n"
  }

  /// Removes the file at `path`, prints the message on stderr and exits.
  static func stop(path: String?, block: Int, of blocks: Int) -> Never {
    if let path { unlink(path) }
    FileHandle.standardError.write(Data(message(path: path, block: block, of: blocks).utf8))
    exit(exitStatus)
  }
}
