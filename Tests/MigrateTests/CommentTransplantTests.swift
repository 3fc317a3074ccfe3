import Schema
import Testing

@testable import Migrate

/// Comments collected from one tree and applied to an equal tree without comments come back
/// on the same keys and items; comments for a missing path go to its nearest ancestor.
@Suite struct CommentTransplantTests {
  static let commented = """
    # head
    name: demo  # the name
    model:
      # weights
      path: org/m
      precision: fp8  # fp8 weights
    args:
      - --a  # first
      # before the second
      - --b
    roles:
      prefill:
        env:
          X: "1"  # x
    """

  static let bare = """
    name: demo
    model:
      path: org/m
      precision: fp8
    args:
      - --a
      - --b
    roles:
      prefill:
        env:
          X: "1"
    """

  @Test func collectedCommentsReturnToTheirKeysAndItems() throws {
    let source = try YAML.parse(Array(Self.commented.utf8))
    let target = try YAML.parse(Array(Self.bare.utf8))
    let placements = CommentTransplant.collect(source.root)
    #expect(placements.count >= 6)
    let moved = CommentTransplant.apply(placements, to: target.root)
    #expect(YAMLEmitter.emit(moved) == YAMLEmitter.emit(source.root))
    #expect(YAMLEmitter.emit(target.root) != YAMLEmitter.emit(source.root))
  }

  @Test func missingPathsGoToTheNearestAncestor() throws {
    let target = try YAML.parse(Array(Self.bare.utf8))
    let placement = CommentPlacement(
      path: "roles.prefill.serving.tp", keyComments: YAMLComments(before: [" gone"]),
      valueComments: YAMLComments())
    let moved = CommentTransplant.apply([placement], to: target.root)
    let prefill = try #require(moved["roles"]?.mapping?.first { $0.key.scalar == "prefill" })
    #expect(prefill.key.comments.before == [" gone"])
    let root = CommentTransplant.apply(
      [
        CommentPlacement(
          path: "nowhere.at.all", keyComments: YAMLComments(before: [" top"]),
          valueComments: YAMLComments())
      ],
      to: target.root)
    #expect(root.comments.before == [" top"])
  }
}
