#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

extension LaunchPlan {
  /// The plan as pretty-printed JSON with sorted keys: the `--json` output.
  public func jsonString() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }

  /// Decodes a plan from its JSON form.
  public init(json: String) throws {
    self = try JSONDecoder().decode(LaunchPlan.self, from: Data(json.utf8))
  }
}
