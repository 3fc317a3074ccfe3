import Engines
import Migrate
import Testing

@Suite("VersionRange")
struct VersionRangeTests {
  struct Row: Sendable, CustomTestStringConvertible {
    let range: String
    let inside: [String]
    let outside: [String]
    var testDescription: String { range }
  }

  static let matrix: [Row] = [
    Row(
      range: ">=0.5,<0.6", inside: ["0.5", "0.5.0", "0.5.5.post2", "0.5.23"],
      outside: ["0.4.6.post5", "0.5.0rc2", "0.6.0", "0.6.0rc1"]),
    Row(
      range: "~0.5.5", inside: ["0.5.5", "0.5.5.post2", "0.5.9"],
      outside: ["0.5.4", "0.6.0", "0.6.0rc1"]),
    Row(
      range: "^0.10", inside: ["0.10.0", "0.10.1.1", "0.10.2"], outside: ["0.9.9", "0.11.0", "1.0"]),
    Row(range: "^1.2", inside: ["1.2.0", "1.9.3"], outside: ["2.0.0", "1.1"]),
    Row(range: "^0.0.3", inside: ["0.0.3"], outside: ["0.0.4", "0.0.2"]),
    Row(range: "=0.5.5.post2", inside: ["v0.5.5.post2"], outside: ["0.5.5", "0.5.5.post1"]),
    Row(
      range: "0.5.5", inside: ["0.5.5", "v0.5.5", "0.5.5.0"], outside: ["0.5.5.post2", "0.5.6"]),
    Row(range: "*", inside: ["0.1", "99.0", "0.5.0rc2"], outside: []),
    Row(range: ">0.4", inside: ["0.4.0.post1", "0.5"], outside: ["0.4", "0.3.9"]),
    Row(range: "<=1.0", inside: ["1.0.0", "0.9"], outside: ["1.0.1", "1.0.0.post1"]),
    Row(range: "!=0.5.1", inside: ["0.5.0", "0.5.2"], outside: ["0.5.1", "0.5.1.0"]),
    Row(
      range: " >=0.8.5 , !=0.9.0 , <0.11 ", inside: ["0.8.5.post1", "0.10.2"],
      outside: ["0.9.0", "0.11.0", "0.8.4"]),
    Row(range: "<0.6.0rc2", inside: ["0.6.0rc1", "0.5.9"], outside: ["0.6.0rc2", "0.6.0"]),
    // llama.cpp builds: ordered by number, never against a PEP 440 version.
    Row(range: ">=b8000", inside: ["b8000", "b8094", "b10001"], outside: ["b7999", "0.5.8", "9000.0"]),
    Row(range: ">=b8000,<b8100", inside: ["b8094"], outside: ["b8100", "b812"]),
    Row(range: "=b8094", inside: ["b8094"], outside: ["b8095", "8094"]),
    Row(range: ">=0.5", inside: ["0.5.8"], outside: ["b8094"]),
    Row(range: "!=b8094", inside: ["b8095", "0.5.8"], outside: ["b8094"]),
  ]

  @Test(arguments: matrix)
  func matching(_ row: Row) throws {
    let range = try VersionRange(parsing: row.range)
    for text in row.inside {
      let v = try #require(EngineVersion(text))
      #expect(range.contains(v), "\(text) should be in \(row.range)")
    }
    for text in row.outside {
      let v = try #require(EngineVersion(text))
      #expect(!range.contains(v), "\(text) should not be in \(row.range)")
    }
  }

  @Test func canonicalForms() throws {
    #expect(try VersionRange(parsing: "~0.5.5").canonical == ">=0.5.5,<0.6.0")
    #expect(try VersionRange(parsing: "^0.10").canonical == ">=0.10,<0.11.0")
    #expect(try VersionRange(parsing: "~1").canonical == ">=1,<2.0.0")
    #expect(try VersionRange(parsing: "*").comparators.isEmpty)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    let text: String
    let column: Int
    let kind: VersionRangeError.Kind
    var testDescription: String { text }
  }

  static let bad: [Bad] = [
    Bad(text: "", column: 1, kind: .empty),
    Bad(text: ">=0.5,", column: 6, kind: .emptyClause),
    Bad(text: ">=0.5,,<1", column: 7, kind: .emptyClause),
    Bad(text: ">=", column: 2, kind: .missingVersion),
    Bad(text: ">=0.5,<0.x", column: 8, kind: .invalidVersion("0.x")),
    Bad(text: "~> 1.2", column: 2, kind: .invalidVersion("> 1.2")),
    Bad(text: "*,<1", column: 1, kind: .wildcardNotAlone),
    Bad(text: ">=*", column: 3, kind: .wildcardNotAlone),
    Bad(text: "=> 0.5", column: 2, kind: .invalidVersion("> 0.5")),
    Bad(text: ">=0.5,~b8094", column: 7, kind: .bumpOfBuildNumber("b8094")),
    Bad(text: "^b8000", column: 1, kind: .bumpOfBuildNumber("b8000")),
    Bad(text: ">=b80x", column: 3, kind: .invalidVersion("b80x")),
  ]

  @Test(arguments: bad)
  func parseErrors(_ bad: Bad) {
    #expect {
      _ = try VersionRange(parsing: bad.text)
    } throws: { error in
      guard let e = error as? VersionRangeError else { return false }
      return e.column == bad.column && e.kind == bad.kind && e.hint.contains("~0.5.5")
        && e.hint.contains("^0.10")
    }
  }
}
