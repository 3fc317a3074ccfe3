import Foundation

/// Headless Chromium (the Debian `chromium` package, installed by scripts/setup) driven from
/// its command line: `--dump-dom` prints the DOM after the page's scripts ran, `--screenshot`
/// writes a PNG. No driver and nothing downloaded at run time.
public enum HeadlessBrowser {
  /// The chromium binary, or nil with the reason it cannot be used.
  public static func locate() -> (path: String?, reason: String) {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      if let p = Subprocess.which(name) { return (p, "") }
    }
    return (nil, "chromium is not installed (scripts/setup installs the Debian package)")
  }

  /// The chromium binary.
  /// - Throws: ``Failure`` with the reason it cannot be used.
  public static func path() throws -> String {
    let (path, reason) = locate()
    guard let path else { throw Failure(reason) }
    return path
  }

  static func baseArguments(width: Int, height: Int) -> [String] {
    [
      "--headless=new", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
      "--hide-scrollbars", "--window-size=\(width),\(height)", "--virtual-time-budget=10000",
      "--user-data-dir="
        + FileManager.default.temporaryDirectory.appendingPathComponent(
          "chromium-\(UUID().uuidString)"
        ).path,
    ]
  }

  /// The DOM of `url` after its scripts ran.
  public static func dumpDOM(_ browser: String, url: String, width: Int = 1400, height: Int = 900)
    throws -> String
  {
    let r = try Subprocess.run(
      browser, baseArguments(width: width, height: height) + ["--dump-dom", url])
    guard r.status == 0 else {
      throw Failure("chromium --dump-dom failed (\(r.status)): \(r.stderr.suffix(2000))")
    }
    return r.stdout
  }

  /// Writes a screenshot of `url` to `png`.
  public static func screenshot(
    _ browser: String, url: String, to png: String, width: Int = 1400, height: Int = 900
  ) throws {
    let r = try Subprocess.run(
      browser, baseArguments(width: width, height: height) + ["--screenshot=" + png, url])
    guard r.status == 0, FileManager.default.fileExists(atPath: png) else {
      throw Failure("chromium --screenshot failed (\(r.status)): \(r.stderr.suffix(2000))")
    }
  }

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
  }
}

/// `python3 -m http.server` on a free port of 127.0.0.1, serving one folder; stopped on deinit
/// (SIGKILL, since test runners may ignore SIGTERM for their children) and, should the test
/// process die first, when its stdin closes.
public final class StaticServer {
  public let port: Int
  private let process: Process
  private let stdin: Pipe

  public init(directory: String) throws {
    guard let python = Subprocess.which("python3") else {
      throw HeadlessBrowser.Failure("python3 is not installed")
    }
    // Bind port 0 so the kernel picks a free port, print it, then serve.
    let script = """
      import functools, http.server, os, socketserver, sys, threading
      threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
      handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
      handler.log_message = lambda *a: None
      with socketserver.TCPServer(("127.0.0.1", 0), handler) as s:
          print(s.server_address[1], flush=True)
          s.serve_forever()
      """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = ["-c", script, directory]
    let out = Pipe()
    let input = Pipe()
    p.standardOutput = out
    p.standardInput = input
    p.standardError = FileHandle.nullDevice
    try p.run()
    var line = Data()
    while true {
      let byte = out.fileHandleForReading.readData(ofLength: 1)
      if byte.isEmpty || byte == Data("\n".utf8) { break }
      line.append(byte)
    }
    guard let port = Int(String(decoding: line, as: UTF8.self)) else {
      kill(p.processIdentifier, SIGKILL)
      throw HeadlessBrowser.Failure("the static server did not start")
    }
    self.port = port
    self.process = p
    self.stdin = input
  }

  public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

  deinit {
    try? stdin.fileHandleForWriting.close()
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

/// Rows of the page's recipe table in a dumped DOM: name and whether the row is hidden.
public enum SiteDOM {
  /// Scans the UTF-8 bytes once (Foundation's `range(of:)` on a large Substring bridges it
  /// to NSString on every call, which made 10k rows take minutes).
  public static func rows(_ html: String) -> [(name: String, hidden: Bool)] {
    let bytes = Array(html.utf8)
    let needle = Array("role=\"row\" data-name=\"".utf8)
    let hidden = Array(" hidden".utf8)
    var out: [(String, Bool)] = []
    var i = 0
    while let start = find(needle, in: bytes, from: i) {
      let nameStart = start + needle.count
      guard let q = bytes[nameStart...].firstIndex(of: UInt8(ascii: "\"")),
        let gt = bytes[q...].firstIndex(of: UInt8(ascii: ">"))
      else { break }
      let name = unescape(String(decoding: bytes[nameStart..<q], as: UTF8.self))
      out.append((name, find(hidden, in: bytes[..<gt], from: q) != nil))
      i = gt
    }
    return out
  }

  /// The first index at or after `from` where `needle` starts in `bytes`.
  static func find(_ needle: [UInt8], in bytes: ArraySlice<UInt8>, from: Int) -> Int? {
    guard let first = needle.first, bytes.endIndex - needle.count >= from else { return nil }
    var i = from
    while i <= bytes.endIndex - needle.count {
      if bytes[i] == first, bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }

  static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
    find(needle, in: bytes[...], from: from)
  }

  /// The value of `data-KEY` on `<body>`.
  public static func bodyData(_ html: String, _ key: String) -> String? {
    guard let b = html.range(of: "<body"), let end = html[b.upperBound...].firstIndex(of: ">")
    else { return nil }
    let tag = html[b.upperBound..<end]
    guard let k = tag.range(of: "data-\(key)=\"") else { return nil }
    let v = tag[k.upperBound...]
    return v.firstIndex(of: "\"").map { String(v[..<$0]) }
  }

  static func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
  }
}
