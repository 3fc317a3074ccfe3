#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to stdout and stderr (the task's `OutputStreams`), and knows whether colour is
/// wanted.
struct Terminal {
  var colorChoice: ColorChoice = .auto
  /// Where the text goes.
  var streams = OutputStreams.current

  /// Whether stderr gets ANSI colour: `always`, or `auto` on a TTY without NO_COLOR.
  var stderrColor: Bool { wantsColor(streams.descriptors?.err) }

  var stdoutColor: Bool { wantsColor(streams.descriptors?.out) }

  private func wantsColor(_ fd: Int32?) -> Bool {
    switch colorChoice {
    case .always: return true
    case .never: return false
    case .auto:
      if getenv("NO_COLOR") != nil { return false }
      return Self.isTerminal(fd)
    }
  }

  /// The width tables fit when stdout is a terminal (COLUMNS, else the terminal's width, else
  /// 80); nil when it is not, so piped tables are never narrowed.
  var tableWidth: Int? {
    guard let fd = streams.descriptors?.out, isatty(fd) == 1 else { return nil }
    if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 20 { return n }
    var ws = winsize()
    if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 20 { return Int(ws.ws_col) }
    return 80
  }

  /// A line on stdout (a newline is added when `text` lacks one).
  func out(_ text: String) {
    write(text.hasSuffix("\n") ? text : text + "\n")
  }

  /// A line on stderr (a newline is added when `text` lacks one).
  func err(_ text: String) {
    writeError(text.hasSuffix("\n") ? text : text + "\n")
  }

  /// `text` on stdout as it is.
  func write(_ text: String) {
    var stream = streams.out
    stream.write(text)
  }

  /// UTF-8 `bytes` (whole characters) on stdout as they are: straight to the descriptor when
  /// stdout is the process's own, without making a `String`.
  func write(bytes: UnsafeRawBufferPointer) {
    if let fd = streams.descriptors?.out {
      FileDescriptorStream(fd: fd).write(bytes: bytes)
    } else {
      write(String(decoding: bytes, as: UTF8.self))
    }
  }

  /// A buffer whose pieces go to stdout.
  var outputBuffer: OutputBuffer { OutputBuffer(to: write(bytes:)) }

  /// `text` on stderr as it is.
  func writeError(_ text: String) {
    var stream = streams.err
    stream.write(text)
  }

  /// A progress line on stderr that rewrites itself on a TTY.
  func progress(_ text: String) {
    guard Self.isTerminal(streams.descriptors?.err) else { return }
    writeError("\r\u{1B}[K" + text)
  }

  func endProgress() {
    guard Self.isTerminal(streams.descriptors?.err) else { return }
    writeError("\r\u{1B}[K")
  }

  /// Writes all of `text` to stdout (`fd` 1) or stderr (any other) of the task's streams.
  static func write(_ text: String, to fd: Int32) {
    let terminal = Terminal()
    if fd == STDOUT_FILENO { terminal.write(text) } else { terminal.writeError(text) }
  }

  static func paint(_ text: String, _ code: String, enabled: Bool) -> String {
    enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  private static func isTerminal(_ fd: Int32?) -> Bool {
    fd.map { isatty($0) == 1 } ?? false
  }
}
