import Foundation
import Launch
import Testing

@Suite struct ShellQuoteTests {
  @Test("quoted words reach bash byte-exact", arguments: SamplePlans.hostile)
  func roundTrip(_ word: String) throws {
    let script = "printf '%s' \(ShellQuote.quote(word))"
    let r = try Tools.run(["/bin/bash", "-c", script])
    #expect(r.status == 0)
    #expect(r.stdout == word)
  }

  @Test func safeWordsStayReadable() {
    #expect(ShellQuote.quote("--tp-size") == "--tp-size")
    #expect(ShellQuote.quote("a/b:c=d,e@f%g+h.i") == "a/b:c=d,e@f%g+h.i")
    #expect(ShellQuote.quote("") == "''")
    #expect(ShellQuote.quote("it's") == "'it'\\''s'")
    #expect(ShellQuote.quote("~") == "'~'")
  }
}
