import Schema
import Synchronization

/// One catalog table of a ``FlagCatalogStore``, parsed the first time it is asked for.
///
/// A process needs one or two of the ~200 shipped tables (a `plan` or `show` the catalog of
/// the recipe's engine version; lint of a recipe the tables of its engine), and parsing every
/// one of them was two thirds of a `plan`. A table is parsed at load only when its text may be
/// malformed (a `spec/engines` folder on disk whose file differs from the copy compiled into
/// the binary), so that a broken table still fails the command that loads it, with its
/// location; the compiled-in texts are all parsed by a test.
final class LazyFlagCatalog: Sendable {
  let version: EngineVersion
  private let engine: Engine
  private let file: String
  private let text: String
  private let parsed: Mutex<FlagCatalog?>

  /// A table parsed when first used; `text` must be one that parses (a compiled-in one).
  init(engine: Engine, version: EngineVersion, text: String, file: String) {
    self.engine = engine
    self.version = version
    self.file = file
    self.text = text
    parsed = Mutex(nil)
  }

  /// A table parsed now.
  /// - Throws: the table's ``FlagCatalogError`` (with its file and line).
  init(parsing text: String, engine: Engine, version: EngineVersion, file: String)
    throws(FlagCatalogError)
  {
    self.engine = engine
    self.version = version
    self.file = file
    self.text = text
    parsed = Mutex(try FlagCatalog(engine: engine, version: version, tsv: text, file: file))
  }

  /// The parsed table.
  var catalog: FlagCatalog {
    parsed.withLock { cached in
      if let cached { return cached }
      do {
        let catalog = try FlagCatalog(engine: engine, version: version, tsv: text, file: file)
        cached = catalog
        return catalog
      } catch {
        // Only compiled-in texts are parsed lazily, and FlagCatalogTests parses every one.
        preconditionFailure("embedded flag catalog \(file) does not parse: \(error)")
      }
    }
  }
}
