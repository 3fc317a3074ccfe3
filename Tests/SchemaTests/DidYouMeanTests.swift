import Schema
import Testing

@Suite("DidYouMean")
struct DidYouMeanTests {
  @Test(arguments: [
    ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("ab", "ba", 1),
    ("--tp-szie", "--tp-size", 1), ("ca", "abc", 3),
  ])
  func distance(a: String, b: String, expected: Int) {
    #expect(DidYouMean.distance(a, b) == expected)
    #expect(DidYouMean.distance(b, a) == expected)
  }

  @Test func closest() {
    let flags = [
      "--tp-size", "--pp-size", "--dp-size", "--context-length", "--max-running-requests",
    ]
    #expect(DidYouMean.closest(to: "--tp-szie", in: flags) == "--tp-size")
    #expect(DidYouMean.closest(to: "--context-lenght", in: flags) == "--context-length")
    #expect(DidYouMean.closest(to: "--max-runing-request", in: flags) == "--max-running-requests")
    #expect(DidYouMean.closest(to: "--quantization", in: flags) == nil)
    #expect(
      DidYouMean.closest(to: "--tp-size", in: flags) == nil, "an exact match is not a suggestion")
    // Ties resolve deterministically to the smaller candidate.
    #expect(DidYouMean.closest(to: "--xp-size", in: ["--tp-size", "--dp-size"]) == "--dp-size")
  }
}
