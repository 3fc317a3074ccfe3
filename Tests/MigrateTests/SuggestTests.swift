import Migrate
import Testing

@Suite("Suggest")
struct SuggestTests {
  @Test(arguments: [
    ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("ab", "ba", 1),
    ("--tp-szie", "--tp-size", 1), ("ca", "abc", 3),
  ])
  func distance(a: String, b: String, expected: Int) {
    #expect(Suggest.distance(a, b) == expected)
    #expect(Suggest.distance(b, a) == expected)
  }

  @Test func closest() {
    let flags = ["--tp-size", "--pp-size", "--dp-size", "--context-length", "--max-running-requests"]
    #expect(Suggest.closest("--tp-szie", in: flags) == "--tp-size")
    #expect(Suggest.closest("--context-lenght", in: flags) == "--context-length")
    #expect(Suggest.closest("--max-runing-request", in: flags) == "--max-running-requests")
    #expect(Suggest.closest("--quantization", in: flags) == nil)
    #expect(Suggest.closest("--tp-size", in: flags) == nil, "an exact match is not a suggestion")
    // Ties resolve deterministically to the smaller candidate.
    #expect(Suggest.closest("--xp-size", in: ["--tp-size", "--dp-size"]) == "--dp-size")
  }
}

@Suite("Registered parser names")
struct RegisteredNamesTests {
  @Test func nearestLowerNames() throws {
    let store = FlagCatalogTests.store
    let names = try #require(
      store.registeredNames(engine: .vllm, version: EngineVersion("0.10.2")!, flag: "--reasoning-parser"))
    #expect(names.version == EngineVersion("0.10.2"))
    #expect(names.names.contains("deepseek_r1") && names.names.contains("qwen3"))
    let older = try #require(
      store.registeredNames(engine: .vllm, version: EngineVersion("0.9.0")!, flag: "tool_call_parser"))
    #expect(older.version == EngineVersion("0.8.5.post1"))
    #expect(older.names.contains("llama4_json") && !older.names.contains("kimi_k2"))
    #expect(store.registeredNames(engine: .vllm, version: EngineVersion("0.5.0")!, flag: "--tool-call-parser") == nil)
    #expect(store.registeredNameTable.count == 8)
  }
}
