import Schema
import Foundation

/// Writes index files: from scratch, or from a previous snapshot by dropping some records and
/// adding new ones (old records are copied byte for byte, old strings keep their ids).
public struct IndexWriter {
  private var dictionary: [String] = []
  private var dictIDs: [String: UInt32] = [:]
  private var uniqueBlob: [UInt8] = []
  private var uniqueOffsets: [UInt32] = [0]
  private var records: [UInt8] = []
  private var recordCount = 0

  /// Starts an empty index.
  public init() {}

  /// Starts from `base`, keeping its records except those in `dropping` (record indices).
  /// When most of its unique strings would be garbage, the kept records are re-encoded.
  public init(base: IndexSnapshot, dropping: Set<Int>) {
    let kept = base.count - dropping.count
    if base.uniqueCount > 4 * max(kept, 64) {
      for i in 0..<base.count where !dropping.contains(i) { add(base.recipe(i)) }
      return
    }
    dictionary = base.dictionary
    for (i, s) in dictionary.enumerated() { dictIDs[s] = UInt32(i) }
    base.bytes.withUnsafeBytes { raw in
      let offsets = base.uniqueOffsetsStart
      let blobLength = Int(raw.loadUnaligned(fromByteOffset: offsets + base.uniqueCount * 4, as: UInt32.self).littleEndian)
      uniqueOffsets = (0...base.uniqueCount).map {
        raw.loadUnaligned(fromByteOffset: offsets + $0 * 4, as: UInt32.self).littleEndian
      }
      uniqueBlob = Array(raw[base.uniqueBlobStart..<(base.uniqueBlobStart + blobLength)])
      records.reserveCapacity((kept + 16) * IndexFormat.recordSize)
      for i in 0..<base.count where !dropping.contains(i) {
        let at = base.recordOffset(i)
        records.append(contentsOf: raw[at..<(at + IndexFormat.recordSize)])
      }
    }
    recordCount = kept
  }

  private mutating func dict(_ s: String?) -> UInt32 {
    guard let s else { return IndexFormat.none }
    if let id = dictIDs[s] { return id }
    let id = UInt32(dictionary.count)
    dictionary.append(s)
    dictIDs[s] = id
    return id
  }

  private mutating func unique(_ s: String?) -> UInt32 {
    guard let s else { return IndexFormat.none }
    uniqueBlob.append(contentsOf: s.utf8)
    uniqueOffsets.append(UInt32(uniqueBlob.count))
    return UInt32(uniqueOffsets.count - 2)
  }

  /// Adds one record.
  public mutating func add(_ r: IndexedRecipe) {
    var rec = [UInt8](repeating: 0, count: IndexFormat.recordSize)
    func put(_ v: UInt32, _ at: Int) {
      withUnsafeBytes(of: v.littleEndian) { for (k, b) in $0.enumerated() { rec[at + k] = b } }
    }
    func putInt(_ v: Int?, _ at: Int) { put(UInt32(bitPattern: Int32(clamping: v ?? -1)), at) }
    let s = r.summary
    put(unique(s.name), IndexFormat.nameOffset)
    put(unique(r.path), IndexFormat.pathOffset)
    let idBytes = r.blobID.bytes
    for k in 0..<20 { rec[IndexFormat.blobOffset + k] = idBytes[k] }
    put(dict(s.model), IndexFormat.Field.model.rawValue)
    put(dict(s.engine), IndexFormat.Field.engine.rawValue)
    put(dict(s.engineVersion), IndexFormat.Field.engineVersion.rawValue)
    put(dict(s.image), IndexFormat.Field.image.rawValue)
    put(dict(s.gpuType), IndexFormat.Field.gpuType.rawValue)
    put(dict(s.precision), IndexFormat.Field.precision.rawValue)
    put(dict(s.format), IndexFormat.Field.format.rawValue)
    put(dict(s.status), IndexFormat.Field.status.rawValue)
    putInt(s.gpusPerNode, IndexFormat.gpusPerNodeOffset)
    putInt(s.totalGPUs, IndexFormat.totalGPUsOffset)
    putInt(s.nodes, IndexFormat.nodesOffset)
    var diagnosticsText: String?
    if !r.diagnostics.isEmpty, let data = try? JSONEncoder().encode(r.diagnostics) {
      diagnosticsText = String(decoding: data, as: UTF8.self)
    }
    put(unique(diagnosticsText), IndexFormat.diagnosticsOffset)
    switch s.topology {
    case .aggregated?: rec[IndexFormat.topologyOffset] = 1
    case .disaggregated?: rec[IndexFormat.topologyOffset] = 2
    case nil: rec[IndexFormat.topologyOffset] = 0
    }
    rec[IndexFormat.flagsOffset] = r.isValid ? 0 : 1
    records.append(contentsOf: rec)
    recordCount += 1
  }

  /// The bytes of the index file for `tree`.
  public func bytes(tree: ObjectID) -> [UInt8] {
    var out: [UInt8] = []
    var dictBlob: [UInt8] = []
    var dictOffsets: [UInt32] = [0]
    for s in dictionary {
      dictBlob.append(contentsOf: s.utf8)
      dictOffsets.append(UInt32(dictBlob.count))
    }
    out.reserveCapacity(
      IndexFormat.headerSize + dictBlob.count + uniqueBlob.count + records.count
        + 4 * (dictOffsets.count + uniqueOffsets.count) + 8)
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    out.append(contentsOf: IndexFormat.magic)
    u32(IndexFormat.version)
    withUnsafeBytes(of: IndexFingerprint.current.littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: tree.bytes)
    u32(UInt32(recordCount))
    u32(UInt32(dictionary.count))
    u32(UInt32(uniqueOffsets.count - 1))
    for o in dictOffsets { u32(o) }
    out.append(contentsOf: dictBlob)
    for o in uniqueOffsets { u32(o) }
    out.append(contentsOf: uniqueBlob)
    out.append(contentsOf: records)
    let checksum = out.withUnsafeBytes { FastHash.hash($0) }
    withUnsafeBytes(of: checksum.littleEndian) { out.append(contentsOf: $0) }
    return out
  }
}
