import Testing

@testable import Engines

/// vLLM's dotted form of a JSON flag (`--compilation-config.mode 3`, `-cc.mode=3`): accepted
/// where `FlexibleArgumentParser` reads it, for flags that take JSON only.
@Suite struct ConfigKeyTests {
  static let store = FlagCatalogTests.store

  static func catalog(_ engine: Engine, _ version: String) throws -> FlagCatalog {
    try #require(Self.store.catalog(engine: engine, version: EngineVersion(version)!).catalog)
  }

  @Test func dottedKeysOfJSONFlags() throws {
    let c = try Self.catalog(.vllm, "0.24.0")
    let long = try #require(c.resolve("--attention_config.backend"))
    #expect(long.flag.name == "--attention-config" && long.match == .configKey)
    #expect(long.configKey == "backend" && long.spelling == "--attention_config.backend")
    let short = try #require(c.resolve("-cc.pass_config.fuse_rope_kvcache=True"))
    #expect(short.flag.name == "--compilation-config" && short.matchedSpelling == "-cc")
    #expect(short.configKey == "pass_config.fuse_rope_kvcache" && short.inlineValue == "True")
    #expect(c.resolve("--compilation-config.custom_ops+")?.configKey == "custom_ops")
    #expect(
      c.resolve("--default-chat-template-kwargs.thinking")?.flag.name
        == "--default-chat-template-kwargs")
  }

  @Test func notForOtherFlagsEnginesOrReleases() throws {
    let c = try Self.catalog(.vllm, "0.24.0")
    #expect(c.resolve("--max-num-seqs.x") == nil, "not a JSON flag")
    #expect(c.resolve("--attention-config.") == nil, "no key")
    #expect(c.resolve("--no-such-config.x") == nil)
    // 0.9.0 reads `--X.key`, 0.9.2 also `-X.key`; 0.8 neither.
    #expect(try Self.catalog(.vllm, "0.8.5").resolve("--compilation-config.level") == nil)
    #expect(try Self.catalog(.vllm, "0.9.0").resolve("--compilation-config.level") != nil)
    #expect(try Self.catalog(.vllm, "0.9.1").resolve("-O.level") == nil)
    #expect(try Self.catalog(.vllm, "0.9.2").resolve("-O.level")?.match == .configKey)
    // SGLang's argparse has no dotted form.
    let sglang = try Self.catalog(.sglang, "0.5.23")
    #expect(sglang.flag(exactly: "--mm-process-config")?.takesJSON == true)
    #expect(sglang.resolve("--mm-process-config.x") == nil)
  }

  @Test func newestReleaseAtOrAboveAFloor() throws {
    let floor = EngineVersion("0.20.0")!
    let newest = try #require(Self.store.versions(engine: .vllm).last)
    #expect(Self.store.newestRelease(of: .vllm, atLeast: floor) == newest)
    // b12x needs 0.29+ as a --moe-backend choice, but the flag is older: flags only decide.
    #expect(
      Self.store.newestRelease(of: .vllm, atLeast: floor, accepting: ["--moe-backend"]) == newest)
    // A flag the newest releases dropped: the newest release that still has it.
    let all = Self.store.catalogs(engine: .vllm)
    let gone = try #require(
      all.last { $0.version >= floor }.flatMap { last in
        all.first { $0.version == floor }?.flags.first { f in last.resolve(f.name) == nil }
      }, "a flag of 0.20.0 that the newest catalog lacks")
    let fit = try #require(
      Self.store.newestRelease(of: .vllm, atLeast: floor, accepting: [gone.name]))
    #expect(fit >= floor && fit < newest)
    #expect(all.first { $0.version == fit }?.resolve(gone.name) != nil)
    #expect(all.first { $0.version > fit }?.resolve(gone.name) == nil)
    // Above every catalog: none.
    #expect(Self.store.newestRelease(of: .vllm, atLeast: EngineVersion("99.0")!) == nil)
  }
}
