import Foundation
public import Schema

/// The index of one registry tree, read from its file (or from a base file and a delta):
/// fixed-size records over two string tables, so that loading maps a file and checks a few
/// checksums, and a query decodes only the strings of the records it returns.
///
/// Immutable: the raw pointers it holds point into the files its `blocks` and `table` keep
/// mapped, hence `@unchecked Sendable`.
public struct IndexSnapshot: @unchecked Sendable {
  /// The tree the index describes.
  public let treeID: ObjectID
  /// The number of recipe records.
  public let count: Int
  /// The base file's bytes (the whole index, or the one a delta applies to) and their block
  /// checksums.
  let blocks: IndexBlocks
  var storage: IndexStorage { blocks.storage }
  /// The base file's bytes (stored, so that reading them costs no reference counting).
  let raw: UnsafeRawBufferPointer
  /// Dictionary strings: the base's, then the delta's.
  let dictionary: [String]
  let uniqueOffsetsStart: Int
  let uniqueBlobStart: Int
  /// Unique strings: the base's, then the delta's (ids continue).
  let uniqueCount: Int
  let baseUniqueCount: Int
  let recordsStart: Int
  /// The base file's record count.
  let baseCount: Int
  /// The length of the base file's unique strings' bytes.
  let uniqueBlobLength: Int
  /// Where the base file's name order and name ranks start (see `IndexFormat`).
  let nameOrderStart: Int
  let nameRanksStart: Int
  /// Where each record lives when a delta is applied to the base file.
  let table: RecordTable?
  /// The changes applied to the base file, if any.
  var delta: IndexDelta? { table?.delta }

  /// Reads and verifies an index file's bytes.
  /// - Throws: `IndexError` for a truncated, foreign, newer or corrupted file.
  public init(bytes: [UInt8]) throws(IndexError) {
    try self.init(storage: IndexStorage(copying: bytes))
  }

  /// Maps and verifies the index file at `path`; nil when the file cannot be read.
  /// - Parameter checksum: false skips the block checksums (for a file this process has just
  ///   written and checksummed itself); the footer and layout are checked all the same.
  init?(mapping path: String, checksum: Bool = true) throws(IndexError) {
    guard let storage = IndexStorage(mapping: path) else { return nil }
    try self.init(storage: storage, checksum: checksum)
  }

  init(storage: IndexStorage, checksum: Bool = true) throws(IndexError) {
    let h = IndexFormat.headerSize
    let file = storage.bytes
    guard file.count >= h + IndexFormat.footerSize else { throw .truncated }
    guard file[0] == IndexFormat.magic[0], file[1] == IndexFormat.magic[1],
      file[2] == IndexFormat.magic[2], file[3] == IndexFormat.magic[3]
    else { throw .badMagic }
    let version = file.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
    guard version == IndexFormat.version else { throw .unsupportedVersion(version) }
    let blocks = try IndexBlocks(storage: storage, verified: !checksum)
    let raw = blocks.body
    guard raw.count >= h, blocks.verify(0..<h) else { throw .checksumMismatch }
    let fingerprint = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
    guard fingerprint == IndexFingerprint.current else { throw .staleReader }
    func u32(_ at: Int) -> Int {
      Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
    }
    let records = u32(36)
    let dictCount = u32(40)
    let uniqueCount = u32(44)
    let end = raw.count
    var at = h
    // Dictionary strings (decoded now: their blocks are checked now).
    let dictOffsets = at
    at += (dictCount + 1) * 4
    guard at <= end else { throw .truncated }
    guard blocks.verify(dictOffsets..<at) else { throw .checksumMismatch }
    let dictBlob = at
    let dictLength = u32(dictOffsets + dictCount * 4)
    at += dictLength
    guard at <= end else { throw .truncated }
    guard blocks.verify(dictBlob..<at) else { throw .checksumMismatch }
    guard
      let dictionary = IndexStrings.decode(
        count: dictCount, offsets: raw.baseAddress! + dictOffsets,
        bytes: UnsafeRawBufferPointer(rebasing: raw[dictBlob..<at]))
    else { throw .malformed("dictionary offsets") }
    // Unique strings: only the last offset (the length of their bytes) is read now; each
    // string's offsets are checked against it when the string is read.
    let uniqueOffsets = at
    at += (uniqueCount + 1) * 4
    guard at <= end else { throw .truncated }
    let lengthAt = uniqueOffsets + uniqueCount * 4
    guard blocks.verify(lengthAt..<(lengthAt + 4)) else { throw .checksumMismatch }
    let uniqueBlob = at
    let blobLength = u32(lengthAt)
    at += blobLength
    guard at <= end, at + records * (IndexFormat.recordSize + 8) == end else {
      throw .malformed("section sizes do not add up")
    }
    self.treeID = ObjectID(raw: raw.baseAddress! + IndexFormat.treeOffset)
    self.count = records
    self.baseCount = records
    self.blocks = blocks
    self.raw = storage.bytes
    self.dictionary = dictionary
    self.uniqueOffsetsStart = uniqueOffsets
    self.uniqueBlobStart = uniqueBlob
    self.uniqueBlobLength = blobLength
    self.uniqueCount = uniqueCount
    self.baseUniqueCount = uniqueCount
    self.recordsStart = at
    self.nameOrderStart = at + records * IndexFormat.recordSize
    self.nameRanksStart = nameOrderStart + records * 4
    self.table = nil
  }

  /// The index of `delta`'s tree: `base` (a whole file, not itself a delta view) with `delta`
  /// applied.
  /// - Throws: `.malformed` when the delta was not written for this base.
  init(base: IndexSnapshot, delta: IndexDelta) throws(IndexError) {
    guard base.delta == nil, delta.baseTree == base.treeID, delta.baseIdentity == base.identity
    else { throw .malformed("the delta was written for another base index") }
    guard delta.fits(baseCount: base.baseCount) else {
      throw .malformed("the delta's removed records or positions are out of range")
    }
    treeID = delta.treeID
    raw = base.raw
    blocks = base.blocks
    dictionary = base.dictionary + delta.dictionary
    uniqueOffsetsStart = base.uniqueOffsetsStart
    uniqueBlobStart = base.uniqueBlobStart
    uniqueBlobLength = base.uniqueBlobLength
    baseUniqueCount = base.baseUniqueCount
    uniqueCount = base.baseUniqueCount + delta.uniqueCount
    recordsStart = base.recordsStart
    nameOrderStart = base.nameOrderStart
    nameRanksStart = base.nameRanksStart
    baseCount = base.baseCount
    let table = RecordTable(
      records: base.raw.baseAddress! + base.recordsStart, count: base.baseCount, delta: delta)
    self.table = table
    count = table.count
  }

  /// Identifies the base file's contents (its footer checksum), so that a delta applies only
  /// to the file it was written for.
  var identity: UInt64 {
    raw.loadUnaligned(fromByteOffset: raw.count - IndexFormat.footerSize + 16, as: UInt64.self)
      .littleEndian
  }

  /// Checks every block of the base file (before its bytes are copied into a new file).
  func verifyAll() throws(IndexError) {
    if blocks.firstBad(in: 0..<blocks.body.count) != nil { throw .checksumMismatch }
  }

  // MARK: - Raw access

  @inline(__always) func u32(_ at: Int) -> UInt32 {
    raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian
  }

  /// Where record `i` starts (in the base file or in the delta), its bytes checked.
  @inline(__always) func record(_ i: Int) -> UnsafeRawPointer {
    guard let table else {
      let at = recordsStart &+ i &* IndexFormat.recordSize
      checked(at..<(at &+ IndexFormat.recordSize))
      return raw.baseAddress! + at
    }
    let p = table.pointer(i)
    let at = p - raw.baseAddress!
    if at >= 0, at < raw.count { checked(at..<(at + IndexFormat.recordSize)) }
    return p
  }

  /// Stops the process (`IndexCorruption`) unless the blocks holding `range` of the base file
  /// match their checksums.
  @inline(__always) func checked(_ range: Range<Int>) {
    if let bad = blocks.firstBad(in: range) { corrupted(block: bad) }
  }

  @inline(__always) func field(_ i: Int, _ offset: Int) -> UInt32 {
    record(i).loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
  }

  /// A field of the record at `r`.
  @inline(__always) static func field(_ r: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    r.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
  }

  /// Calls `body` with each record's number and bytes, in order: the scan of a whole index,
  /// checking the blocks of a block's worth of records at a time (then using them while they
  /// are in cache) rather than each record.
  @inline(__always) func forEachRecord(_ body: (Int, UnsafeRawPointer) -> Void) {
    let size = IndexFormat.recordSize
    let chunk = max(1, blocks.size / size)
    func run(_ start: Int, _ end: Int, _ p: UnsafeRawPointer) {
      let at = p - raw.baseAddress!
      let inBase = at >= 0 && at < raw.count
      var i = start
      while i < end {
        let next = min(end, i + chunk)
        if inBase { checked((at + (i - start) * size)..<(at + (next - start) * size)) }
        for j in i..<next { body(j, p + (j - start) * size) }
        i = next
      }
    }
    guard let table else { return run(0, count, raw.baseAddress! + recordsStart) }
    let runs = table.runs
    for k in 0..<(runs.count - 1) { run(runs[k].start, runs[k + 1].start, runs[k].pointer) }
  }

  /// The base record number of record `i`, nil for a record of the delta.
  func baseRecord(_ i: Int) -> Int? {
    guard let table else { return i }
    return table.baseRecord(i)
  }

  /// The dictionary id of a field of record `i` (`IndexFormat.none` when unset).
  @inline(__always) func dictID(_ i: Int, _ field: IndexFormat.Field) -> UInt32 {
    self.field(i, field.rawValue)
  }

  /// The dictionary id of a value, if any record uses it.
  func dictID(of value: String) -> UInt32? {
    dictionary.firstIndex(of: value).map { UInt32($0) }
  }

  func dictString(_ id: UInt32) -> String? {
    id == IndexFormat.none || Int(id) >= dictionary.count ? nil : dictionary[Int(id)]
  }

  /// The length in bytes of a unique string, without reading it (nil for none).
  func uniqueLength(_ id: UInt32) -> Int? {
    guard id != IndexFormat.none, Int(id) < uniqueCount else { return nil }
    let n = Int(id)
    guard n >= baseUniqueCount else { return uniqueRange(n).count }
    return delta?.uniqueLength(n - baseUniqueCount)
  }

  /// Where base unique string `n` lies in the base file, its offsets checked (a block that does
  /// not match, or offsets outside the strings' bytes, stop the process: `IndexCorruption`).
  @inline(__always) private func uniqueRange(_ n: Int) -> Range<Int> {
    let at = uniqueOffsetsStart + n * 4
    checked(at..<(at + 8))
    let s = Int(u32(at))
    let e = Int(u32(at + 4))
    guard s <= e, e <= uniqueBlobLength else {
      IndexCorruption.stop(path: storage.path, malformed: "unique string \(n) lies outside the strings")
    }
    return (uniqueBlobStart + s)..<(uniqueBlobStart + e)
  }

  /// The bytes of a unique string, checked against their block's checksum (nil for none). A
  /// block that does not match stops the process (`IndexCorruption`): its bytes are never used.
  @inline(__always) func uniqueSpan(_ id: UInt32) -> UnsafeRawBufferPointer? {
    let n = Int(id)
    guard id != IndexFormat.none, n < baseUniqueCount else { return deltaUnique(id) }
    let range = uniqueRange(n)
    checked(range)
    return UnsafeRawBufferPointer(rebasing: raw[range])
  }

  private func deltaUnique(_ id: UInt32) -> UnsafeRawBufferPointer? {
    guard id != IndexFormat.none, Int(id) < uniqueCount else { return nil }
    return delta?.unique(Int(id) - baseUniqueCount)
  }

  private func corrupted(block: Int) -> Never {
    IndexCorruption.stop(path: storage.path, block: block, of: blocks.count)
  }

  func unique(_ id: UInt32) -> String? {
    uniqueSpan(id).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The raw UTF-8 bytes of a unique string (for substring search without decoding).
  @inline(__always) func uniqueBytes<R>(_ id: UInt32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    body(uniqueSpan(id) ?? UnsafeRawBufferPointer(start: nil, count: 0))
  }

  @inline(__always) func int(_ i: Int, _ offset: Int) -> Int? {
    let v = Int32(bitPattern: field(i, offset))
    return v < 0 ? nil : Int(v)
  }

  // MARK: - Records

  /// The name of record `i`.
  public func name(_ i: Int) -> String {
    unique(field(i, IndexFormat.nameOffset)) ?? ""
  }
  /// The file path of record `i`.
  public func path(_ i: Int) -> String {
    unique(field(i, IndexFormat.pathOffset)) ?? ""
  }

  func nameID(_ i: Int) -> UInt32 { field(i, IndexFormat.nameOffset) }

  /// The blob id of record `i`.
  public func blobID(_ i: Int) -> ObjectID {
    ObjectID(raw: record(i) + IndexFormat.blobOffset)
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
    forEachRecord { i, r in
      let prefix = r.loadUnaligned(fromByteOffset: IndexFormat.blobOffset, as: UInt64.self)
      var lo = 0
      var hi = prefixes.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if prefixes[mid] < prefix { lo = mid + 1 } else { hi = mid }
      }
      if lo < prefixes.count, prefixes[lo] == prefix,
        ids.contains(ObjectID(raw: r + IndexFormat.blobOffset))
      {
        found.append(i)
      }
    }
    return found
  }

  /// Whether record `i` failed to decode.
  public func isInvalid(_ i: Int) -> Bool {
    record(i).load(fromByteOffset: IndexFormat.flagsOffset, as: UInt8.self) & 1 != 0
  }

  /// The topology of record `i`, if known.
  public func topology(_ i: Int) -> Topology? { Self.topology(record(i)) }

  /// The topology of the record at `r`, if known.
  static func topology(_ r: UnsafeRawPointer) -> Topology? {
    switch r.load(fromByteOffset: IndexFormat.topologyOffset, as: UInt8.self) {
    case 1: return .aggregated
    case 2: return .disaggregated
    default: return nil
    }
  }

  /// The GPUs per node of record `i`, if known.
  public func gpusPerNode(_ i: Int) -> Int? { int(i, IndexFormat.gpusPerNodeOffset) }
  /// Whether record `i`'s GPUs per node come from its GPU type, not from the recipe.
  public func gpusPerNodeDerived(_ i: Int) -> Bool {
    record(i).load(fromByteOffset: IndexFormat.flagsOffset, as: UInt8.self) & 2 != 0
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
    guard let text = unique(field(i, IndexFormat.diagnosticsOffset)) else { return [] }
    // The file's blocks are checksummed, so text that does not read is this build's bug; say
    // so rather than show the recipe as valid.
    return IndexDiagnostics.decode(text) ?? [
      Diagnostic(
        .error, code: "index-diagnostics", "the index holds diagnostics this build cannot read",
        at: SourceLocation(file: path(i), line: 1, column: 1),
        hint: "remove the index cache (registry-index in the git directory); the next command rebuilds it")
    ]
  }

  /// Record `i`, decoded.
  public func recipe(_ i: Int) -> IndexedRecipe {
    IndexedRecipe(
      path: path(i), blobID: blobID(i), summary: summary(i), diagnostics: diagnostics(i))
  }

  /// Every record, decoded (for tests and full rewrites; queries should not need it).
  public var all: [IndexedRecipe] { (0..<count).map(recipe) }
}

extension IndexSnapshot {
  /// The base file alone (the snapshot itself when it has no delta).
  var baseFile: IndexSnapshot {
    guard let delta else { return self }
    return IndexSnapshot(baseOf: self, tree: delta.baseTree, deltaStrings: delta.dictionary.count)
  }

  private init(baseOf view: IndexSnapshot, tree: ObjectID, deltaStrings: Int) {
    treeID = tree
    count = view.baseCount
    blocks = view.blocks
    raw = view.raw
    dictionary = Array(view.dictionary.dropLast(deltaStrings))
    uniqueOffsetsStart = view.uniqueOffsetsStart
    uniqueBlobStart = view.uniqueBlobStart
    uniqueBlobLength = view.uniqueBlobLength
    nameOrderStart = view.nameOrderStart
    nameRanksStart = view.nameRanksStart
    uniqueCount = view.baseUniqueCount
    baseUniqueCount = view.baseUniqueCount
    recordsStart = view.recordsStart
    baseCount = view.baseCount
    table = nil
  }
}
