import Migrate
import Schema
import TestSupport
import Testing

/// `registry upgrade`: renames applied in place from the catalogs, no-op removals dropped,
/// removals with an effect refused, pin and image tag moved, comments kept.
@Suite struct UpgradeTests {
  static let store = try! FlagCatalogStore(directory: PackageRoot.path("spec/engines"))
  static let path = Fixtures.directory("Tests/MigrateTests/Fixtures/upgrade/sglang-0.4-deepseek-v3.yaml")

  static func plan(_ to: String) throws -> Upgrader.Plan {
    let bytes = Fixtures.bytes(path)
    return Upgrader(catalogs: store).plan(
      RecipeReader.read(bytes, file: path), source: bytes, to: try #require(EngineVersion(to)))
  }

  @Test func upgradesAcrossTwoRealRenames() throws {
    let plan = try Self.plan("0.5.1")
    #expect(plan.refusals.isEmpty, "\(plan.refusals)")
    let out = String(decoding: try #require(plan.output), as: UTF8.self)
    // 0.5.0rc2 renames: --enable-flashinfer-mla → --attention-backend flashinfer,
    // --enable-deepep-moe → --moe-a2a-backend deepep.
    #expect(out.contains("  attention-backend: flashinfer  # MLA kernels\n"))
    #expect(out.contains("  moe-a2a-backend: deepep\n"))
    #expect(!out.contains("enable-flashinfer-mla") && !out.contains("enable-deepep-moe"))
    #expect(out.contains("  version: \"0.5.1\"   # the guide's pin\n"))
    #expect(out.contains("image: lmsysorg/sglang:v0.5.1-cu124\n"))
    #expect(out.hasPrefix("# DeepSeek-V3 on 2 x 8 H200"))
    #expect(plan.changes.filter { $0.kind == .rename }.count == 2)
    // The result lints clean of flag drift against its new pin.
    let result = Linter(catalogs: Self.store).lint(RecipeReader.read(Array(out.utf8), file: "out.yaml"))
    #expect(!result.diagnostics.contains { ["renamed-flag", "removed-flag", "unknown-flag"].contains($0.code) },
      "\(result.diagnostics)")
  }

  @Test func refusesWhereAValueNeedsADecision() throws {
    // 0.5.23: --enable-dp-attention → --attn-dp-size needs a value a human picks; the
    // switched-off --disable-cuda-graph is dropped; --cuda-graph-max-bs is renamed.
    let plan = try Self.plan("0.5.23")
    #expect(plan.output == nil)
    #expect(plan.refusals.contains { $0.code == "upgrade-needs-decision" && $0.path.description == "args.enable-dp-attention" })
    #expect(plan.changes.contains { $0.kind == .drop && $0.old == "disable-cuda-graph" })
    #expect(plan.changes.contains { $0.kind == .rename && $0.new == "cuda-graph-max-bs-decode" })
    #expect(plan.semanticDiff.contains("! args.enable-dp-attention"))
  }

  @Test func refusesDowngrades() throws {
    let plan = try Self.plan("0.4.0")
    #expect(plan.refusals.first?.code == "upgrade-not-newer")
  }
}
