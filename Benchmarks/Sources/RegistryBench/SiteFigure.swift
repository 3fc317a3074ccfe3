import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The page figure: the site's GPU filter over every recipe of the synthetic registry, timed
/// by the page itself in headless Chromium (JS, style and layout; `?bench=N` applies it N
/// times and records each), held to the 100 ms budget the site test used to assert (timing
/// inside a test failed under load; the test keeps what the filter shows). The page is
/// written by `registry site` of the timed binary and served by `python3 -m http.server`.
enum SiteFigure {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static let gpu = "h200"
  static let name = "site: filter every recipe by --gpu \(gpu) in headless Chromium (JS, style and layout)"

  /// The outcome, or nil with the reason when Chromium or python3 is not installed.
  static func run(binary: String, registry: String, root: String, runs: Int) throws -> (
    Runner.Outcome?, String
  ) {
    guard let browser = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(which).first
    else { return (nil, "site figure skipped: chromium is not installed (scripts/setup installs it)") }
    guard let python = which("python3") else { return (nil, "site figure skipped: python3 is not installed") }
    let site = root + "/site"
    try? FileManager.default.removeItem(atPath: site)
    _ = try ProcessTimer.time(
      Command(nil, [binary, "site", "--no-history", "--inline-details", "never", "-o", site, "--repo", registry, "-q"]))
    let server = try Server(python: python, directory: site)
    defer { server.stop() }
    let samples = max(runs, 9)
    let url = "http://127.0.0.1:\(server.port)/index.html?gpu=\(gpu)&bench=\(samples)"
    let dom = try output(
      browser,
      [
        "--headless=new", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
        "--hide-scrollbars", "--window-size=1400,900", "--virtual-time-budget=10000",
        "--user-data-dir=" + root + "/chromium-profile", "--dump-dom", url,
      ])
    guard let text = bodyData(dom, "filter-ms-samples") else {
      throw Failure(description: "the page recorded no filter times (data-filter-ms-samples missing)")
    }
    let times = text.split(separator: ",").compactMap { Double($0) }
    let stats = Stats(times)
    let budget = Budget.ms(100, "former site test budget (10k recipes)")
    let outcome = Runner.Outcome(
      name: name,
      registry: "index.html?gpu=\(gpu)&bench=\(samples) (registry site)", registryStats: stats, reference: nil,
      referenceStats: nil, ratioStats: nil,
      checks: [Runner.Outcome.Check(budget: budget.description, ok: budget.met(registry: stats.median, reference: nil))],
      note: "timed by the page (performance.now around the filter and a forced layout), one sample per application")
    return (outcome, "")
  }

  /// The value of `data-KEY` on `<body>` of a dumped DOM.
  static func bodyData(_ html: String, _ key: String) -> String? {
    guard let b = html.range(of: "<body"), let end = html[b.upperBound...].firstIndex(of: ">") else { return nil }
    let tag = html[b.upperBound..<end]
    guard let k = tag.range(of: "data-\(key)=\"") else { return nil }
    let v = tag[k.upperBound...]
    return v.firstIndex(of: "\"").map { String(v[..<$0]) }
  }

  static func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// Runs a program; its standard output (standard error is dropped).
  static func output(_ program: String, _ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw Failure(description: "\(program) exited \(p.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// A static HTTP server on a free port of 127.0.0.1 (the kernel picks it), stopped by `stop`
  /// or when its standard input closes.
  final class Server {
    let port: Int
    private let process: Process
    private let stdin: Pipe

    init(python: String, directory: String) throws {
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
        throw Failure(description: "the static server did not start")
      }
      self.port = port
      self.process = p
      self.stdin = input
    }

    func stop() {
      try? stdin.fileHandleForWriting.close()
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }
}
