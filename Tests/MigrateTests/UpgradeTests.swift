import Engines
import Lint
import Migrate
import Schema
import TestSupport
import Testing

/// `registry upgrade`: renames applied in place from the catalogs, no-op removals dropped,
/// removals with an effect refused, pin and image tag moved, comments kept.
@Suite struct UpgradeTests {
  static let store = try! FlagCatalogStore(directory: PackageRoot.path("spec/engines"))
  static let path = Fixtures.directory(
    "Tests/MigrateTests/Fixtures/upgrade/sglang-0.4-deepseek-v3.yaml")

  static func plan(_ to: String) throws -> Upgrader.Plan {
    let bytes = try Fixtures.bytes(path)
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
    let result = Linter(catalogs: Self.store).lint(
      RecipeReader.read(Array(out.utf8), file: "out.yaml"))
    #expect(
      !result.diagnostics.contains {
        ["renamed-flag", "removed-flag", "unknown-flag"].contains($0.code)
      },
      "\(result.diagnostics)")
  }

  @Test func refusesWhereAValueNeedsADecision() throws {
    // 0.5.23: --enable-dp-attention → --attn-dp-size needs a value a human picks; the
    // switched-off --disable-cuda-graph is dropped; --cuda-graph-max-bs is renamed.
    let plan = try Self.plan("0.5.23")
    #expect(plan.output == nil)
    #expect(
      plan.refusals.contains {
        $0.code == "upgrade-needs-decision" && $0.path.description == "args.enable-dp-attention"
      })
    #expect(plan.changes.contains { $0.kind == .drop && $0.old == "disable-cuda-graph" })
    #expect(plan.changes.contains { $0.kind == .rename && $0.new == "cuda-graph-max-bs-decode" })
    #expect(plan.semanticDiff.contains("! args.enable-dp-attention"))
  }

  @Test func refusesDowngrades() throws {
    let plan = try Self.plan("0.4.0")
    #expect(plan.refusals.first?.code == "upgrade-not-newer")
  }
}

/// `registry upgrade` of an sglang-v1 recipe (seed layout): the flags in `sglang_config`
/// renamed or dropped in place per role, `sglang_version` moved, comments kept.
@Suite struct UpgradeV1Tests {
  static let path = Fixtures.directory(
    "Tests/MigrateTests/Fixtures/upgrade/sglang-v1-0.4-deepseek-v3-1p1d.yaml")

  static func plan(_ to: String) throws -> (Upgrader.Plan, String) {
    let bytes = try Fixtures.bytes(path)
    let plan = Upgrader(catalogs: UpgradeTests.store).plan(
      RecipeReader.read(bytes, file: path), source: bytes, to: try #require(EngineVersion(to)))
    return (plan, String(decoding: bytes, as: UTF8.self))
  }

  @Test func v1RecipeMovesToAV05CatalogWithEveryRenameAndRemoval() throws {
    let (plan, source) = try Self.plan("0.5.1")
    #expect(plan.refusals.isEmpty, "\(plan.refusals)")
    #expect(plan.from == EngineVersion("0.4.6.post5"))
    let out = String(decoding: try #require(plan.output), as: UTF8.self)
    // Every rename of 0.4.6.post5 < since <= 0.5.1, in both roles, values set by the catalog.
    let renames = plan.changes.filter { $0.kind == .rename }.map { "\($0.path) -> \($0.new ?? "")" }
      .sorted()
    #expect(
      renames == [
        "sglang_config.decode.enable-deepep-moe -> moe-a2a-backend: deepep",
        "sglang_config.prefill.enable-deepep-moe -> moe-a2a-backend: deepep",
      ])
    #expect(
      out.components(separatedBy: "    moe-a2a-backend: deepep   # all-to-all through DeepEP\n")
        .count == 3)
    // The switched-off flag 0.5.0rc2 renamed away (--enable-ep-moe → --ep-size) is dropped,
    // with its line, and reported.
    let drops = plan.changes.filter { $0.kind == .drop }
    #expect(drops.map(\.path.description) == ["sglang_config.prefill.enable-ep-moe"])
    #expect(drops.first?.reason.contains("switched off") == true)
    #expect(!out.contains("enable-ep-moe") && !out.contains("EP through DeepEP instead"))
    #expect(
      out.components(separatedBy: "    attention-backend: \"flashinfer\"   # MLA kernels\n").count
        == 3)
    // The pin keeps its v spelling and its comment; nothing else moved.
    #expect(out.contains("sglang_version: \"v0.5.1\"   # the guide's pin\n"))
    #expect(
      plan.changes.contains { $0.kind == .pin && $0.old == "v0.4.6.post5" && $0.new == "v0.5.1" })
    #expect(out.hasPrefix("# DeepSeek-V3 1P1D on H200 with SGLang 0.4.6"))
    #expect(out.contains("    deepep-mode: \"low_latency\"\n    cuda-graph-max-bs: 128\n"))
    #expect(
      source.components(separatedBy: "\n").count - out.components(separatedBy: "\n").count == 1)
    // Still v1, and no flag drift against the new pin.
    let read = RecipeReader.read(Array(out.utf8), file: "out.yaml")
    #expect(read.format == .sglangV1 && read.isValid)
    #expect(read.summary.engineVersion == "v0.5.1")
    let lint = Linter(catalogs: UpgradeTests.store).lint(read)
    #expect(
      !lint.diagnostics.contains {
        ["renamed-flag", "removed-flag", "unknown-flag"].contains($0.code)
      }, "\(lint.diagnostics)")
  }

  @Test func v1UpgradeTo0523RenamesPerRole() throws {
    // 0.5.23: --cuda-graph-max-bs becomes --cuda-graph-max-bs-decode (value carried), in the
    // decode role where it is set.
    let (plan, _) = try Self.plan("0.5.23")
    #expect(
      plan.changes.contains {
        $0.kind == .rename && $0.path.description == "sglang_config.decode.cuda-graph-max-bs"
          && $0.new == "cuda-graph-max-bs-decode"
      })
    #expect(plan.refusals.isEmpty == (plan.output != nil))
  }

  @Test func formatsWithoutAPinAreRefusedByName() throws {
    let text = "tensor-parallel-size: 8\ntrust-remote-code: true\n"
    let read = RecipeReader.read(Array(text.utf8), file: "serve.yaml")
    let plan = Upgrader(catalogs: UpgradeTests.store).plan(
      read, source: Array(text.utf8), to: try #require(EngineVersion("0.5.1")))
    #expect(plan.output == nil)
    #expect(plan.refusals.first?.code == "upgrade-unsupported")
    #expect(plan.refusals.first?.message.contains(read.format.rawValue) == true)
  }
}
