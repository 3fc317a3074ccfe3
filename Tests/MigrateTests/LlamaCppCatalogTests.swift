import Engines
import Foundation
import Lint
import Migrate
import Schema
import TestSupport
import Testing

/// The llama-server flag catalogs read by `scripts/catalogs` from llama-cpp-python's vendored
/// llama.cpp (`spec/engines/llama-cpp/`): approximate by construction, said so by lint, and
/// holding every flag the corpus's llama.cpp recipes pass.
@Suite struct LlamaCppCatalogTests {
  static let store = try! FlagCatalogStore(directory: PackageRoot.path("spec/engines"))

  @Test("every llama-cpp catalog says where it was read from and that its build is a bound")
  func catalogsAreApproximate() throws {
    let catalogs = Self.store.catalogs(engine: .llamaCpp)
    #expect(catalogs.count >= 2)
    for c in catalogs {
      #expect(c.version.scheme == .build)
      #expect(c.isApproximate, "\(c.version): \(c.build ?? "no # build: line")")
      let source = try #require(c.source)
      #expect(source.contains("pypi:llama-cpp-python==") && source.contains("vendor/llama.cpp@"))
      // The bound the file is named by is the one its # build: line states.
      #expect(c.build?.contains("\(c.version.normalized) is the newest build") == true)
    }
    // The embedded copies are the same tables.
    let embedded = try FlagCatalogStore.embedded().catalogs(engine: .llamaCpp)
    #expect(embedded.map(\.version) == catalogs.map(\.version))
    #expect(embedded.map(\.flags) == catalogs.map(\.flags))
  }

  @Test("a build is matched to the catalog named at or below it, else the oldest, approximately")
  func approximateMatches() throws {
    let versions = Self.store.versions(engine: .llamaCpp)
    let oldest = try #require(versions.first)
    let newest = try #require(versions.last)
    for (build, picked) in [
      (oldest.release[0] - 1, oldest), (oldest.release[0], oldest), (newest.release[0], newest),
      (newest.release[0] + 1, newest),
    ] {
      let requested = try #require(EngineVersion("b\(build)"))
      let match = Self.store.catalog(engine: .llamaCpp, version: requested)
      #expect(match.kind == .approximate && match.isStandIn)
      #expect(match.catalog?.version == picked, "b\(build)")
      #expect(match.note.contains("approximate") && match.note.contains("llama-cpp-python"))
    }
    // SGLang catalogs are exact as before.
    #expect(Self.store.catalog(engine: .sglang, version: EngineVersion("0.5.1")!).kind == .exact)
  }

  /// The flags each corpus llama.cpp recipe passes, read here from its `command:` text (every
  /// word starting with `-` after `llama-server`), independently of the importer.
  static func commandFlags(_ file: String) throws -> [String] {
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let command = try #require(text.components(separatedBy: "command: |").last)
    return command.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" })
      .map(String.init).filter { $0.hasPrefix("-") }
  }

  @Test(
    "every flag of the corpus llama.cpp recipes is in the catalog b8094 is checked against",
    .requiresCorpus)
  func corpusFlagsAreCatalogued() throws {
    let match = Self.store.catalog(engine: .llamaCpp, version: EngineVersion("b8094")!)
    let catalog = try #require(match.catalog)
    let dir = Corpus.root + "/scitrera+oss-spark-run/recipes"
    var seen: Set<String> = []
    for file in [
      dir + "/qwen3/qwen3-1.7b-llama-cpp.yaml",
      dir + "/qwen3.5-gguf/qwen3.5-397b-gguf-q3km-llama-cpp.yaml",
    ] {
      let flags = try Self.commandFlags(file)
      #expect(flags.count >= 9, "\(file): \(flags)")
      for flag in flags {
        seen.insert(flag)
        #expect(catalog.resolve(flag) != nil, "\(flag) of \(file) not in \(catalog.version)")
      }
      // And lint finds nothing to say but the approximate-catalog note.
      let read = RecipeReader.read(try Corpus.bytes(file), file: file)
      let result = Linter(catalogs: Self.store).lint(read)
      #expect(result.catalog?.kind == .approximate)
      #expect(result.diagnostics.contains { $0.code == "catalog-approximate" })
      #expect(
        result.diagnostics.filter { $0.severity != .note }.isEmpty,
        "\(result.diagnostics.map(\.description))")
    }
    #expect(seen.isSuperset(of: ["-hf", "--n-gpu-layers", "--split-mode", "--no-mmap"]))
  }

  @Test(
    "a flag the newest catalog lacks is said to be gone, as a warning: the bound is approximate",
    .requiresCorpus)
  func removedFlagIsAWarning() throws {
    let newest = try #require(Self.store.versions(engine: .llamaCpp).last)
    let file = Corpus.root + "/scitrera+oss-spark-run/recipes/qwen3/qwen3-1.7b-llama-cpp.yaml"
    let read = RecipeReader.read(try Corpus.bytes(file), file: file)
    let result = Linter(catalogs: Self.store).lint(read, engineVersion: newest)
    let gone = try #require(result.diagnostics.first { $0.code == "removed-flag" })
    #expect(gone.severity == .warning && gone.message.contains("--no-mmap"))
    #expect(gone.message.contains("lower bound"))
  }

  /// `scripts/catalogs --engine llama-cpp --print V --tree DIR` over a small source folder
  /// written for the test (`Fixtures/llama-cpp-python-mini`: a CHANGELOG and an `arg.cpp`
  /// with one `add_opt` of each shape the reader handles).
  @Test(
    "scripts/catalogs reads the server's options of arg.cpp into a loadable approximate catalog",
    .enabled(if: CatalogFromHelpTests.python != nil, "python3 is not on PATH"))
  func scriptReadsArgCpp() throws {
    let run = try Subprocess.run(
      try #require(CatalogFromHelpTests.python),
      [
        Paths.root + "/scripts/catalogs", "--engine", "llama-cpp", "--print", "9.9.2", "--tree",
        Paths.root + "/Tests/MigrateTests/Fixtures/llama-cpp-python-mini",
      ])
    #expect(run.status == 0, "\(run.stderr)")
    let catalog = try FlagCatalog(
      engine: .llamaCpp, version: EngineVersion("b4321")!, tsv: run.stdout, file: "generated")
    // MAIN-only and server-excluded options are left out; the multimodal list names the server.
    #expect(
      catalog.flags.map(\.name) == [
        "--ctx-size", "--flash-attn", "--mmap", "--jinja", "--split-mode", "--temp", "--mmproj",
        "--lora-scaled",
      ])
    #expect(catalog.isApproximate)
    #expect(catalog.build?.contains("b4321 is the newest build") == true)
    #expect(catalog.source?.contains("llama-cpp-python==9.9.2 vendor/llama.cpp@012345678") == true)
    let ctx = try #require(catalog.flag(exactly: "--ctx-size"))
    #expect(ctx.kind == .value && ctx.type == "int" && ctx.aliases == ["-c"])
    #expect(ctx.defaultValue == "<expr>", "a string_format default is not evaluated")
    #expect(catalog.flag(exactly: "--flash-attn")?.choices == ["on", "off", "auto"])
    #expect(catalog.flag(exactly: "--split-mode")?.choices == ["none", "layer", "row"])
    let mmap = try #require(catalog.resolve("--no-mmap"))
    #expect(mmap.flag.name == "--mmap" && mmap.flag.kind == .bool)
    #expect(catalog.flag(exactly: "--jinja")?.kind == .bool)
    #expect(catalog.flag(exactly: "--temp")?.type == "float")
    #expect(catalog.flag(exactly: "--temp")?.defaultValue == "0.8")
    #expect(catalog.flag(exactly: "--mmproj")?.deprecated == true)
    #expect(catalog.flag(exactly: "--lora-scaled")?.type == "list[str] nargs=2")
    #expect(catalog.resolve("--interactive") == nil && catalog.resolve("--no-warmup") == nil)
  }
}
