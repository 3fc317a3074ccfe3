import Schema
import Testing

/// Merge keys resolve as PyYAML's `flatten_mapping` does.
@Suite struct YAMLMergeKeyTests {
  static func flat(_ node: YAMLNode) -> [String] {
    (node.mapping ?? []).map { "\($0.key.scalar ?? "?")=\($0.value.scalar ?? "{…}")" }
  }

  @Test func singleAliasAndListOfAliases() throws {
    let doc = try YAML.parse(
      """
      a: &a {x: 1, y: 2}
      b: &b {y: 3, z: 4}
      one:
        <<: *a
        y: 9
      list:
        w: 0
        <<: [*a, *b]
      """)
    // Own keys win over merged ones, in the place the merged key had.
    #expect(Self.flat(try #require(doc.root["one"])) == ["x=1", "y=9"])
    // In a list, an earlier mapping wins: b's y loses to a's.
    #expect(Self.flat(try #require(doc.root["list"])) == ["y=2", "z=4", "x=1", "w=0"])
    #expect(doc.mergeKeys.map(\.line) == [4, 8])
  }

  @Test func quotedOrTaggedIsAPlainKey() throws {
    let doc = try YAML.parse("m:\n  \"<<\": {x: 1}\n  y: 2\n")
    #expect(Self.flat(try #require(doc.root["m"])) == ["<<={…}", "y=2"])
    #expect(doc.mergeKeys.isEmpty)
  }

  @Test func aMergeOfAScalarIsAnError() {
    let error = #expect(throws: YAMLError.self) { try YAML.parse("m:\n  <<: 3\n  y: 2\n") }
    #expect(error?.kind == .invalidMerge && error?.mark.line == 2)
    let inList = #expect(throws: YAMLError.self) { try YAML.parse("m:\n  <<: [{a: 1}, 2]\n") }
    #expect(inList?.kind == .invalidMerge)
  }
}
