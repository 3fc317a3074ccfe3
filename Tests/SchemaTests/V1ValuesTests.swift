import Testing

@testable import Schema

/// The byte-level readers of v1 values give the answers of the character-level definitions
/// they replace, on ASCII and non-ASCII text alike.
@Suite struct V1ValuesTests {
  static let texts = [
    "", "{", "}", "{}", "{a}", "{conc}", "{ conc}", "{a{b}", "{a}b}", "{a}}", "{{a}", "a{b}",
    "{\r\n}",
    "{\u{301}a}", "{a\u{301}}", "{é}", "{a}\u{301}", "x", "4", "4x8x16", "4x8x16x", "x4", "4xx8",
    "0x4", "4x0", "+4x8", "-4x8", "4x-8", " 4x8", "4x8 ", "4X8", "4x\u{301}8", "4\u{301}x8", "٤x8",
    "99999999999999999999x1", "1x99999999999999999999", "4x8x16x32x64", "{conc}x4", "1",
  ]

  /// `isPlaceholder` as it was written over characters.
  static func placeholderByCharacters(_ s: String) -> Bool {
    guard s.hasPrefix("{"), s.hasSuffix("}"), s.count > 2 else { return false }
    return !s.dropFirst().dropLast().contains { $0 == "{" || $0 == "}" || $0 == " " }
  }

  /// `V1Concurrencies.isValid` as it was written with `split`.
  static func concurrenciesBySplit(_ text: String) -> Bool {
    if placeholderByCharacters(text) { return true }
    let parts = text.split(separator: "x", omittingEmptySubsequences: false)
    return !parts.isEmpty && parts.allSatisfy { p in Int(p).map { $0 > 0 } ?? false }
  }

  @Test(arguments: texts)
  func placeholderAndConcurrencies(_ text: String) {
    #expect(V1Values.isPlaceholder(text: text) == Self.placeholderByCharacters(text))
    #expect(V1Concurrencies.isValid(text) == Self.concurrenciesBySplit(text))
  }

  static let words = [
    "", "sglang", "SGLang", "VLLM", "vllm ", "gb200", "GB200", "Gb200", "h100", "\u{212A}", "k",
    "K",
    "fp8", "FP8", "fp8\u{301}", "ſ", "s", "ß", "SS", "mocker", "Mocker", "a100", "A100",
    "experimental",
  ]
  static let lists: [[String]] = [
    V1Values.gpuTypes, V1Values.backendTypes, V1Values.precisions, ["k", "s", "ss"],
    ["\u{212A}", "k"],
    ["K", "k"], ["A100", "a100"], [],
  ]

  @Test func caseInsensitiveMatchesGiveTheLowercasedAnswers() {
    for word in Self.words {
      for list in Self.lists {
        let byLowercasing = list.first { $0.lowercased() == word.lowercased() }
        let ascii = MappingReader.asciiMatch(word, in: list)
        if let ascii { #expect(ascii == byLowercasing, "\(word) in \(list)") }
      }
      // The lists of open values (all lowercase, which `isKnown` relies on) and any text.
      for list in Self.openLists {
        #expect(
          V1Values.isKnown(word, in: list) == list.contains(word.lowercased()), "\(word) in \(list)"
        )
      }
    }
    for list in Self.openLists { #expect(list.allSatisfy { $0 == $0.lowercased() }, "\(list)") }
    // The byte-level answers are given for ASCII text and lists, and left to lowercasing otherwise.
    #expect(MappingReader.asciiMatch("GB200", in: V1Values.gpuTypes) == "gb200")
    #expect(V1Values.isKnown("GB200", in: V1Values.gpuTypes))
    #expect(MappingReader.asciiMatch("\u{212A}", in: ["k"]) == nil)
    #expect(MappingReader.asciiMatch("k", in: ["\u{212A}"]) == nil)
    #expect(V1Values.isKnown("\u{212A}", in: ["k"]))
  }

  static let openLists = [
    V1Values.gpuTypes, V1Values.precisions, V1Values.benchmarkTypes, V1Values.frontendTypes,
  ]

  @Test func bothAnswersOccur() {
    #expect(Self.texts.contains { V1Values.isPlaceholder(text: $0) })
    #expect(Self.texts.contains { !V1Values.isPlaceholder(text: $0) })
    #expect(Self.texts.contains { V1Concurrencies.isValid($0) })
    #expect(Self.texts.contains { !V1Concurrencies.isValid($0) })
  }
}
