internal import Engines
import Schema

/// A query compiled against one index's dictionary: the test `search` makes of each record.
///
/// Every dictionary-valued filter becomes a set of dictionary ids (a flag per id), computed
/// once (a version range is evaluated once per distinct version), so the per-record work is
/// integer comparisons; names are read only for free-text queries.
struct SearchMatcher {
  let query: SearchQuery
  let gpuIDs, modelIDs, engineIDs, versionIDs, precisionIDs, statusIDs: DictionaryIDSet?
  let deprecatedIDs: DictionaryIDSet
  let wantsUnspecified: Bool
  /// The free text, lower-cased, and the models that contain it.
  let text: [UInt8]?
  let textModelIDs: DictionaryIDSet?

  init(_ query: SearchQuery, dictionary: [String]) {
    func ids(where predicate: (String) -> Bool) -> DictionaryIDSet {
      DictionaryIDSet(count: dictionary.count) { predicate(dictionary[$0]) }
    }
    self.query = query
    gpuIDs =
      query.gpus.isEmpty
      ? nil : ids { s in query.gpus.contains { $0.lowercased() == s.lowercased() } }
    modelIDs = query.model.flatMap { m in
      m.isEmpty ? nil : ids { $0.lowercased().contains(m.lowercased()) }
    }
    engineIDs = query.engine.map { e in ids { $0.lowercased() == e.lowercased() } }
    versionIDs = query.engineVersions.map { range in
      ids { EngineVersion($0).map(range.contains) ?? false }
    }
    precisionIDs =
      query.precisions.isEmpty
      ? nil : ids { s in query.precisions.contains { $0.lowercased() == s.lowercased() } }
    deprecatedIDs = ids { $0 == "deprecated" }
    statusIDs =
      query.statuses.isEmpty
      ? nil : ids { s in query.statuses.contains { $0.lowercased() == s.lowercased() } }
    wantsUnspecified = query.statuses.contains { $0.lowercased() == "unspecified" }
    text = query.text.flatMap { $0.isEmpty ? nil : Array($0.lowercased().utf8) }
    textModelIDs = query.text.flatMap { t in
      t.isEmpty ? nil : ids { $0.lowercased().contains(t.lowercased()) }
    }
  }

  /// Whether the record whose bytes start at `r` (checked by the caller) matches.
  @inline(__always) func matches(_ r: UnsafeRawPointer, in s: IndexSnapshot) -> Bool {
    func id(_ field: IndexFormat.Field) -> UInt32 { IndexSnapshot.field(r, field.rawValue) }
    func int(_ offset: Int) -> Int? {
      let v = Int32(bitPattern: IndexSnapshot.field(r, offset))
      return v < 0 ? nil : Int(v)
    }
    let flags = r.load(fromByteOffset: IndexFormat.flagsOffset, as: UInt8.self)
    if !query.includeInvalid && flags & 1 != 0 { return false }
    if let gpuIDs, !gpuIDs.contains(id(.gpuType)) { return false }
    if let modelIDs, !modelIDs.contains(id(.model)) { return false }
    if let engineIDs, !engineIDs.contains(id(.engine)) { return false }
    if let versionIDs, !versionIDs.contains(id(.engineVersion)) { return false }
    if let precisionIDs, !precisionIDs.contains(id(.precision)) { return false }
    if let t = query.topology, IndexSnapshot.topology(r) != t { return false }
    if query.minGPUs != nil || query.maxGPUs != nil {
      guard let g = int(IndexFormat.totalGPUsOffset) else { return false }
      if let lo = query.minGPUs, g < lo { return false }
      if let hi = query.maxGPUs, g > hi { return false }
    }
    if let n = query.nodes, int(IndexFormat.nodesOffset) != n { return false }
    let status = id(.status)
    if let statusIDs {
      if !(statusIDs.contains(status) || (wantsUnspecified && status == IndexFormat.none)) {
        return false
      }
    } else if deprecatedIDs.contains(status) {
      return false
    }
    if let text {
      let inModel = textModelIDs?.contains(id(.model)) ?? false
      let name = IndexSnapshot.field(r, IndexFormat.nameOffset)
      if !inModel && !s.uniqueBytes(name, { IndexSnapshot.containsFolded($0, text) }) {
        return false
      }
    }
    return true
  }
}
