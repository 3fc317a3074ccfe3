import Testing

@testable import Engines
@testable import Migrate

@Suite("Registered parser names")
struct RegisteredNamesTests {
  @Test func nearestLowerNames() throws {
    let store = FlagCatalogTests.store
    let names = try #require(
      store.registeredNames(
        engine: .vllm, version: EngineVersion("0.10.2")!, flag: "--reasoning-parser"))
    #expect(names.version == EngineVersion("0.10.2"))
    #expect(names.names.contains("deepseek_r1") && names.names.contains("qwen3"))
    let older = try #require(
      store.registeredNames(
        engine: .vllm, version: EngineVersion("0.9.0")!, flag: "tool_call_parser"))
    #expect(older.version == EngineVersion("0.8.5.post1"))
    #expect(older.names.contains("llama4_json") && !older.names.contains("kimi_k2"))
    #expect(
      store.registeredNames(
        engine: .vllm, version: EngineVersion("0.5.0")!, flag: "--tool-call-parser") == nil)
    #expect(store.registeredNameTable.count == 8)
  }
}
