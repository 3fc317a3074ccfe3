import Foundation
import Registry
import TestSupport
import Testing

/// libgit2's CA certificates are parsed when a connection needs them, not at start-up
/// (``DeferredCertificates``): checked with libgit2 itself and a real TLS server (Python's
/// `ssl` with certificates made by `openssl`).
@Suite("Deferred CA certificates", .serialized)
struct DeferredCertificatesTests {
  @Test("libgit2's start-up parse of the system CA bundle reaches the deferred recorder")
  func startupIsRecorded() throws {
    let fx = try GitFixture()
    _ = try GitRepository.create(at: fx.path("r.git"), bare: true)
    // Interposition works when libgit2's own call was recorded rather than parsed by mbedTLS.
    // (Debian's libgit2 names the bundle or the folder of the system's certificates.)
    let requests = DeferredCertificates.requests
    #expect(!requests.isEmpty, "libgit2's mbedtls_x509_crt_parse_* call was not intercepted")
    #expect(requests.allSatisfy { $0.location.hasPrefix("/") })
  }

  @Test("a fetch over https loads the trusted certificates before the handshake")
  func httpsFetchUsesDeferredCertificates() throws {
    guard let tls = try TLSServer.start() else { return }
    defer { tls.stop() }
    try Libgit2.setCertificateLocations(file: tls.trustedCA, directory: nil)
    #expect(DeferredCertificates.requests.last?.location == tls.trustedCA)

    // Trusted: the handshake succeeds and the server's 404 is what fails the fetch.
    let trusted = try fetchError(url: tls.url)
    #expect(trusted.contains("404"), "\(trusted)")
    #expect(DeferredCertificates.isLoaded)

    // Not trusted (another CA): the certificate is rejected, so verification really ran.
    try Libgit2.setCertificateLocations(file: tls.otherCA, directory: nil)
    let untrusted = try fetchError(url: tls.url)
    #expect(untrusted.lowercased().contains("certificate"), "\(untrusted)")
    #expect(!untrusted.contains("404"))
  }

  private func fetchError(url: String) throws -> String {
    let fx = try GitFixture()
    let repo = try GitRepository.create(at: fx.path("client.git"), bare: true)
    _ = try repo.addRemote(named: "origin", url: url)
    do {
      try repo.fetch(remote: "origin")
      return "fetch succeeded"
    } catch {
      return error.message
    }
  }
}

/// An HTTPS server on localhost that answers every request with 404, its certificate signed
/// by a throwaway CA; a second CA signs nothing. Nil (with the reason printed) without
/// `openssl` or `python3`.
private struct TLSServer {
  let url: String
  let trustedCA: String
  let otherCA: String
  let process: Process
  let directory: String

  static func start() throws -> TLSServer? {
    for tool in ["openssl", "python3"] where Subprocess.which(tool) == nil {
      print("skipped: \(tool) is not installed")
      return nil
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let script = """
      set -e
      cd '\(dir)'
      for ca in ca other; do
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$ca test CA" \\
          -keyout $ca.key -out $ca.pem 2>/dev/null
      done
      openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server.key -out server.csr 2>/dev/null
      printf 'subjectAltName=DNS:localhost\\n' > ext
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \\
        -extfile ext -out server.pem 2>/dev/null
      """
    let made = try Subprocess.run("/bin/bash", ["-c", script])
    guard made.status == 0 else { throw Failure(description: "openssl: \(made.stderr)") }
    let server = """
      import http.server, ssl, sys
      class H(http.server.BaseHTTPRequestHandler):
          def do_GET(self): self.send_error(404)
          def do_POST(self): self.send_error(404)
          def log_message(self, *a): pass
      s = http.server.HTTPServer(("127.0.0.1", 0), H)
      c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
      c.load_cert_chain("\(dir)/server.pem", "\(dir)/server.key")
      s.socket = c.wrap_socket(s.socket, server_side=True)
      print(s.server_address[1], flush=True)
      s.serve_forever()
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", server]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
    guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      kill(process.processIdentifier, SIGKILL)
      throw Failure(description: "the TLS server did not start: \(line)")
    }
    return TLSServer(
      url: "https://localhost:\(port)/repo.git", trustedCA: dir + "/ca.pem", otherCA: dir + "/other.pem",
      process: process, directory: dir)
  }

  /// SIGKILL: a child spawned from a test thread inherits its blocked signals, SIGTERM among
  /// them, and would outlive the test (holding the runner's output open).
  func stop() {
    kill(process.processIdentifier, SIGKILL)
    try? FileManager.default.removeItem(atPath: directory)
  }

  struct Failure: Error, CustomStringConvertible { let description: String }
}
