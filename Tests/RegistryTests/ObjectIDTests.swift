import Registry
import Testing

@Suite("ObjectID and GitError values")
struct ObjectIDTests {
  @Test("hex round-trips and ordering follows the hex strings")
  func hexAndOrder() throws {
    let hexes = [
      "0000000000000000000000000000000000000001", "ffffffffffffffffffffffffffffffffffffffff",
      "89abcdef0123456789abcdef0123456789abcdef", "89abcdef0123456789abcdef0123456789abcdee",
      "0123456789abcdef0123456789abcdef01234567",
    ]
    let ids = try hexes.map { try #require(ObjectID(hex: $0)) }
    #expect(ids.map(\.hex) == hexes)
    #expect(ids.map(\.description) == hexes)
    #expect(ids.sorted().map(\.hex) == hexes.sorted())
    #expect(ObjectID(hex: hexes[2].uppercased()) == ids[2])
    #expect(ObjectID(bytes: ids[4].bytes) == ids[4])
    #expect(ids[4].bytes.count == 20 && ids[4].bytes.first == 0x01)
    #expect(ids[2].abbreviated() == "89abcde")
    #expect(ObjectID(hex: String(hexes[0].dropLast())) == nil)
    #expect(ObjectID(hex: "g" + hexes[0].dropFirst()) == nil)
    #expect(ObjectID(bytes: [UInt8](repeating: 0, count: 19)) == nil)
    #expect(Set(ids + ids).count == hexes.count)
  }

  @Test("errors describe object, repository and function")
  func errorDescription() {
    let error = GitError(
      code: GitError.Code(rawCode: -3), message: "revspec 'x' not found",
      function: "git_revparse_single", object: "rev 'x'", repository: "/srv/reg")
    #expect(error.code == .notFound)
    #expect(
      error.description
        == "rev 'x' not found in /srv/reg (git_revparse_single): revspec 'x' not found")
    #expect(GitError.Code(rawCode: -15) == .modified)
    #expect(GitError.Code(rawCode: -4) == .exists)
    #expect(GitError.Code(rawCode: -5) == .ambiguous)
    #expect(GitError.Code(rawCode: -14) == .locked)
    #expect(GitError.Code(rawCode: -11) == .nonFastForward)
    #expect(GitError.Code(rawCode: -1) == .other(-1))
  }
}
