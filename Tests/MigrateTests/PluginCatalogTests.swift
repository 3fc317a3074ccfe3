import Engines
import Lint
import Migrate
import Schema
import Testing

/// Engine plugins (vLLM-Omni): their flags are catalogued apart (`spec/engines/vllm-omni/`,
/// written by `scripts/catalogs` from the released wheels) and checked together with the
/// engine's catalog, through the one lookup ``FlagCatalogStore/catalog(for:version:)``.
@Suite struct PluginCatalogTests {
  static let store = try! FlagCatalogStore(directory: Paths.specEngines)

  static func engine(_ vllm: String, omni: String?) -> RecipeV2.Engine {
    RecipeV2.Engine(
      name: .vllm, version: vllm,
      plugins: omni.map { [RecipeV2.Plugin(name: .vllmOmni, version: $0)] } ?? [])
  }

  @Test func everyReleaseOnPyPIFrom014IsCatalogued() {
    // pip index versions vllm-omni: 0.14.0 to 0.30.0, every even minor.
    #expect(
      Self.store.catalogs(plugin: .vllmOmni).map(\.version.normalized)
        == ["0.14.0", "0.16.0", "0.18.0", "0.20.0", "0.22.0", "0.24.0", "0.26.0", "0.28.0", "0.30.0"])
    // The plugin's tables hold its own flags only, not vLLM's (which its parser starts from).
    let newest = Self.store.catalogs(plugin: .vllmOmni).last
    #expect(newest?.resolve("--omni") != nil && newest?.resolve("--max-model-len") == nil)
    #expect(Self.store.catalogs(engine: .vllm).allSatisfy { $0.resolve("--omni") == nil })
  }

  @Test func theRecipesCatalogIsTheEnginesWithThePluginsFlags() throws {
    let v = try #require(EngineVersion("0.30.0"))
    let with = Self.store.catalog(for: Self.engine("0.30.0", omni: "0.30.0"), version: v)
    #expect(with.kind == .exact)
    #expect(with.catalog?.resolve("--max-model-len") != nil)
    #expect(with.catalog?.resolve("--model-class-name") != nil)
    #expect(with.catalog?.resolve("--omni")?.flag.kind == .bool)
    #expect(with.note.contains("with the flags of vllm-omni 0.30.0"))
    let without = Self.store.catalog(for: Self.engine("0.30.0", omni: nil), version: v)
    #expect(without.catalog?.resolve("--model-class-name") == nil)
    // A plugin release with no table of its own: the nearest lower one (0.29 → 0.28).
    let between = Self.store.catalog(for: Self.engine("0.30.0", omni: "0.29.0"), version: v)
    #expect(between.note.contains("vllm-omni 0.28.0"))
    // --diffusion-attention-backend appeared in vllm-omni 0.22.0.
    let old = Self.store.catalog(for: Self.engine("0.30.0", omni: "0.20.0"), version: v)
    #expect(old.catalog?.resolve("--diffusion-attention-backend") == nil)
    #expect(old.catalog?.resolve("--model-class-name") != nil)
  }

  @Test func pinsFollowTheFloorTheFlagsAndTheMinorVersion() throws {
    let store = Self.store
    let v = { (s: String) in EngineVersion(s)! }
    #expect(store.engineRelease(for: .vllmOmni, version: v("0.30.0")) == v("0.30.0"))
    #expect(store.engineRelease(for: .vllmOmni, version: v("0.22.0")) == v("0.22.1"))
    #expect(store.newestRelease(of: .vllmOmni, atLeast: v("0.22.0")) == v("0.30.0"))
    // --stage-configs-path is gone from vllm-omni 0.28.0: 0.26.0 is the newest that has it.
    #expect(
      store.newestRelease(of: .vllmOmni, atLeast: v("0.20.0"), accepting: ["--stage-configs-path"])
        == v("0.26.0"))
    #expect(store.newestRelease(of: .vllmOmni, atLeast: v("0.31.0")) == nil)
  }

  static func lint(_ engine: String) -> [Diagnostic] {
    let text = """
      schema: v2
      name: x
      model:
        path: Lightricks/LTX-2.5-Diffusers
      engine:
      \(engine)
      topology:
        aggregated: {nodes: 1, workers: 1}
      args:
        omni: true
        diffusion-attention-backend: CUDNN_ATTN

      """
    let read = RecipeReader.read(Array(text.utf8), file: "x.yaml")
    return Linter(catalogs: store).lint(read).diagnostics.filter { $0.severity != .note }
  }

  @Test func lintNamesThePluginAFlagBelongsTo() {
    let listed = Self.lint(
      "  name: vllm\n  version: \"0.30.0\"\n  plugins:\n    - {name: vllm-omni, version: \"0.30.0\"}")
    #expect(listed.isEmpty, "\(listed)")
    let missing = Self.lint("  name: vllm\n  version: \"0.30.0\"")
    #expect(missing.map(\.code) == ["unknown-flag", "unknown-flag"])
    #expect(missing.allSatisfy { $0.message.contains("is a flag of the vllm-omni plugin") })
    #expect(missing.last?.hint?.contains("version: \"0.22.0\"") == true)
    let old = Self.lint(
      "  name: vllm\n  version: \"0.30.0\"\n  plugins:\n    - {name: vllm-omni, version: \"0.20.0\"}")
    #expect(old.map(\.code) == ["unknown-flag"])
    #expect(old.first?.message.contains("first appears in vllm-omni 0.22.0") == true)
    #expect(old.first?.path.description == "args.diffusion-attention-backend")
  }
}

/// A format that cannot name the plugin reports it as a loss; vllm-recipes keeps what it can.
@Suite struct PluginLossTests {
  static let text = """
    schema: v2
    name: omni
    model: {path: OpenMOSS-Team/MOSS-TTS-Realtime}
    engine:
      name: vllm
      version: "0.30.0"
      plugins: [{name: vllm-omni, version: "0.30.0"}]
    topology:
      aggregated: {nodes: 1, workers: 1}
    args: {omni: true}
    """

  @Test(arguments: [
    RecipeFormat.sglangV1, .vllmArgs, .engineConfig, .spark, .sparkrun, .namedField, .dynamo,
    .vllmRecipes,
  ])
  func thePluginIsALossElsewhere(_ format: RecipeFormat) throws {
    let read = RecipeReader.read(Array(Self.text.utf8), file: "omni.yaml")
    #expect(!read.diagnostics.hasErrors, "\(read.diagnostics)")
    let converted = try read.converted(to: format)
    let paths = converted.diagnostics.filter { $0.code == "loss" }.map(\.path.description)
    let want = format == .vllmRecipes ? "engine.plugins" : "engine.plugins.vllm-omni"
    #expect(paths.contains(want), "\(format): \(paths)")
  }
}
