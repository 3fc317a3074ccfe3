import Foundation
import Schema

/// A delta file, read and checked (see `IndexDeltaFormat`): the index of a tree as changes to
/// a base index file. `IndexSnapshot(base:delta:)` applies it.
struct IndexDelta: Sendable {
  /// The tree the base with this delta applied describes.
  let treeID: ObjectID
  /// The tree of the base index file.
  let baseTree: ObjectID
  /// The base file's identity (`IndexSnapshot.identity`).
  let baseIdentity: UInt64
  let storage: IndexStorage
  var raw: UnsafeRawBufferPointer { storage.bytes }
  /// The base records removed, and the records added.
  let removedCount: Int
  let count: Int
  /// The dictionary strings added (their ids follow the base's).
  let dictionary: [String]
  /// The unique strings added (their ids follow the base's).
  let uniqueCount: Int
  private let removedStart: Int
  private let positionsStart: Int
  private let uniqueOffsetsStart: Int
  private let uniqueBlobStart: Int
  private let recordsStart: Int

  /// Maps and checks the delta file at `path`; nil when the file cannot be read.
  init?(mapping path: String) throws(IndexError) {
    guard let storage = IndexStorage(mapping: path) else { return nil }
    try self.init(storage: storage)
  }

  /// Checks the bytes of a delta file (all of them: a delta is small).
  /// - Throws: `IndexError` for a truncated, foreign, newer, corrupted or malformed file.
  init(storage: IndexStorage) throws(IndexError) {
    let raw = storage.bytes
    let h = IndexDeltaFormat.headerSize
    guard raw.count >= h + 8 else { throw .truncated }
    for k in 0..<4 where raw[k] != IndexDeltaFormat.magic[k] { throw .badMagic }
    let version = raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
    guard version == IndexFormat.version else { throw .unsupportedVersion(version) }
    let end = raw.count - 8
    let stored = raw.loadUnaligned(fromByteOffset: end, as: UInt64.self).littleEndian
    guard FastHash.hash(UnsafeRawBufferPointer(rebasing: raw[0..<end])) == stored else {
      throw .checksumMismatch
    }
    let fingerprint = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
    guard fingerprint == IndexFingerprint.current else { throw .staleReader }
    func u32(_ at: Int) -> Int {
      Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
    }
    let c = IndexDeltaFormat.countsOffset
    let (removed, records, dictCount, uniqueCount) = (u32(c), u32(c + 4), u32(c + 8), u32(c + 12))
    var at = h
    let removedStart = at
    at += removed * 4
    let positionsStart = at
    at += records * 4
    let dictOffsets = at
    at += (dictCount + 1) * 4
    guard at <= end else { throw .truncated }
    let dictLength = u32(dictOffsets + dictCount * 4)
    guard at + dictLength <= end,
      let dictionary = IndexStrings.decode(
        count: dictCount, offsets: raw.baseAddress! + dictOffsets,
        bytes: UnsafeRawBufferPointer(rebasing: raw[at..<(at + dictLength)]))
    else { throw .malformed("delta dictionary offsets") }
    at += dictLength
    let uniqueOffsets = at
    at += (uniqueCount + 1) * 4
    guard at <= end else { throw .truncated }
    guard IndexStrings.nonDecreasing(count: uniqueCount, offsets: raw.baseAddress! + uniqueOffsets)
    else { throw .malformed("delta unique string offsets") }
    let uniqueBlob = at
    at += u32(uniqueOffsets + uniqueCount * 4)
    guard at <= end, at + records * IndexFormat.recordSize == end else {
      throw .malformed("delta section sizes do not add up")
    }
    treeID = ObjectID(raw: raw.baseAddress! + IndexDeltaFormat.treeOffset)
    baseTree = ObjectID(raw: raw.baseAddress! + IndexDeltaFormat.baseTreeOffset)
    baseIdentity =
      raw.loadUnaligned(fromByteOffset: IndexDeltaFormat.baseIdentityOffset, as: UInt64.self)
      .littleEndian
    self.storage = storage
    self.removedCount = removed
    self.count = records
    self.dictionary = dictionary
    self.uniqueCount = uniqueCount
    self.removedStart = removedStart
    self.positionsStart = positionsStart
    self.uniqueOffsetsStart = uniqueOffsets
    self.uniqueBlobStart = uniqueBlob
    self.recordsStart = at
  }

  /// The base tree a delta file applies to, read from its header only (nil when it is not a
  /// delta file of this version).
  static func baseTree(ofFile path: String) -> ObjectID? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let head = try? handle.read(upToCount: IndexDeltaFormat.headerSize),
      head.count == IndexDeltaFormat.headerSize,
      Array(head.prefix(4)) == IndexDeltaFormat.magic
    else { return nil }
    return head.withUnsafeBytes { ObjectID(raw: $0.baseAddress! + IndexDeltaFormat.baseTreeOffset) }
  }

  @inline(__always) private func u32(_ at: Int) -> Int {
    Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
  }

  /// The `k`th removed base record number.
  func removed(_ k: Int) -> Int { u32(removedStart + k * 4) }
  /// The base record added record `k` goes before (the base's count: after the last).
  func position(_ k: Int) -> Int { u32(positionsStart + k * 4) }
  /// Where added record `k` starts.
  func record(_ k: Int) -> UnsafeRawPointer {
    raw.baseAddress! + recordsStart + k * IndexFormat.recordSize
  }

  /// Whether the removed records and positions fit a base of `baseCount` records: removed
  /// numbers ascending and below it, positions non-decreasing and at most it.
  func fits(baseCount: Int) -> Bool {
    var previous = -1
    for k in 0..<removedCount {
      let r = removed(k)
      guard r > previous, r < baseCount else { return false }
      previous = r
    }
    previous = 0
    for k in 0..<count {
      let p = position(k)
      guard p >= previous, p <= baseCount else { return false }
      previous = p
    }
    return true
  }

  /// The bytes of added unique string `k` (numbered from 0 here).
  func unique(_ k: Int) -> UnsafeRawBufferPointer? {
    guard k < uniqueCount else { return nil }
    let s = uniqueBlobStart + u32(uniqueOffsetsStart + k * 4)
    let e = uniqueBlobStart + u32(uniqueOffsetsStart + (k + 1) * 4)
    return UnsafeRawBufferPointer(rebasing: raw[s..<e])
  }

  /// The length of added unique string `k`.
  func uniqueLength(_ k: Int) -> Int? {
    guard k < uniqueCount else { return nil }
    return u32(uniqueOffsetsStart + (k + 1) * 4) - u32(uniqueOffsetsStart + k * 4)
  }
}

/// Where each record of a base-plus-delta index lives: the base's records minus the removed
/// ones, with the delta's merged in at their positions (path order, as a full build has it).
/// Held as runs of consecutive records of one file, as many as there are changes (not one
/// entry per record), so that opening a view costs nothing at 100k records.
final class RecordTable: @unchecked Sendable {
  /// Consecutive records of one file: view records `start...` live at `pointer`, every
  /// `IndexFormat.recordSize` bytes; `base` is the base record number of the first (-1 for the
  /// delta's records).
  struct Run {
    let start: Int
    let pointer: UnsafeRawPointer
    let base: Int
  }

  /// The runs in view order, then one empty run starting at `count` (so run `k` ends where
  /// run `k + 1` starts).
  let runs: [Run]
  let count: Int
  /// The delta applied (its file is kept mapped as long as the table lives; the base's is kept
  /// by the snapshot).
  let delta: IndexDelta

  init(records: UnsafeRawPointer, count baseCount: Int, delta: IndexDelta) {
    self.delta = delta
    count = baseCount - delta.removedCount + delta.count
    let size = IndexFormat.recordSize
    var runs: [Run] = []
    var at = 0
    var r = 0
    // Base records `lo..<hi` but the removed ones.
    func base(_ lo: Int, _ hi: Int) {
      var lo = lo
      while r < delta.removedCount, delta.removed(r) < hi {
        let gone = delta.removed(r)
        if gone > lo {
          runs.append(Run(start: at, pointer: records + lo * size, base: lo))
          at += gone - lo
        }
        lo = max(lo, gone + 1)
        r += 1
      }
      if hi > lo {
        runs.append(Run(start: at, pointer: records + lo * size, base: lo))
        at += hi - lo
      }
    }
    var b = 0
    var d = 0
    while d < delta.count {
      let position = delta.position(d)
      base(b, position)
      b = position
      let first = d
      while d < delta.count, delta.position(d) == position { d += 1 }
      runs.append(Run(start: at, pointer: delta.record(first), base: -1))
      at += d - first
    }
    base(b, baseCount)
    precondition(at == count, "a checked delta fills its table")
    runs.append(Run(start: count, pointer: records, base: -1))
    self.runs = runs
  }

  /// The run holding view record `i`.
  @inline(__always) func run(of i: Int) -> Int {
    var lo = 0
    var hi = runs.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if runs[mid].start <= i { lo = mid } else { hi = mid }
    }
    return lo
  }

  /// Where view record `i` starts.
  @inline(__always) func pointer(_ i: Int) -> UnsafeRawPointer {
    let run = runs[run(of: i)]
    return run.pointer + (i - run.start) * IndexFormat.recordSize
  }

  /// The base record number of view record `i`, nil for a record of the delta.
  func baseRecord(_ i: Int) -> Int? {
    let run = runs[run(of: i)]
    return run.base < 0 ? nil : run.base + (i - run.start)
  }

  /// The view record of base record `b`, nil when the delta removed it.
  func viewRecord(ofBase b: Int) -> Int? {
    // Removed records before `b` (and whether `b` is one), then the delta's records that go
    // before it.
    var lo = 0
    var hi = delta.removedCount
    while lo < hi {
      let mid = (lo + hi) / 2
      if delta.removed(mid) < b { lo = mid + 1 } else { hi = mid }
    }
    if lo < delta.removedCount, delta.removed(lo) == b { return nil }
    let removedBefore = lo
    lo = 0
    hi = delta.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if delta.position(mid) <= b { lo = mid + 1 } else { hi = mid }
    }
    return b - removedBefore + lo
  }

  /// The view records of the delta, ascending.
  var deltaRecords: [Int] {
    var out: [Int] = []
    for k in 0..<(runs.count - 1) where runs[k].base < 0 {
      out.append(contentsOf: runs[k].start..<runs[k + 1].start)
    }
    return out
  }
}
