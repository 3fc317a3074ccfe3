import Foundation
import Testing

@testable import Engines
import Schema
@testable import Migrate

@Suite("FlagCatalog")
struct FlagCatalogTests {
  static let catalogFiles: [String] = [
    "sglang/0.4.0.tsv", "sglang/0.4.6.post5.tsv", "sglang/0.5.0rc2.tsv", "sglang/0.5.1.tsv",
    "sglang/0.5.23.tsv", "vllm/0.6.6.post1.tsv", "vllm/0.8.5.post1.tsv", "vllm/0.10.2.tsv",
    "vllm/0.33.0.tsv",
  ]

  static let store: FlagCatalogStore = {
    do { return try FlagCatalogStore(directory: Paths.specEngines) } catch {
      Issue.record("cannot load spec/engines: \(error)")
      return try! FlagCatalogStore.embedded()
    }
  }()

  @Test("every shipped TSV loads with one flag per data line", arguments: catalogFiles)
  func loadsShippedTSV(path: String) throws {
    let text = try #require(Paths.read(Paths.specEngines + "/" + path))
    // Data lines = non-empty, non-comment lines minus the header.
    let dataLines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count - 1
    let parts = path.split(separator: "/")
    let engine = try #require(Engine(rawValue: String(parts[0])))
    let version = try #require(EngineVersion(String(parts[1].dropLast(4))))
    let catalog = try FlagCatalog(engine: engine, version: version, tsv: text, file: path)
    #expect(catalog.flags.count == dataLines)
    #expect(catalog.flags.count > 50)
    #expect(catalog.source?.hasPrefix("pypi:\(engine.rawValue)==\(version.normalized)") == true)
    #expect(Set(catalog.flags.map(\.name)).count == catalog.flags.count, "primary names are unique")
    // The store has the same catalog.
    let match = Self.store.catalog(engine: engine, version: version)
    #expect(match.kind == .exact)
    #expect(match.catalog == catalog)
  }

  @Test func rowFields() throws {
    let catalog = try #require(
      Self.store.catalog(engine: .sglang, version: EngineVersion("0.5.1")!).catalog)
    let ep = try #require(catalog.flag(exactly: "--ep-size"))
    #expect(ep.kind == .value && ep.type == "int" && ep.defaultValue == "1")
    #expect(ep.aliases == ["--expert-parallel-size", "--ep"])
    #expect(catalog.flag(exactly: "--enable-ep-moe")?.deprecated == true)
    let tokenizerMode = try #require(catalog.flag(exactly: "--tokenizer-mode"))
    #expect(tokenizerMode.choices == ["auto", "slow"])
  }

  @Test func malformedTSVIsLocated() {
    let text =
      "flag\tkind\ttype\tdefault\tchoices\taliases\tdeprecated\n# c\n--a\tbool\tbool\tFalse\t\t\tno\n--b\tvalue\tint\n"
    #expect {
      _ = try FlagCatalog(engine: .vllm, version: EngineVersion("1.0")!, tsv: text, file: "x.tsv")
    } throws: { error in
      (error as? FlagCatalogError)
        == FlagCatalogError(kind: .tooFewColumns(found: 3), file: "x.tsv", line: 4)
    }
    #expect(throws: FlagCatalogError.self) {
      _ = try FlagCatalog(
        engine: .vllm, version: EngineVersion("1.0")!, tsv: "--a\tbool\n", file: "y")
    }
  }

  struct Lookup: Sendable, CustomTestStringConvertible {
    let engine: Engine
    let requested: String
    let kind: CatalogMatch.Kind
    let picked: String?
    var testDescription: String { "\(engine) \(requested)" }
  }

  static let lookups: [Lookup] = [
    Lookup(engine: .sglang, requested: "0.5.1", kind: .exact, picked: "0.5.1"),
    Lookup(engine: .sglang, requested: "v0.5.5.post4", kind: .nearestLower, picked: "0.5.5.post3"),
    Lookup(engine: .sglang, requested: "0.5.0", kind: .nearestLower, picked: "0.5.0rc2"),
    Lookup(engine: .sglang, requested: "0.4.5", kind: .nearestLower, picked: "0.4.0"),
    Lookup(engine: .sglang, requested: "0.9.0", kind: .nearestLower, picked: "0.5.23"),
    Lookup(engine: .sglang, requested: "0.3.6", kind: .none, picked: nil),
    Lookup(engine: .vllm, requested: "v0.17.2", kind: .nearestLower, picked: "0.17.1"),
    Lookup(engine: .vllm, requested: "0.10.2.0", kind: .exact, picked: "0.10.2"),
    Lookup(engine: .vllm, requested: "0.7.3", kind: .nearestLower, picked: "0.6.6.post1"),
    Lookup(engine: .vllm, requested: "v0.17.0", kind: .exact, picked: "0.17.0"),
    Lookup(engine: .sglang, requested: "0.5.5.post2", kind: .exact, picked: "0.5.5.post2"),
    Lookup(engine: .trtllm, requested: "1.0.0", kind: .none, picked: nil),
  ]

  @Test(arguments: lookups)
  func nearestLower(_ l: Lookup) throws {
    let match = Self.store.catalog(
      engine: l.engine, version: try #require(EngineVersion(l.requested)))
    #expect(match.kind == l.kind)
    #expect(match.catalog?.version.normalized == l.picked)
    #expect(match.note.contains(l.requested))
    if let picked = l.picked, l.kind == .nearestLower { #expect(match.note.contains(picked)) }
  }

  struct Spelling: Sendable, CustomTestStringConvertible {
    let engine: Engine
    let version: String
    let spelling: String
    let flag: String?
    let match: FlagResolution.Match?
    var negated = false
    var testDescription: String { "\(engine) \(version) \(spelling)" }
  }

  static let spellings: [Spelling] = [
    Spelling(
      engine: .sglang, version: "0.5.1", spelling: "--tp-size", flag: "--tp-size", match: .primary),
    Spelling(
      engine: .sglang, version: "0.5.1", spelling: "--tensor-parallel-size", flag: "--tp-size",
      match: .alias),
    Spelling(
      engine: .sglang, version: "0.5.1", spelling: "--tp", flag: "--tp-size", match: .abbreviation),
    Spelling(
      engine: .sglang, version: "0.5.1", spelling: "--dp", flag: "--dp-size", match: .abbreviation),
    Spelling(engine: .sglang, version: "0.5.1", spelling: "--ep", flag: "--ep-size", match: .alias),
    Spelling(engine: .sglang, version: "0.4.0", spelling: "--ep", flag: nil, match: nil),  // --ep-size is 0.4.6+
    Spelling(
      engine: .sglang, version: "0.5.1", spelling: "tp_size", flag: "--tp-size", match: .normalized),
    Spelling(
      engine: .sglang, version: "0.5.1", spelling: "--mem_fraction_static=0.8",
      flag: "--mem-fraction-static", match: .normalized),
    Spelling(engine: .sglang, version: "0.5.1", spelling: "--enable", flag: nil, match: nil),  // ambiguous prefix
    Spelling(
      engine: .vllm, version: "0.10.2", spelling: "-tp", flag: "--tensor-parallel-size",
      match: .alias),
    Spelling(
      engine: .vllm, version: "0.10.2", spelling: "tp", flag: "--tensor-parallel-size",
      match: .normalized),
    Spelling(engine: .vllm, version: "0.10.2", spelling: "--tp", flag: nil, match: nil),  // vLLM: no abbreviations
    Spelling(
      engine: .vllm, version: "0.10.2", spelling: "--no-enable-prefix-caching",
      flag: "--enable-prefix-caching", match: .negation, negated: true),
    Spelling(
      engine: .vllm, version: "0.10.2", spelling: "--enable_prefix_caching",
      flag: "--enable-prefix-caching", match: .normalized),
    Spelling(
      engine: .vllm, version: "0.10.2", spelling: "gpu-memory-utilization",
      flag: "--gpu-memory-utilization", match: .normalized),
    Spelling(
      engine: .vllm, version: "0.33.0", spelling: "-ep", flag: "--enable-expert-parallel",
      match: .alias),
    Spelling(
      engine: .vllm, version: "0.33.0", spelling: "--device-memory-utilization",
      flag: "--gpu-memory-utilization", match: .alias),
  ]

  @Test(arguments: spellings)
  func resolution(_ s: Spelling) throws {
    let catalog = try #require(
      Self.store.catalog(engine: s.engine, version: EngineVersion(s.version)!).catalog)
    let r = catalog.resolve(s.spelling)
    #expect(r?.flag.name == s.flag)
    #expect(r?.match == s.match)
    if r != nil { #expect(r?.isNegated == s.negated) }
  }

  @Test func inlineValueAndSuggestion() throws {
    let catalog = try #require(
      Self.store.catalog(engine: .vllm, version: EngineVersion("0.10.2")!).catalog)
    #expect(catalog.resolve("--port=8000")?.inlineValue == "8000")
    #expect(catalog.suggestion(for: "--gpu-memory-utilisation") == "--gpu-memory-utilization")
    #expect(catalog.suggestion(for: "--max-model-length") == "--max-model-len")
  }

  @Test func embeddedTextsEqualSpecFiles() throws {
    let embedded = try FlagCatalogStore.embedded()
    #expect(embedded.origin == .embedded)
    var paths: [String] = []
    for engine in ["sglang", "vllm", "vllm-omni", "llama-cpp"] {
      let names = try FileManager.default.contentsOfDirectory(
        atPath: Paths.specEngines + "/" + engine)
      paths += names.filter { $0.hasSuffix(".tsv") }.map { engine + "/" + $0 }
    }
    paths.append("renames.tsv")
    #expect(Set(paths) == Set(EmbeddedCatalogs.files.keys), "run scripts/embed-resources")
    for path in paths {
      #expect(
        EmbeddedCatalogs.files[path] == Paths.read(Paths.specEngines + "/" + path),
        "\(path) drifted; run scripts/embed-resources")
    }
    for engine in [Engine.sglang, .vllm] {
      #expect(embedded.catalogs(engine: engine) == Self.store.catalogs(engine: engine))
    }
    #expect(embedded.renameTable == Self.store.renameTable)
  }

  @Test("every compiled-in table parses (tables are parsed lazily, on first use)")
  func everyEmbeddedTableParses() throws {
    for (path, text) in EmbeddedCatalogs.files where path.hasSuffix(".tsv") && path.contains("/") {
      let parts = path.split(separator: "/")
      guard let version = EngineVersion(String(parts[1].dropLast(4))) else { continue }
      let engine = Engine(rawValue: String(parts[0])) ?? EnginePlugin(rawValue: String(parts[0]))?.engine
      let name = try #require(engine, "\(path): no engine or plugin named \(parts[0])")
      #expect(throws: Never.self, "\(path)") {
        _ = try FlagCatalog(engine: name, version: version, tsv: text, file: path)
      }
    }
  }

  @Test("a spec/engines table that differs from the compiled-in one is checked at load")
  func changedTableOnDiskFailsAtLoad() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("catalogs-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let sglang = dir + "/sglang"
    try FileManager.default.createDirectory(atPath: sglang, withIntermediateDirectories: true)
    // An unchanged table loads (parsed when used) and answers as the embedded one does.
    let good = try #require(EmbeddedCatalogs.files["sglang/0.5.23.tsv"])
    try good.write(toFile: sglang + "/0.5.23.tsv", atomically: true, encoding: .utf8)
    let store = try FlagCatalogStore(directory: dir)
    let v = EngineVersion("0.5.23")!
    #expect(
      store.catalog(engine: .sglang, version: v).catalog
        == (try FlagCatalogStore.embedded()).catalog(engine: .sglang, version: v).catalog)
    // A broken row in another table fails the load, at its line.
    let lines = good.split(separator: "\n", omittingEmptySubsequences: false)
    let broken = (lines.prefix(3) + ["--broken-flag\tnot-a-kind"] + lines.dropFirst(3))
      .joined(separator: "\n")
    try broken.write(toFile: sglang + "/0.5.22.tsv", atomically: true, encoding: .utf8)
    let error = #expect(throws: FlagCatalogError.self) { try FlagCatalogStore(directory: dir) }
    #expect(error?.file == "sglang/0.5.22.tsv")
    #expect(error?.line == 4, "\(String(describing: error))")
  }

  @Test func locatesSpecDirectory() throws {
    let viaEnv = FlagCatalogStore.locateDirectory(
      environment: ["REGISTRY_SPEC_DIR": Paths.root + "/spec"], executablePath: nil,
      currentDirectory: nil)
    #expect(viaEnv == Paths.root + "/spec/engines")
    let viaCwd = FlagCatalogStore.locateDirectory(
      environment: [:], executablePath: "/nonexistent/bin/registry",
      currentDirectory: Paths.root + "/Sources/Engines/Catalogs")
    #expect(viaCwd == Paths.root + "/spec/engines")
    let viaExe = FlagCatalogStore.locateDirectory(
      environment: [:], executablePath: Paths.root + "/.build/debug/registry", currentDirectory: "/"
    )
    #expect(viaExe == Paths.root + "/spec/engines")
    let nowhere = FlagCatalogStore.locateDirectory(
      environment: [:], executablePath: "/bin/true", currentDirectory: "/")
    #expect(nowhere == nil)
    let fallback = try FlagCatalogStore.load(
      environment: [:], executablePath: "/bin/true", currentDirectory: "/")
    #expect(fallback.origin == .embedded)
    let sglangFiles = try FileManager.default.contentsOfDirectory(
      atPath: Paths.specEngines + "/sglang"
    ).filter { $0.hasSuffix(".tsv") }
    #expect(fallback.versions(engine: .sglang).count == sglangFiles.count)
    #expect(sglangFiles.count == 64)
  }
}
