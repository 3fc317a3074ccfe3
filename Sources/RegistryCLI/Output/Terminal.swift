#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to stdout and stderr, and knows whether colour is wanted.
struct Terminal {
  var colorChoice: ColorChoice = .auto

  /// Whether stderr gets ANSI colour: `always`, or `auto` on a TTY without NO_COLOR.
  var stderrColor: Bool {
    switch colorChoice {
    case .always: return true
    case .never: return false
    case .auto:
      if getenv("NO_COLOR") != nil { return false }
      return isatty(STDERR_FILENO) == 1
    }
  }

  var stdoutColor: Bool {
    switch colorChoice {
    case .always: return true
    case .never: return false
    case .auto:
      if getenv("NO_COLOR") != nil { return false }
      return isatty(STDOUT_FILENO) == 1
    }
  }

  /// Terminal width for tables (COLUMNS, else 100 when not a TTY).
  var width: Int {
    if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 20 { return n }
    var ws = winsize()
    if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 20 {
      return Int(ws.ws_col)
    }
    return 120
  }

  func out(_ text: String) {
    var s = text
    if !s.hasSuffix("\n") { s += "\n" }
    Self.write(s, to: STDOUT_FILENO)
  }

  func err(_ text: String) {
    var s = text
    if !s.hasSuffix("\n") { s += "\n" }
    Self.write(s, to: STDERR_FILENO)
  }

  /// A progress line on stderr that rewrites itself on a TTY.
  func progress(_ text: String) {
    guard isatty(STDERR_FILENO) == 1 else { return }
    Self.write("\r\u{1B}[K" + text, to: STDERR_FILENO)
  }

  func endProgress() {
    guard isatty(STDERR_FILENO) == 1 else { return }
    Self.write("\r\u{1B}[K", to: STDERR_FILENO)
  }

  /// Writes all of `text` to a file descriptor (unbuffered, so stdout and stderr interleave
  /// in order).
  static func write(_ text: String, to fd: Int32) {
    var text = text
    text.withUTF8 { buf in
      var done = 0
      while done < buf.count {
        let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
        if n <= 0 { return }
        done += n
      }
    }
  }

  static func paint(_ text: String, _ code: String, enabled: Bool) -> String {
    enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
