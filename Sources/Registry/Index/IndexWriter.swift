import Schema
import Foundation

/// Writes index files: from scratch, or from a previous snapshot by dropping some records and
/// adding new ones (old records are copied byte for byte, old strings keep their ids).
public struct IndexWriter {
  private var dictionary: [String] = []
  private var dictIDs: [String: UInt32] = [:]
  private var uniqueBlob: [UInt8] = []
  /// Little-endian u32 offsets into `uniqueBlob`, one more than the strings.
  private var uniqueOffsets: [UInt8] = [0, 0, 0, 0]
  private var uniqueCount = 0
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
    let raw = base.raw
    let offsets = base.uniqueOffsetsStart
    let blobLength = Int(raw.loadUnaligned(fromByteOffset: offsets + base.uniqueCount * 4, as: UInt32.self).littleEndian)
    uniqueCount = base.uniqueCount
    uniqueOffsets = Self.copy(raw, offsets, (base.uniqueCount + 1) * 4)
    uniqueBlob = Self.copy(raw, base.uniqueBlobStart, blobLength, reserve: 4_096)
    // Copy the kept records in runs between the dropped ones.
    records.reserveCapacity((kept + 16) * IndexFormat.recordSize)
    var runStart = 0
    for i in dropping.sorted() + [base.count] {
      if i > runStart {
        let from = base.recordOffset(runStart)
        records.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[from..<(from + (i - runStart) * IndexFormat.recordSize)]))
      }
      runStart = i + 1
    }
    recordCount = kept
  }

  /// `count` bytes of `raw` from `offset`, copied with memcpy, with room for `reserve` more.
  private static func copy(_ raw: UnsafeRawBufferPointer, _ offset: Int, _ count: Int, reserve: Int = 64) -> [UInt8] {
    var out = [UInt8](unsafeUninitializedCapacity: count + reserve) { buf, initialized in
      if count > 0 { UnsafeMutableRawPointer(buf.baseAddress!).copyMemory(from: raw.baseAddress! + offset, byteCount: count) }
      initialized = count
    }
    out.reserveCapacity(count + reserve)
    return out
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
    withUnsafeBytes(of: UInt32(uniqueBlob.count).littleEndian) { uniqueOffsets.append(contentsOf: $0) }
    uniqueCount += 1
    return UInt32(uniqueCount - 1)
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
        + 4 * dictOffsets.count + uniqueOffsets.count + 8)
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    out.append(contentsOf: IndexFormat.magic)
    u32(IndexFormat.version)
    withUnsafeBytes(of: IndexFingerprint.current.littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: tree.bytes)
    u32(UInt32(recordCount))
    u32(UInt32(dictionary.count))
    u32(UInt32(uniqueCount))
    for o in dictOffsets { u32(o) }
    out.append(contentsOf: dictBlob)
    out.append(contentsOf: uniqueOffsets)
    out.append(contentsOf: uniqueBlob)
    out.append(contentsOf: records)
    let checksum = out.withUnsafeBytes { FastHash.hash($0) }
    withUnsafeBytes(of: checksum.littleEndian) { out.append(contentsOf: $0) }
    return out
  }
}
