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
    for i in 0..<count {
      if !query.includeInvalid && isInvalid(i) { continue }
      if let gpuIDs, !gpuIDs.contains(dictID(i, .gpuType)) { continue }
      if let modelIDs, !modelIDs.contains(dictID(i, .model)) { continue }
      if let engineIDs, !engineIDs.contains(dictID(i, .engine)) { continue }
      if let versionIDs, !versionIDs.contains(dictID(i, .engineVersion)) { continue }
      if let precisionIDs, !precisionIDs.contains(dictID(i, .precision)) { continue }
      if let t = query.topology, topology(i) != t { continue }
      if query.minGPUs != nil || query.maxGPUs != nil {
        guard let g = totalGPUs(i) else { continue }
        if let lo = query.minGPUs, g < lo { continue }
        if let hi = query.maxGPUs, g > hi { continue }
      }
      if let n = query.nodes, nodes(i) != n { continue }
      let status = dictID(i, .status)
      if let statusIDs {
        if !(statusIDs.contains(status) || (wantsUnspecified && status == IndexFormat.none)) {
          continue
        }
      } else if deprecatedIDs.contains(status) {
        continue
      }
      if let text {
        let inModel = textModelIDs?.contains(dictID(i, .model)) ?? false
        if !inModel && !uniqueBytes(nameID(i), { Self.containsFolded($0, text) }) { continue }
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
