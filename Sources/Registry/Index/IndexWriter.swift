import Foundation
import Schema

/// Writes index files: from scratch, or from a previous snapshot by dropping some records and
/// adding new ones (old records and strings are written straight from the old file, byte for
/// byte, and old strings keep their ids).
package struct IndexWriter {
  private var dictionary: [String] = []
  private var dictIDs: [String: UInt32] = [:]
  /// The snapshot whose unique strings and kept records come first in the file.
  private var base: IndexSnapshot?
  /// Byte ranges of `base`: its unique offsets, its unique strings, its kept record runs.
  private var baseOffsets = 0..<0
  private var baseBlob = 0..<0
  private var baseRecordRuns: [Range<Int>] = []
  /// Unique strings added here, after the base's.
  private var uniqueBlob: [UInt8] = []
  /// Little-endian u32 offsets of the added strings into the whole unique blob (with a
  /// leading 0 when there is no base).
  private var uniqueOffsets: [UInt8] = [0, 0, 0, 0]
  private var uniqueCount = 0
  private var records: [UInt8] = []
  private var recordCount = 0

  /// Starts an empty index.
  package init() {}

  /// Starts from `base`, keeping its records except those in `dropping` (record indices).
  /// When most of its unique strings would be garbage, the kept records are re-encoded.
  package init(base: IndexSnapshot, dropping: Set<Int>) {
    let kept = base.count - dropping.count
    if base.uniqueCount > 4 * max(kept, 64) {
      for i in 0..<base.count where !dropping.contains(i) { add(base.recipe(i)) }
      return
    }
    self.base = base
    dictionary = base.dictionary
    for (i, s) in dictionary.enumerated() { dictIDs[s] = UInt32(i) }
    let offsets = base.uniqueOffsetsStart
    let blobLength = Int(base.u32(offsets + base.uniqueCount * 4))
    uniqueCount = base.uniqueCount
    uniqueOffsets = []
    baseOffsets = offsets..<(offsets + (base.uniqueCount + 1) * 4)
    baseBlob = base.uniqueBlobStart..<(base.uniqueBlobStart + blobLength)
    // The kept records, in runs between the dropped ones.
    var runStart = 0
    for i in dropping.sorted() + [base.count] {
      if i > runStart { baseRecordRuns.append(base.recordOffset(runStart)..<base.recordOffset(i)) }
      runStart = i + 1
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
    withUnsafeBytes(of: UInt32(baseBlob.count + uniqueBlob.count).littleEndian) {
      uniqueOffsets.append(contentsOf: $0)
    }
    uniqueCount += 1
    return UInt32(uniqueCount - 1)
  }

  /// JSON for a record's diagnostics, with sorted keys: the same bytes in every process.
  private static func diagnosticsEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return encoder
  }

  /// A count as stored: -1 when absent, clamped to 32 bits.
  private static func count(_ value: Int?) -> UInt32 {
    UInt32(bitPattern: Int32(clamping: value ?? -1))
  }

  /// Adds one record.
  package mutating func add(_ r: IndexedRecipe) {
    let s = r.summary
    var diagnosticsText: String?
    if !r.diagnostics.isEmpty, let data = try? Self.diagnosticsEncoder().encode(r.diagnostics) {
      diagnosticsText = String(decoding: data, as: UTF8.self)
    }
    // Numbered in this order (names and paths, then the shared strings, then diagnostics):
    // the numbers, and so the file's bytes, depend on it.
    let fields: [(offset: Int, value: UInt32)] = [
      (IndexFormat.nameOffset, unique(s.name)), (IndexFormat.pathOffset, unique(r.path)),
      (IndexFormat.Field.model.rawValue, dict(s.model)),
      (IndexFormat.Field.engine.rawValue, dict(s.engine)),
      (IndexFormat.Field.engineVersion.rawValue, dict(s.engineVersion)),
      (IndexFormat.Field.image.rawValue, dict(s.image)),
      (IndexFormat.Field.gpuType.rawValue, dict(s.gpuType)),
      (IndexFormat.Field.precision.rawValue, dict(s.precision)),
      (IndexFormat.Field.format.rawValue, dict(s.format)),
      (IndexFormat.Field.status.rawValue, dict(s.status)),
      (IndexFormat.diagnosticsOffset, unique(diagnosticsText)),
      (IndexFormat.gpusPerNodeOffset, Self.count(s.gpusPerNode)),
      (IndexFormat.totalGPUsOffset, Self.count(s.totalGPUs)),
      (IndexFormat.nodesOffset, Self.count(s.nodes)),
    ]
    let start = records.count
    records.append(contentsOf: repeatElement(0, count: IndexFormat.recordSize))
    records.withUnsafeMutableBytes { buf in
      let rec = buf.baseAddress! + start
      for field in fields {
        rec.storeBytes(of: field.value.littleEndian, toByteOffset: field.offset, as: UInt32.self)
      }
      r.blobID.store(to: rec + IndexFormat.blobOffset)
      let topology: UInt8 =
        switch s.topology {
        case .aggregated?: 1
        case .disaggregated?: 2
        case nil: 0
        }
      rec.storeBytes(of: topology, toByteOffset: IndexFormat.topologyOffset, as: UInt8.self)
      let flags: UInt8 = (r.isValid ? 0 : 1) | (s.gpusPerNodeDerived ? 2 : 0)
      rec.storeBytes(of: flags, toByteOffset: IndexFormat.flagsOffset, as: UInt8.self)
    }
    recordCount += 1
  }

  /// Passes the bytes of the index file for `tree` to `sink`, piece by piece and in order
  /// (the checksum last), and stops as soon as `sink` returns false.
  /// - Returns: whether `sink` took every piece.
  package func write(tree: ObjectID, to sink: (UnsafeRawBufferPointer) -> Bool) -> Bool {
    var head: [UInt8] = []
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { head.append(contentsOf: $0) } }
    head.append(contentsOf: IndexFormat.magic)
    u32(IndexFormat.version)
    withUnsafeBytes(of: IndexFingerprint.current.littleEndian) { head.append(contentsOf: $0) }
    head.append(contentsOf: tree.bytes)
    u32(UInt32(recordCount))
    u32(UInt32(dictionary.count))
    u32(UInt32(uniqueCount))
    var dictLength: UInt32 = 0
    u32(0)
    for s in dictionary {
      dictLength += UInt32(s.utf8.count)
      u32(dictLength)
    }
    for s in dictionary { head.append(contentsOf: s.utf8) }
    let raw = base?.raw ?? UnsafeRawBufferPointer(start: nil, count: 0)
    let baseBytes = baseOffsets.count + baseBlob.count + baseRecordRuns.reduce(0) { $0 + $1.count }
    let total = head.count + baseBytes + uniqueOffsets.count + uniqueBlob.count + records.count
    var hasher = FastHash(length: total)
    func emit(_ piece: UnsafeRawBufferPointer) -> Bool {
      hasher.update(piece)
      return sink(piece)
    }
    func emitBase(_ range: Range<Int>) -> Bool {
      emit(UnsafeRawBufferPointer(rebasing: raw[range]))
    }
    guard head.withUnsafeBytes(emit), emitBase(baseOffsets), uniqueOffsets.withUnsafeBytes(emit),
      emitBase(baseBlob), uniqueBlob.withUnsafeBytes(emit)
    else { return false }
    for run in baseRecordRuns where !emitBase(run) { return false }
    guard records.withUnsafeBytes(emit) else { return false }
    return withUnsafeBytes(of: hasher.finish().littleEndian, sink)
  }

  /// The bytes of the index file for `tree`.
  package func bytes(tree: ObjectID) -> [UInt8] {
    var out: [UInt8] = []
    _ = write(tree: tree) { piece in
      out.append(contentsOf: piece)
      return true
    }
    return out
  }
}
