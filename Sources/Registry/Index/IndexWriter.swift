import Foundation
import Schema

/// Writes index files: from scratch; from a base file whose strings are kept and whose
/// records are kept or dropped in any order (old records and strings are written straight from
/// the old file, byte for byte, and old strings keep their ids); or a delta over a base file.
package struct IndexWriter {
  private var dictionary: [String] = []
  private var dictIDs: [String: UInt32] = [:]
  /// The dictionary strings a delta leaves out (its base's).
  private var baseDictionaryCount = 0
  /// The snapshot whose unique strings and kept records are copied into the file.
  private var base: IndexSnapshot?
  /// Byte ranges of `base`: its unique offsets, its unique strings.
  private var baseOffsets = 0..<0
  private var baseBlob = 0..<0
  /// Unique strings added here, after the base's.
  private var uniqueBlob: [UInt8] = []
  /// Little-endian u32 offsets of the added strings into the whole unique blob (with a
  /// leading 0 when there is no base).
  private var uniqueOffsets: [UInt8] = [0, 0, 0, 0]
  private var uniqueCount = 0
  /// Records added here.
  private var records: [UInt8] = []
  /// The records in file order: runs of base records (byte ranges of the base file) and runs
  /// of added ones (byte ranges of `records`).
  private var pieces: [Piece] = []
  private var recordCount = 0
  /// For the name order and ranks: each record's base record number (-1 for an added one),
  /// in file order; the added records' names and file positions.
  private var bases: [Int] = []
  private var addedNames: [String] = []
  private var addedPositions: [Int] = []
  /// The bytes covered by one block checksum of the file.
  var blockSize = IndexFormat.blockSize

  private enum Piece {
    case base(Range<Int>)
    case added(Range<Int>)
  }

  /// Starts an empty index.
  package init() {}

  /// Starts a file that keeps the strings of `base` (a whole file, not a delta view) and its
  /// dictionary's ids; records are then kept (`keep`) or added (`add`) in file order.
  /// - Parameter dictionary: the dictionary to start from (the base's, or a view's that
  ///   extends it).
  init(base: IndexSnapshot, dictionary: [String]) {
    precondition(base.delta == nil, "a file is written over a whole base file")
    self.base = base
    self.dictionary = dictionary
    for (i, s) in dictionary.enumerated() { dictIDs[s] = UInt32(i) }
    let offsets = base.uniqueOffsetsStart
    let blobLength = Int(base.u32(offsets + base.baseUniqueCount * 4))
    uniqueCount = base.baseUniqueCount
    uniqueOffsets = []
    baseOffsets = offsets..<(offsets + (base.baseUniqueCount + 1) * 4)
    baseBlob = base.uniqueBlobStart..<(base.uniqueBlobStart + blobLength)
  }

  /// Starts a delta over `base` (a whole file): string ids continue after the base's.
  init(deltaOver base: IndexSnapshot) {
    precondition(base.delta == nil, "a delta is written over a whole base file")
    dictionary = base.dictionary
    for (i, s) in dictionary.enumerated() { dictIDs[s] = UInt32(i) }
    baseDictionaryCount = dictionary.count
    uniqueCount = base.baseUniqueCount
  }

  /// Keeps record `b` of the base (next in file order).
  mutating func keep(_ b: Int) {
    // (Not `guard let base`: copying the snapshot for each of 100k records costs.)
    guard let recordsStart = base?.recordsStart else { preconditionFailure("keep needs a base") }
    let at = recordsStart + b * IndexFormat.recordSize
    if case .base(let run)? = pieces.last, run.upperBound == at {
      pieces[pieces.count - 1] = .base(run.lowerBound..<(at + IndexFormat.recordSize))
    } else {
      pieces.append(.base(at..<(at + IndexFormat.recordSize)))
    }
    bases.append(b)
    recordCount += 1
  }

  /// The number of records so far.
  var count: Int { recordCount }

  /// The last string of each shared field and its id: records in tree order mostly repeat
  /// their neighbour's model, engine, GPU and so on, and comparing is cheaper than hashing.
  private var lastShared = [(String, UInt32)?](
    repeating: nil, count: IndexFormat.Field.allCases.count)

  private mutating func dict(_ s: String?, _ field: IndexFormat.Field) -> UInt32 {
    guard let s else { return IndexFormat.none }
    let slot = (field.rawValue - IndexFormat.Field.model.rawValue) / 4
    if let (last, id) = lastShared[slot], last == s { return id }
    let id: UInt32
    if let known = dictIDs[s] {
      id = known
    } else {
      id = UInt32(dictionary.count)
      dictionary.append(s)
      dictIDs[s] = id
    }
    lastShared[slot] = (s, id)
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

  /// A count as stored: -1 when absent, clamped to 32 bits.
  private static func count(_ value: Int?) -> UInt32 {
    UInt32(bitPattern: Int32(clamping: value ?? -1))
  }

  /// Adds one record.
  package mutating func add(_ r: IndexedRecipe) {
    let s = r.summary
    let diagnosticsText = r.diagnostics.isEmpty ? nil : IndexDiagnostics.encode(r.diagnostics)
    // Numbered in this order (names and paths, then the shared strings, then diagnostics):
    // the numbers, and so the file's bytes, depend on it.
    let fields: [(offset: Int, value: UInt32)] = [
      (IndexFormat.nameOffset, unique(s.name)), (IndexFormat.pathOffset, unique(r.path)),
      (IndexFormat.Field.model.rawValue, dict(s.model, .model)),
      (IndexFormat.Field.engine.rawValue, dict(s.engine, .engine)),
      (IndexFormat.Field.engineVersion.rawValue, dict(s.engineVersion, .engineVersion)),
      (IndexFormat.Field.image.rawValue, dict(s.image, .image)),
      (IndexFormat.Field.gpuType.rawValue, dict(s.gpuType, .gpuType)),
      (IndexFormat.Field.precision.rawValue, dict(s.precision, .precision)),
      (IndexFormat.Field.format.rawValue, dict(s.format, .format)),
      (IndexFormat.Field.status.rawValue, dict(s.status, .status)),
      (IndexFormat.diagnosticsOffset, unique(diagnosticsText)),
      (IndexFormat.gpusPerNodeOffset, Self.count(s.gpusPerNode)),
      (IndexFormat.totalGPUsOffset, Self.count(s.totalGPUs)),
      (IndexFormat.nodesOffset, Self.count(s.nodes)),
    ]
    let start = records.count
    records.append(contentsOf: repeatElement(0, count: IndexFormat.recordSize))
    if case .added(let run)? = pieces.last, run.upperBound == start {
      pieces[pieces.count - 1] = .added(run.lowerBound..<records.count)
    } else {
      pieces.append(.added(start..<records.count))
    }
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
    bases.append(-1)
    addedNames.append(s.name)
    addedPositions.append(recordCount)
    recordCount += 1
  }

  /// Passes the bytes of the index file for `tree` to `sink`, piece by piece and in order
  /// (the block checksums and footer last), and stops as soon as `sink` returns false.
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
    head += IndexStrings.encode(dictionary)
    let raw = base?.raw ?? UnsafeRawBufferPointer(start: nil, count: 0)
    let recordBytes = pieces.reduce(0) {
      switch $1 {
      case .base(let r), .added(let r): $0 + r.count
      }
    }
    let nameSections = nameOrderAndRanks()
    let total =
      head.count + baseOffsets.count + baseBlob.count + uniqueOffsets.count + uniqueBlob.count
      + recordBytes + nameSections.count
    var hasher = IndexBlockHasher(bodyLength: total, blockSize: blockSize)
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
    for piece in pieces {
      switch piece {
      case .base(let r): guard emitBase(r) else { return false }
      case .added(let r):
        guard records.withUnsafeBytes({ emit(UnsafeRawBufferPointer(rebasing: $0[r])) }) else {
          return false
        }
      }
    }
    guard nameSections.withUnsafeBytes(emit) else { return false }
    return hasher.trailer().withUnsafeBytes(sink)
  }

  /// The name order and name ranks sections (see `IndexFormat`): record numbers sorted by
  /// name as `String` orders names (equal names by record number), then each record's rank
  /// among the distinct names.
  ///
  /// The added records are sorted; the kept ones come in order from the base's name order and
  /// the added ones are merged in (a binary search each), so that a compaction does not sort
  /// the base's names again.
  private func nameOrderAndRanks() -> [UInt8] {
    // Entries: a kept record as its base record number, an added one as -1 - its number.
    let added = Self.order(addedNames).map { -1 - $0 }
    var entries: [Int] = []
    entries.reserveCapacity(recordCount)
    var position: [Int] = []
    // The base's names and ranks (the snapshot captured once, not copied per record).
    let baseName: (Int) -> String = base.map { s in
      { String(decoding: s.baseNameSpan($0), as: UTF8.self) }
    } ?? { _ in "" }
    let baseRank: (Int) -> UInt32 = base.map { s in { s.nameRank($0) } } ?? { _ in 0 }
    if let base, added.count < recordCount {
      position = [Int](repeating: -1, count: base.baseCount)
      for (p, b) in bases.enumerated() where b >= 0 { position[b] = p }
      var kept: [Int] = []
      kept.reserveCapacity(recordCount - added.count)
      for k in 0..<base.baseCount {
        let b = base.nameOrder(k)
        if position[b] >= 0 { kept.append(b) }
      }
      var j = 0
      for e in added {
        let name = addedNames[-1 - e]
        let p = addedPositions[-1 - e]
        // The first kept record whose name and position follow the added one's.
        var lo = j
        var hi = kept.count
        while lo < hi {
          let mid = (lo + hi) / 2
          let other = baseName(kept[mid])
          if other < name || (other == name && position[kept[mid]] < p) {
            lo = mid + 1
          } else {
            hi = mid
          }
        }
        entries += kept[j..<lo]
        j = lo
        entries.append(e)
      }
      entries += kept[j...]
    } else {
      entries = added
    }
    let names = addedNames
    func same(_ x: Int, _ y: Int) -> Bool {
      if x >= 0, y >= 0 { return baseRank(x) == baseRank(y) }
      func name(_ e: Int) -> String { e < 0 ? names[-1 - e] : baseName(e) }
      return name(x) == name(y)
    }
    var order = [UInt32](repeating: 0, count: recordCount)
    var ranks = [UInt32](repeating: 0, count: recordCount)
    var rank: UInt32 = 0
    for (k, e) in entries.enumerated() {
      if k > 0, !same(entries[k - 1], e) { rank += 1 }
      let p = e < 0 ? addedPositions[-1 - e] : position[e]
      ranks[p] = rank.littleEndian
      order[k] = UInt32(p).littleEndian
    }
    return order.withUnsafeBytes { Array($0) } + ranks.withUnsafeBytes { Array($0) }
  }

  /// The indices of `names` sorted by name as `String` orders them, equal names by index.
  private static func order(_ names: [String]) -> [Int] {
    // All ASCII (the usual case): byte order is `String`'s order, and bytes compare faster.
    var bytes: [UInt8] = []
    var ends: [Int] = []
    ends.reserveCapacity(names.count)
    for name in names {
      bytes.append(contentsOf: name.utf8)
      ends.append(bytes.count)
    }
    var order = Array(names.indices)
    guard bytes.allSatisfy({ $0 < 0x80 }) else {
      order.sort { x, y in names[x] == names[y] ? x < y : names[x] < names[y] }
      return order
    }
    bytes.withUnsafeBytes { b in
      func span(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: b[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
      }
      order.sort { x, y in
        let c = compareBytes(span(x), span(y))
        return c != 0 ? c < 0 : x < y
      }
    }
    return order
  }

  /// Passes the bytes of a delta file to `sink` (see `IndexDeltaFormat`): the records added
  /// (in path order, each going before base record `positions[k]`) and the base records
  /// `removed` (ascending) make the index of `tree` out of `base`.
  /// - Returns: whether `sink` took every piece.
  func writeDelta(
    tree: ObjectID, base: IndexSnapshot, removed: [Int], positions: [Int],
    to sink: (UnsafeRawBufferPointer) -> Bool
  ) -> Bool {
    precondition(positions.count == recordCount && base.delta == nil)
    var out: [UInt8] = []
    func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
    out.append(contentsOf: IndexDeltaFormat.magic)
    u32(Int(IndexFormat.version))
    withUnsafeBytes(of: IndexFingerprint.current.littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: tree.bytes)
    out.append(contentsOf: base.treeID.bytes)
    withUnsafeBytes(of: base.identity.littleEndian) { out.append(contentsOf: $0) }
    u32(removed.count)
    u32(recordCount)
    u32(dictionary.count - baseDictionaryCount)
    u32(uniqueCount - base.baseUniqueCount)
    for r in removed { u32(r) }
    for p in positions { u32(p) }
    out += IndexStrings.encode(dictionary[baseDictionaryCount...])
    out += uniqueOffsets
    out += uniqueBlob
    out += records
    let checksum = out.withUnsafeBytes { FastHash.hash($0) }
    withUnsafeBytes(of: checksum.littleEndian) { out.append(contentsOf: $0) }
    return out.withUnsafeBytes(sink)
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

  /// memcmp-style comparison of two byte strings.
  static func compareBytes(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
    let n = min(x.count, y.count)
    if n > 0 {
      let c = memcmp(x.baseAddress!, y.baseAddress!, n)
      if c != 0 { return Int(c) }
    }
    return x.count - y.count
  }
}
