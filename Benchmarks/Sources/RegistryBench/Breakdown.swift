import CYAMLEvents
import Foundation
import Schema

/// The optional in-process figures beside the whole-process ones: the YAML document layer
/// over the same files as the yaml scenario, next to libyaml's bare event loop in the same
/// process (no process start, no file reads: the bytes are in memory).
enum Breakdown {
  static func yaml(files dir: String, runs: Int) throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }
    let docs = try names.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0))) }
    let mb = Double(docs.reduce(0) { $0 + $1.count }) / 1_000_000
    var sink = 0
    func best(_ body: () -> Void) -> Double {
      var best = Double.infinity
      for _ in 0..<max(1, runs) {
        let start = ProcessTimer.now()
        body()
        best = min(best, ProcessTimer.now() - start)
      }
      return best
    }
    let raw = best { for d in docs { sink &+= d.withUnsafeBufferPointer { yaml_events_count($0.baseAddress, $0.count) } } }
    let layer = best {
      for d in docs { sink &+= (try? YAML.parseStreamWithLibYAML(d, comments: true).first?.root.mapping?.count ?? 0) ?? 0 }
    }
    let scanner = best { for d in docs { sink &+= (try? YAML.parseStream(d).first?.root.mapping?.count ?? 0) ?? 0 } }
    let bare = best { for d in docs { sink &+= (try? YAML.parseStream(d, comments: false).first?.root.mapping?.count ?? 0) ?? 0 } }
    func row(_ label: String, _ ms: Double) -> String {
      "  " + Format.padded(label, 58) + " best " + Format.ms(ms) + " ms  " + Format.decimal(mb / (ms / 1000), 1) + " MB/s"
        + (label.hasPrefix("libyaml") ? "" : "  \(Format.decimal(ms / raw))× libyaml")
    }
    #if DEBUG
      let build = " — a debug build of registry-bench: these figures mean nothing (scripts/bench builds release)"
    #else
      let build = ""
    #endif
    return [
      "breakdown (in process): YAML of \(docs.count) files, \(Format.decimal(mb)) MB, best of \(max(1, runs))\(sink == 42 ? " " : "")\(build)",
      row("libyaml event loop", raw),
      row("document layer, every event from libyaml", layer),
      row("document layer with the subset scanner (as registry reads)", scanner),
      row("the same without comments (as the index reads)", bare),
    ]
  }
}
