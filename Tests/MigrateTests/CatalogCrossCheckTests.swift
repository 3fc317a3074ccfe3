import Engines
import Foundation
import Testing

/// The catalogs `scripts/catalogs` reads from the released packages' source, checked against
/// the catalogs already shipped in `spec/engines` for the versions both have.
///
/// The from-source tables of those versions live in `Fixtures/catalogs-from-source/<engine>/`
/// (the shipped table stays in spec/engines); every difference must be listed, with a reason,
/// in `Fixtures/catalogs-from-source/exceptions.tsv` (`engine version flag column reason`;
/// `*` matches any version or flag), and every listed exception must still match something.
@Suite struct CatalogCrossCheckTests {
  static let folder = Paths.root + "/Tests/MigrateTests/Fixtures/catalogs-from-source"

  /// One difference between a shipped and a from-source row.
  struct Difference: Hashable, CustomStringConvertible {
    var engine: String
    var version: String
    var flag: String
    var column: String
    var detail: String
    var description: String { "\(engine) \(version) \(flag) \(column): \(detail)" }
  }

  /// One row of exceptions.tsv.
  struct Exception: Hashable {
    var engine: String
    var version: String
    var flag: String
    var column: String
    var reason: String

    func covers(_ d: Difference) -> Bool {
      engine == d.engine && (version == "*" || version == d.version)
        && (flag == "*" || flag == d.flag) && column == d.column
    }
  }

  static func exceptions() throws -> [Exception] {
    let text = try #require(Paths.read(folder + "/exceptions.tsv"))
    return text.split(separator: "\n").dropFirst().compactMap { line in
      if line.hasPrefix("#") { return nil }
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 5 else { return nil }
      return Exception(engine: f[0], version: f[1], flag: f[2], column: f[3], reason: f[4])
    }
  }

  /// (engine, version) pairs that have a from-source fixture.
  static func pairs() -> [(engine: Engine, version: String)] {
    var out: [(Engine, String)] = []
    for engine in Engine.allCases {
      let dir = folder + "/" + engine.rawValue
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
      for name in names.sorted() where name.hasSuffix(".tsv") {
        out.append((engine, String(name.dropLast(4))))
      }
    }
    return out
  }

  /// Differences between two catalogs of the same version, row by row.
  static func differences(shipped: FlagCatalog, fromSource: FlagCatalog) -> [Difference] {
    let engine = shipped.engine.rawValue
    let version = shipped.version.normalized
    var out: [Difference] = []
    func add(_ flag: String, _ column: String, _ detail: String) {
      out.append(
        Difference(engine: engine, version: version, flag: flag, column: column, detail: detail))
    }
    let theirs = Dictionary(fromSource.flags.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let ours = Set(shipped.flags.map(\.name))
    for flag in shipped.flags {
      guard let other = theirs[flag.name] else {
        add(flag.name, "row", "only in the shipped catalog")
        continue
      }
      if flag.kind != other.kind { add(flag.name, "kind", "\(flag.kind) vs \(other.kind)") }
      if flag.type != other.type { add(flag.name, "type", "\(flag.type) vs \(other.type)") }
      if flag.defaultValue != other.defaultValue {
        add(flag.name, "default", "\(flag.defaultValue) vs \(other.defaultValue)")
      }
      if flag.choices != other.choices {
        add(flag.name, "choices", "\(flag.choices) vs \(other.choices)")
      }
      if Set(flag.aliases) != Set(other.aliases) {
        add(flag.name, "aliases", "\(flag.aliases) vs \(other.aliases)")
      }
      if flag.deprecated != other.deprecated {
        add(flag.name, "deprecated", "\(flag.deprecated) vs \(other.deprecated)")
      }
    }
    for flag in fromSource.flags where !ours.contains(flag.name) {
      add(flag.name, "row", "only in the from-source catalog")
    }
    return out
  }

  @Test func fixturesExistForShippedVersions() throws {
    let pairs = Self.pairs()
    #expect(pairs.count >= 2, "scripts/catalogs --cross-check writes them")
    for (engine, version) in pairs {
      #expect(
        FileManager.default.fileExists(
          atPath: Paths.specEngines + "/\(engine.rawValue)/\(version).tsv"),
        "\(engine) \(version): no shipped catalog to compare with")
    }
  }

  @Test func fromSourceAgreesWithShippedCatalogsBarListedExceptions() throws {
    let exceptions = try Self.exceptions()
    var used = Set<Exception>()
    var unexplained: [Difference] = []
    for (engine, version) in Self.pairs() {
      let v = try #require(EngineVersion(version))
      let shippedText = try #require(
        Paths.read(Paths.specEngines + "/\(engine.rawValue)/\(version).tsv"))
      let sourceText = try #require(
        Paths.read(Self.folder + "/\(engine.rawValue)/\(version).tsv"))
      let shipped = try FlagCatalog(engine: engine, version: v, tsv: shippedText)
      let fromSource = try FlagCatalog(engine: engine, version: v, tsv: sourceText)
      #expect(fromSource.source?.hasPrefix("from-source") == true)
      for d in Self.differences(shipped: shipped, fromSource: fromSource) {
        if let e = exceptions.first(where: { $0.covers(d) }) {
          used.insert(e)
        } else {
          unexplained.append(d)
        }
      }
    }
    #expect(unexplained.isEmpty, "\(unexplained.map(\.description).joined(separator: "\n"))")
    let stale = exceptions.filter { !used.contains($0) }
    #expect(
      stale.isEmpty,
      "exceptions that match nothing: \(stale.map { "\($0.engine) \($0.version) \($0.flag) \($0.column)" })"
    )
  }

  @Test func aDifferenceWithoutAnExceptionIsReported() throws {
    let v = try #require(EngineVersion("0.5.1"))
    let header = "flag\tkind\ttype\tdefault\tchoices\taliases\tdeprecated\n"
    let a = try FlagCatalog(
      engine: .sglang, version: v, tsv: header + "--tp-size\tvalue\tint\t1\t\t\tno\n")
    let b = try FlagCatalog(
      engine: .sglang, version: v,
      tsv: header + "--tp-size\tvalue\tint\t2\t\t\tno\n--new\tbool\tbool\tFalse\t\t\tno\n")
    let found = Self.differences(shipped: a, fromSource: b).map { "\($0.flag) \($0.column)" }
    #expect(found == ["--tp-size default", "--new row"])
  }
}
