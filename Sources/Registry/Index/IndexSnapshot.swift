import Foundation
public import Schema

/// The index of one registry tree, read from its file: fixed-size records over two string
/// tables, so that loading costs one read and one checksum, and a query decodes only the
/// strings of the records it returns.
public struct IndexSnapshot: Sendable {
  /// The tree the index describes.
  public let treeID: ObjectID
  /// The number of recipe records.
  public let count: Int
  let storage: IndexStorage
  var raw: UnsafeRawBufferPointer { storage.bytes }
  let dictionary: [String]
  let uniqueOffsetsStart: Int
  let uniqueBlobStart: Int
  let uniqueCount: Int
  let recordsStart: Int

  /// Reads and verifies an index file's bytes.
  /// - Throws: `IndexError` for a truncated, foreign, newer or corrupted file.
  public init(bytes: [UInt8]) throws(IndexError) {
    try self.init(storage: IndexStorage(copying: bytes))
  }

  /// Maps and verifies the index file at `path`; nil when the file cannot be read.
  /// - Parameter checksum: false skips the checksum (for a file this process has just
  ///   written and checksummed itself); the layout is checked all the same.
  init?(mapping path: String, checksum: Bool = true) throws(IndexError) {
    guard let storage = IndexStorage(mapping: path) else { return nil }
    try self.init(storage: storage, checksum: checksum)
  }

  init(storage: IndexStorage, checksum: Bool = true) throws(IndexError) {
    let h = IndexFormat.headerSize
    let raw = storage.bytes
    guard raw.count >= h + 8 + 8 else { throw .truncated }
    guard raw[0] == IndexFormat.magic[0], raw[1] == IndexFormat.magic[1],
      raw[2] == IndexFormat.magic[2],
      raw[3] == IndexFormat.magic[3]
    else { throw .badMagic }
    let parsed: Result<(ObjectID, Int, [String], Int, Int, Int, Int), IndexError> = {
      let version = raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
      guard version == IndexFormat.version else { return .failure(.unsupportedVersion(version)) }
      let checksumAt = raw.count - 8
      let stored = raw.loadUnaligned(fromByteOffset: checksumAt, as: UInt64.self).littleEndian
      guard
        !checksum || FastHash.hash(UnsafeRawBufferPointer(rebasing: raw[0..<checksumAt])) == stored
      else {
        return .failure(.checksumMismatch)
      }
      let fingerprint = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
      guard fingerprint == IndexFingerprint.current else { return .failure(.staleReader) }
      let tree = ObjectID(raw: raw.baseAddress! + IndexFormat.treeOffset)
      func u32(_ at: Int) -> Int {
        Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
      }
      let records = u32(36)
      let dictCount = u32(40)
      let uniqueCount = u32(44)
      var at = h
      // Dictionary strings.
      let dictOffsets = at
      at += (dictCount + 1) * 4
      guard at <= checksumAt else { return .failure(.truncated) }
      let dictBlob = at
      let dictLength = u32(dictOffsets + dictCount * 4)
      at += dictLength
      guard at <= checksumAt else { return .failure(.truncated) }
      var dictionary: [String] = []
      dictionary.reserveCapacity(dictCount)
      for i in 0..<dictCount {
        let s = u32(dictOffsets + i * 4)
        let e = u32(dictOffsets + (i + 1) * 4)
        guard s <= e, e <= dictLength else { return .failure(.malformed("dictionary offsets")) }
        dictionary.append(
          String(
            decoding: UnsafeRawBufferPointer(rebasing: raw[(dictBlob + s)..<(dictBlob + e)]),
            as: UTF8.self))
      }
      // Unique strings.
      let uniqueOffsets = at
      at += (uniqueCount + 1) * 4
      guard at <= checksumAt else { return .failure(.truncated) }
      let uniqueBlob = at
      // Offsets must not decrease: then every string lies inside the blob, whose length is the
      // last offset. (The checksum detects damage, not a crafted file in a shared git dir.)
      var previous = u32(uniqueOffsets)
      for i in stride(from: 1, through: uniqueCount, by: 1) {
        let next = u32(uniqueOffsets + i * 4)
        guard previous <= next else { return .failure(.malformed("unique string offsets")) }
        previous = next
      }
      at += u32(uniqueOffsets + uniqueCount * 4)
      guard at + records * IndexFormat.recordSize == checksumAt else {
        return .failure(.malformed("section sizes do not add up"))
      }
      return .success((tree, records, dictionary, uniqueOffsets, uniqueBlob, uniqueCount, at))
    }()
    let (tree, records, dictionary, uniqueOffsets, uniqueBlob, uniqueCount, recordsStart) =
      try parsed.get()
    self.treeID = tree
    self.count = records
    self.storage = storage
    self.dictionary = dictionary
    self.uniqueOffsetsStart = uniqueOffsets
    self.uniqueBlobStart = uniqueBlob
    self.uniqueCount = uniqueCount
    self.recordsStart = recordsStart
  }

  // MARK: - Raw access

  @inline(__always) func u32(_ at: Int) -> UInt32 {
    raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian
  }

  @inline(__always) func recordOffset(_ i: Int) -> Int { recordsStart + i * IndexFormat.recordSize }

  /// The dictionary id of a field of record `i` (`IndexFormat.none` when unset).
  @inline(__always) func dictID(_ i: Int, _ field: IndexFormat.Field) -> UInt32 {
    u32(recordOffset(i) + field.rawValue)
  }

  /// The dictionary id of a value, if any record uses it.
  func dictID(of value: String) -> UInt32? {
    dictionary.firstIndex(of: value).map { UInt32($0) }
  }

  func dictString(_ id: UInt32) -> String? {
    id == IndexFormat.none || Int(id) >= dictionary.count ? nil : dictionary[Int(id)]
  }

  func unique(_ id: UInt32) -> String? {
    guard id != IndexFormat.none, Int(id) < uniqueCount else { return nil }
    let s = Int(u32(uniqueOffsetsStart + Int(id) * 4))
    let e = Int(u32(uniqueOffsetsStart + (Int(id) + 1) * 4))
    return String(
      decoding: UnsafeRawBufferPointer(
        rebasing: raw[(uniqueBlobStart + s)..<(uniqueBlobStart + e)]), as: UTF8.self)
  }

  /// The raw UTF-8 bytes of a unique string (for substring search without decoding).
  func uniqueBytes<R>(_ id: UInt32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    let s = Int(u32(uniqueOffsetsStart + Int(id) * 4))
    let e = Int(u32(uniqueOffsetsStart + (Int(id) + 1) * 4))
    return body(
      UnsafeRawBufferPointer(rebasing: raw[(uniqueBlobStart + s)..<(uniqueBlobStart + e)]))
  }

  @inline(__always) func int(_ i: Int, _ offset: Int) -> Int? {
    let v = Int32(bitPattern: u32(recordOffset(i) + offset))
    return v < 0 ? nil : Int(v)
  }

  // MARK: - Records

  /// The name of record `i`.
  public func name(_ i: Int) -> String {
    unique(u32(recordOffset(i) + IndexFormat.nameOffset)) ?? ""
  }
  /// The file path of record `i`.
  public func path(_ i: Int) -> String {
    unique(u32(recordOffset(i) + IndexFormat.pathOffset)) ?? ""
  }

  func nameID(_ i: Int) -> UInt32 { u32(recordOffset(i) + IndexFormat.nameOffset) }

  /// The blob id of record `i`.
  public func blobID(_ i: Int) -> ObjectID {
    ObjectID(raw: raw.baseAddress! + recordOffset(i) + IndexFormat.blobOffset)
  }

  /// The records whose blob is one of `ids`, in order. Compares the first 8 bytes of each
  /// record's blob id before building an id, so that it costs little more than a scan.
  func records(withBlobIn ids: Set<ObjectID>) -> [Int] {
    guard !ids.isEmpty else { return [] }
    let prefixes = ids.map { id in
      withUnsafeTemporaryAllocation(byteCount: ObjectID.byteCount, alignment: 8) { buf in
        id.store(to: buf.baseAddress!)
        return buf.loadUnaligned(as: UInt64.self)
      }
    }.sorted()
    var found: [Int] = []
    for i in 0..<count {
      let at = recordOffset(i) + IndexFormat.blobOffset
      let prefix = raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)
      var lo = 0
      var hi = prefixes.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if prefixes[mid] < prefix { lo = mid + 1 } else { hi = mid }
      }
      if lo < prefixes.count, prefixes[lo] == prefix, ids.contains(blobID(i)) { found.append(i) }
    }
    return found
  }

  /// Whether record `i` failed to decode.
  public func isInvalid(_ i: Int) -> Bool {
    raw[recordOffset(i) + IndexFormat.flagsOffset] & 1 != 0
  }

  /// The topology of record `i`, if known.
  public func topology(_ i: Int) -> Topology? {
    switch raw[recordOffset(i) + IndexFormat.topologyOffset] {
    case 1: return .aggregated
    case 2: return .disaggregated
    default: return nil
    }
  }

  /// The GPUs per node of record `i`, if known.
  public func gpusPerNode(_ i: Int) -> Int? { int(i, IndexFormat.gpusPerNodeOffset) }
  /// Whether record `i`'s GPUs per node come from its GPU type, not from the recipe.
  public func gpusPerNodeDerived(_ i: Int) -> Bool {
    raw[recordOffset(i) + IndexFormat.flagsOffset] & 2 != 0
  }
  /// The total GPUs of record `i`, if known.
  public func totalGPUs(_ i: Int) -> Int? { int(i, IndexFormat.totalGPUsOffset) }
  /// The node count of record `i`, if known.
  public func nodes(_ i: Int) -> Int? { int(i, IndexFormat.nodesOffset) }

  /// The summary of record `i`.
  public func summary(_ i: Int) -> RecipeSummary {
    RecipeSummary(
      name: name(i), model: dictString(dictID(i, .model)), engine: dictString(dictID(i, .engine)),
      engineVersion: dictString(dictID(i, .engineVersion)), image: dictString(dictID(i, .image)),
      gpuType: dictString(dictID(i, .gpuType)), gpusPerNode: gpusPerNode(i),
      totalGPUs: totalGPUs(i),
      nodes: nodes(i), precision: dictString(dictID(i, .precision)), topology: topology(i),
      format: dictString(dictID(i, .format)) ?? "unknown", status: dictString(dictID(i, .status)),
      gpusPerNodeDerived: gpusPerNodeDerived(i))
  }

  /// The decode diagnostics of record `i` (empty when there were none).
  public func diagnostics(_ i: Int) -> [Diagnostic] {
    guard let text = unique(u32(recordOffset(i) + IndexFormat.diagnosticsOffset)) else { return [] }
    return (try? JSONDecoder().decode([Diagnostic].self, from: Data(text.utf8))) ?? []
  }

  /// Record `i`, decoded.
  public func recipe(_ i: Int) -> IndexedRecipe {
    IndexedRecipe(
      path: path(i), blobID: blobID(i), summary: summary(i), diagnostics: diagnostics(i))
  }

  /// Every record, decoded (for tests and full rewrites; queries should not need it).
  public var all: [IndexedRecipe] { (0..<count).map(recipe) }
}
