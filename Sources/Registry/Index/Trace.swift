import Foundation

/// Phase timings on stderr when `REGISTRY_TRACE` is set (for profiling the index).
struct Trace {
  /// Read with getenv: ProcessInfo builds a dictionary of the whole environment.
  private static let enabled = getenv("REGISTRY_TRACE") != nil
  let label: String
  let start = ContinuousClock.now

  init(_ label: String) { self.label = label }

  func mark(_ phase: String) {
    guard Self.enabled else { return }
    let d = ContinuousClock.now - start
    let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
    FileHandle.standardError.write(Data("trace \(label) \(phase): \(ms) ms\n".utf8))
  }
}
