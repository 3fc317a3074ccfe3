import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The CA certificates libgit2 asks mbedTLS to parse, parsed when a network operation first
/// needs them rather than at `git_libgit2_init`.
///
/// Debian's libgit2 uses mbedTLS, and its initialisation parses the whole system CA bundle
/// (≈ 140 certificates, base64 and DER): 15–20 % of the CPU time of a `registry show` or
/// `search`, which never open a connection. This process defines the two mbedTLS functions
/// libgit2 calls for that (`mbedtls_x509_crt_parse_file` and `_path`); the executable's
/// exported definitions take precedence over libmbedx509's (ELF symbol interposition), so
/// libgit2 reaches these. They record the chain and the location; ``load()`` hands them to
/// mbedTLS's own functions (found with `dlsym(RTLD_NEXT, …)`), and every fetch, push and clone
/// calls it first (``GitRepository``'s remote operations).
///
/// libgit2 builds a fresh chain for each location it is given and frees the previous one
/// (`git_mbedtls__set_cert_location`), so only the requests of the latest chain are kept.
package enum DeferredCertificates {
  /// What libgit2 asked to parse into `chain`.
  package struct Request: Sendable, Equatable {
    package enum Kind: Sendable { case file, directory }
    package var kind: Kind
    package var location: String
  }

  private struct State: Sendable {
    var chain: UInt = 0
    var pending: [Request] = []
    var recorded: [Request] = []
  }

  private static let state = Mutex(State())

  static func record(_ chain: OpaquePointer?, _ location: UnsafePointer<CChar>?, _ kind: Request.Kind)
    -> Int32
  {
    guard let chain, let location else { return -1 }
    let request = Request(kind: kind, location: String(cString: location))
    state.withLock {
      if $0.chain != UInt(bitPattern: chain) { $0 = State(chain: UInt(bitPattern: chain)) }
      $0.pending.append(request)
      $0.recorded.append(request)
    }
    return 0
  }

  /// The locations recorded for the current chain (parsed or not), in the order given.
  package static var requests: [Request] { state.withLock { $0.recorded } }

  /// Whether every recorded location has been parsed.
  package static var isLoaded: Bool { state.withLock { $0.pending.isEmpty } }

  /// Parses the recorded locations into libgit2's chain with mbedTLS's own functions; a no-op
  /// once done.
  /// - Returns: the locations mbedTLS could not parse (its error code each), for a warning.
  @discardableResult
  package static func load() -> [(Request, Int32)] {
    Libgit2.ensureInitialized()
    return state.withLock { s -> [(Request, Int32)] in
      guard s.chain != 0, !s.pending.isEmpty else { return [] }
      let chain = OpaquePointer(bitPattern: s.chain)
      var failures: [(Request, Int32)] = []
      for request in s.pending {
        let rc = request.location.withCString { real(request.kind)?(chain, $0) ?? -1 }
        if rc < 0 { failures.append((request, rc)) }
      }
      s.pending = []
      return failures
    }
  }

  private typealias Parse = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32

  /// mbedTLS's definition, the one after this executable's in the lookup order.
  private static func real(_ kind: Request.Kind) -> Parse? {
    let name = kind == .file ? "mbedtls_x509_crt_parse_file" : "mbedtls_x509_crt_parse_path"
    let next = UnsafeMutableRawPointer(bitPattern: -1)  // RTLD_NEXT
    guard let symbol = dlsym(next, name) else { return nil }
    return unsafeBitCast(symbol, to: Parse.self)
  }
}

/// libgit2's call to parse a CA bundle: recorded, parsed by ``DeferredCertificates/load()``.
@_cdecl("mbedtls_x509_crt_parse_file")
public func registry_deferred_crt_parse_file(
  _ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?
) -> Int32 {
  DeferredCertificates.record(chain, path, .file)
}

/// libgit2's call to parse a directory of CA certificates: recorded, parsed by
/// ``DeferredCertificates/load()``.
@_cdecl("mbedtls_x509_crt_parse_path")
public func registry_deferred_crt_parse_path(
  _ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?
) -> Int32 {
  DeferredCertificates.record(chain, path, .directory)
}
