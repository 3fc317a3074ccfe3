internal import Engines
import Migrate
import Schema

extension IndexSnapshot {
  /// The records matching `query`, as record indices in index order.
  ///
  /// Works on the record columns: every dictionary-valued filter becomes a set of dictionary
  /// ids (a flag per id) computed once per query (a version range is evaluated once per distinct version), so
  /// the per-record work is integer comparisons; names are decoded only for free-text queries.
  public func search(_ query: SearchQuery) -> [Int] {
    func ids(where predicate: (String) -> Bool) -> DictionaryIDSet {
      DictionaryIDSet(count: dictionary.count) { predicate(dictionary[$0]) }
    }
    let gpuIDs =
      query.gpus.isEmpty
      ? nil : ids { s in query.gpus.contains { $0.lowercased() == s.lowercased() } }
    let modelIDs = query.model.flatMap { m in
      m.isEmpty ? nil : ids { $0.lowercased().contains(m.lowercased()) }
    }
    let engineIDs = query.engine.map { e in ids { $0.lowercased() == e.lowercased() } }
    let versionIDs = query.engineVersions.map { range in
      ids { EngineVersion($0).map(range.contains) ?? false }
    }
    let precisionIDs =
      query.precisions.isEmpty
      ? nil : ids { s in query.precisions.contains { $0.lowercased() == s.lowercased() } }
    let deprecatedIDs = ids { $0 == "deprecated" }
    let statusIDs =
      query.statuses.isEmpty
      ? nil : ids { s in query.statuses.contains { $0.lowercased() == s.lowercased() } }
    let wantsUnspecified = query.statuses.contains { $0.lowercased() == "unspecified" }
    let text = query.text.flatMap { $0.isEmpty ? nil : Array($0.lowercased().utf8) }
    let textModelIDs = query.text.flatMap { t in
      t.isEmpty ? nil : ids { $0.lowercased().contains(t.lowercased()) }
    }

    var out: [Int] = []
    forEachRecord { i, r in
      func id(_ field: IndexFormat.Field) -> UInt32 { Self.field(r, field.rawValue) }
      func int(_ offset: Int) -> Int? {
        let v = Int32(bitPattern: Self.field(r, offset))
        return v < 0 ? nil : Int(v)
      }
      let flags = r.load(fromByteOffset: IndexFormat.flagsOffset, as: UInt8.self)
      if !query.includeInvalid && flags & 1 != 0 { return }
      if let gpuIDs, !gpuIDs.contains(id(.gpuType)) { return }
      if let modelIDs, !modelIDs.contains(id(.model)) { return }
      if let engineIDs, !engineIDs.contains(id(.engine)) { return }
      if let versionIDs, !versionIDs.contains(id(.engineVersion)) { return }
      if let precisionIDs, !precisionIDs.contains(id(.precision)) { return }
      if let t = query.topology, Self.topology(r) != t { return }
      if query.minGPUs != nil || query.maxGPUs != nil {
        guard let g = int(IndexFormat.totalGPUsOffset) else { return }
        if let lo = query.minGPUs, g < lo { return }
        if let hi = query.maxGPUs, g > hi { return }
      }
      if let n = query.nodes, int(IndexFormat.nodesOffset) != n { return }
      let status = id(.status)
      if let statusIDs {
        if !(statusIDs.contains(status) || (wantsUnspecified && status == IndexFormat.none)) {
          return
        }
      } else if deprecatedIDs.contains(status) {
        return
      }
      if let text {
        let inModel = textModelIDs?.contains(id(.model)) ?? false
        let name = Self.field(r, IndexFormat.nameOffset)
        if !inModel && !uniqueBytes(name, { Self.containsFolded($0, text) }) { return }
      }
      out.append(i)
    }
    return out
  }

  /// ASCII case-insensitive substring test on raw bytes (`needle` already lower-cased).
  static func containsFolded(_ hay: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
    let n = needle.count
    guard n > 0 else { return true }
    guard hay.count >= n else { return false }
    for start in 0...(hay.count - n) {
      var k = 0
      while k < n, ASCII.lower(hay[start + k]) == needle[k] { k += 1 }
      if k == n { return true }
    }
    return false
  }
}
