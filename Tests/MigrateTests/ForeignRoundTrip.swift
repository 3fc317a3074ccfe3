import Engines
import Foundation
import Migrate
import Schema
import TestSupport
import Testing

/// Shared checks of the foreign-format converter tests: import, v2 encode/decode, export, and
/// re-import with a verify (same invocations, model, engine, topology).
enum ForeignRoundTrip {
  /// The converter of a format.
  static func converter(_ format: RecipeFormat) -> any FormatConverter {
    Converters.all.first { $0.format == format }!
  }

  /// Parses text (or a file) into documents.
  static func documents(_ text: String) throws -> [YAMLDocument] {
    try YAML.parseStream(Array(text.utf8))
  }

  /// The format of a corpus or registry file.
  static func format(of file: String) -> RecipeFormat? {
    guard let bytes = try? Corpus.bytes(file), let docs = try? YAML.parseStream(bytes) else {
      return nil
    }
    return RecipeFormat.detect(documents: docs).format
  }

  /// Problems found converting `text` to v2 and back; empty when everything holds.
  /// - Returns: the problems and the v2 recipe (when the import succeeded).
  static func check(_ text: String, file: String, format: RecipeFormat) -> (
    problems: [String], recipe: RecipeV2?, back: String?
  ) {
    var problems: [String] = []
    let conv = converter(format)
    guard let docs = try? documents(text) else {
      return (["\(file): YAML does not parse"], nil, nil)
    }
    let imported = conv.toV2(docs, file: file)
    let errors = imported.diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty { problems += errors.map { "import: \($0)" } }
    guard let recipe = imported.value else { return (problems + ["\(file): no recipe"], nil, nil) }

    // v2 encodes and decodes back, in memory and through text.
    let encoded = recipe.encode()
    let (decoded, diags) = RecipeV2.decode(YAMLDocument(root: encoded), file: file + " (v2)")
    if diags.hasErrors {
      problems += diags.filter { $0.severity == .error }.map { "v2 decode: \($0)" }
    }
    if let decoded, decoded != recipe {
      problems.append("v2 decode differs from the imported recipe")
    }
    if let reparsed = try? YAML.parse(YAMLEmitter.emit(encoded)) {
      let (d2, diags2) = RecipeV2.decode(reparsed, file: file + " (v2 text)")
      if diags2.hasErrors || d2 == nil { problems.append("v2 text does not decode: \(diags2)") }
    } else {
      problems.append("emitted v2 does not parse")
    }

    // Back to the format, and in again.
    let exported = conv.fromV2(recipe)
    if !exported.losses.isEmpty { problems += exported.losses.map { "loss: \($0)" } }
    guard let outDocs = exported.value else {
      return (problems + ["export gave nothing"], recipe, nil)
    }
    let out = YAMLEmitter.emitStream(outDocs)
    guard let again = try? documents(out) else {
      return (problems + ["exported YAML does not parse:\n\(out)"], recipe, out)
    }
    let reimported = conv.toV2(again, file: file)
    guard let r2 = reimported.value else {
      return (problems + ["re-import failed: \(reimported.diagnostics)\n\(out)"], recipe, out)
    }
    problems += verify(recipe, r2)
    return (problems, recipe, out)
  }

  /// What `--verify` compares: invocations of every role, model, engine, topology, launcher
  /// host/port.
  static func verify(_ a: RecipeV2, _ b: RecipeV2) -> [String] {
    var p: [String] = []
    let ia = EngineInvocation.buildAll(a)
    let ib = EngineInvocation.buildAll(b)
    if ia != ib { p.append("invocations differ:\n  \(ia)\n  \(ib)") }
    if a.model != b.model { p.append("model differs: \(a.model) vs \(b.model)") }
    if a.engine != b.engine { p.append("engine differs: \(a.engine) vs \(b.engine)") }
    if a.topology != b.topology { p.append("topology differs: \(a.topology) vs \(b.topology)") }
    if a.resources != b.resources { p.append("resources differ") }
    if a.launcher?.host != b.launcher?.host || a.launcher?.port != b.launcher?.port {
      p.append("host/port differ")
    }
    return p
  }

  /// The words a template gives after substitution (`str.format`, then shell splitting).
  static func substitutedWords(command: String, defaults: YAMLNode?, model: String?) throws
    -> [String]
  {
    var params: [String: YAMLNode] = [:]
    for p in defaults?.mapping ?? [] { if let k = p.key.scalar { params[k] = p.value } }
    if params["model"] == nil, let model { params["model"] = .string(model) }
    var unresolved: [String] = []
    let text = CommandTemplate.format(command, parameters: params, unresolved: &unresolved)
    return try ShellWords.split(text).map(\.text)
  }
}
