import Engines
import Migrate
import Testing

@Suite("Renames and removals")
struct RenameTests {
  static var store: FlagCatalogStore { FlagCatalogTests.store }

  @Test func sglang040To051() throws {
    let renames = Self.store.renames(
      engine: .sglang, from: EngineVersion("0.4.0")!, to: EngineVersion("0.5.1")!)
    let pairs = Dictionary(uniqueKeysWithValues: renames.map { ($0.old, $0.new) })
    // CHANGES.md: removed in 0.4.6 with replacements named in the 0.4.0 help text.
    #expect(pairs["--disable-flashinfer"] == "--attention-backend")
    #expect(pairs["--disable-flashinfer-sampling"] == "--sampling-backend")
    #expect(pairs["--disable-disk-cache"] == "--disable-outlines-disk-cache")
    // Deprecated in 0.5.0rc2 / 0.5.1.
    #expect(pairs["--enable-ep-moe"] == "--ep-size")
    #expect(pairs["--enable-deepep-moe"] == "--moe-a2a-backend")
    #expect(pairs["--enable-flashinfer-cutlass-moe"] == "--moe-runner-backend")
    // 0.5.23 changes are out of range; vLLM rows never leak in.
    #expect(pairs["--enable-dp-attention"] == nil)
    #expect(pairs["--disable-cuda-graph"] == nil)
    #expect(renames.allSatisfy { $0.engine == .sglang })
    #expect(renames.map(\.since) == renames.map(\.since).sorted())
    let backend = try #require(renames.first { $0.old == "--disable-flashinfer-sampling" })
    #expect(backend.value == .fixed("pytorch"))
    #expect(renames.first { $0.old == "--enable-ep-moe" }?.value == .manual)
    // Downgrades and no-ops yield nothing.
    #expect(
      Self.store.renames(
        engine: .sglang, from: EngineVersion("0.5.1")!, to: EngineVersion("0.4.0")!
      ).isEmpty)
    #expect(
      Self.store.renames(
        engine: .sglang, from: EngineVersion("0.5.1")!, to: EngineVersion("0.5.1")!
      ).isEmpty)
  }

  /// Every rename row agrees with the catalog of its `since` version: the replacement
  /// exists there, and the old spelling is gone or deprecated.
  @Test(arguments: FlagCatalogTests.store.renameTable)
  func renameRowsAgreeWithCatalogs(_ rename: FlagRename) throws {
    let match = Self.store.catalog(engine: rename.engine, version: rename.since)
    #expect(match.kind == .exact, "since \(rename.since) should be a catalogued version")
    let catalog = try #require(match.catalog)
    if let new = rename.new, !new.contains(".") {
      #expect(catalog.hasSpelling(new), "\(new) missing in \(rename.engine) \(rename.since)")
    }
    if let old = catalog.flag(exactly: rename.old) {
      #expect(old.deprecated, "\(rename.old) still present and not deprecated in \(rename.since)")
    }
  }

  @Test func removedFlags() throws {
    let removed = Self.store.removed(
      engine: .sglang, from: EngineVersion("0.4.0")!, to: EngineVersion("0.5.1")!)
    let names = Set(removed.map(\.name))
    // CHANGES.md 0.4.0 → 0.4.6.post5 removed list (none came back by 0.5.1).
    for flag in [
      "--disable-disk-cache", "--disable-flashinfer", "--disable-flashinfer-sampling",
      "--disable-jump-forward", "--disable-mla", "--disable-nan-detection",
      "--enable-overlap-schedule", "--file-storage-pth",
    ] {
      #expect(names.contains(flag), "\(flag)")
    }
    #expect(!names.contains("--tp-size"))
    #expect(!names.contains("--tensor-parallel-size"))
    #expect(names.count == 8)

    let vllm = Set(
      Self.store.removed(
        engine: .vllm, from: EngineVersion("0.8.5.post1")!, to: EngineVersion("0.10.2")!
      ).map(\.name))
    #expect(vllm.contains("--enable-reasoning"))
    #expect(vllm.contains("--num-scheduler-steps"))
    #expect(vllm.count == 15)
  }
}
