import Synchronization

/// The block checksums of an index file (see `IndexFormat`): the footer is checked when the
/// file is opened, and each block the first time bytes in it are read, so that opening a file
/// does not hash all of it.
final class IndexBlocks: @unchecked Sendable {
  /// The file (kept mapped as long as this lives).
  let storage: IndexStorage
  /// The checksummed bytes: the file without its checksums and footer.
  let body: UnsafeRawBufferPointer
  /// The number of blocks.
  let count: Int
  /// The bytes covered by one checksum (the last block may be shorter): 1 << shift.
  let size: Int
  private let shift: Int
  private let sums: UnsafeRawPointer
  /// One flag per block, set once the block matched its checksum.
  private let verified: UnsafeMutablePointer<Atomic<Bool>>

  /// Reads the footer of the file and checks the checksum of its block checksums.
  /// - Parameter verified: true takes every block as checked already (a file this process has
  ///   just written and checksummed itself).
  /// - Throws: `.truncated` when the sizes do not add up, `.checksumMismatch`.
  init(storage: IndexStorage, verified trusted: Bool = false) throws(IndexError) {
    let file = storage.bytes
    let f = IndexFormat.footerSize
    guard file.count >= IndexFormat.headerSize + f else { throw .truncated }
    let footer = file.count - f
    for k in 0..<4 where file[footer + 24 + k] != IndexFormat.magic[k] { throw .truncated }
    let length = file.loadUnaligned(fromByteOffset: footer, as: UInt64.self).littleEndian
    let size = file.loadUnaligned(fromByteOffset: footer + 8, as: UInt32.self).littleEndian
    let blocks = Int(file.loadUnaligned(fromByteOffset: footer + 12, as: UInt32.self).littleEndian)
    guard IndexFormat.blockSizes.contains(Int(size)), size.nonzeroBitCount == 1,
      length <= UInt64(footer), blocks == Self.blockCount(forBody: Int(length), size: Int(size)),
      Int(length) + blocks * 8 == footer
    else { throw .truncated }
    let stored = file.loadUnaligned(fromByteOffset: footer + 16, as: UInt64.self).littleEndian
    let table = UnsafeRawBufferPointer(rebasing: file[Int(length)..<(footer + 16)])
    guard FastHash.hash(table) == stored else { throw .checksumMismatch }
    self.storage = storage
    body = UnsafeRawBufferPointer(rebasing: file[0..<Int(length)])
    count = blocks
    self.size = Int(size)
    shift = size.trailingZeroBitCount
    sums = file.baseAddress! + Int(length)
    verified = .allocate(capacity: max(blocks, 1))
    for k in 0..<blocks { (verified + k).initialize(to: Atomic(trusted)) }
  }

  deinit {
    verified.deinitialize(count: count)
    verified.deallocate()
  }

  /// The number of blocks of `size` bytes of a body of `length` bytes.
  static func blockCount(forBody length: Int, size: Int) -> Int { (length + size - 1) / size }

  /// Whether every block holding bytes of `range` (of the body) matches its checksum.
  func verify(_ range: Range<Int>) -> Bool { firstBad(in: range) == nil }

  /// The first block holding bytes of `range` that does not match its checksum, if any.
  @inline(__always) func firstBad(in range: Range<Int>) -> Int? {
    guard !range.isEmpty else { return nil }
    // The usual case, a string in one block already checked: a shift and a load.
    let first = range.lowerBound >> shift
    if first == (range.upperBound - 1) >> shift, verified[first].load(ordering: .acquiring) {
      return nil
    }
    return check(first, (range.upperBound - 1) >> shift)
  }

  /// Checks blocks `first` through `last`.
  private func check(_ first: Int, _ last: Int) -> Int? {
    var k = first
    while k <= last {
      defer { k += 1 }
      if verified[k].load(ordering: .acquiring) { continue }
      let bytes = UnsafeRawBufferPointer(rebasing: body[(k * size)..<min(body.count, (k + 1) * size)])
      let stored = sums.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self).littleEndian
      guard FastHash.hash(bytes) == stored else { return k }
      verified[k].store(true, ordering: .releasing)
    }
    return nil
  }
}

/// Computes the block checksums and footer of an index file while its body is written.
struct IndexBlockHasher {
  private let length: Int
  private let size: Int
  private var sums: [UInt8] = []
  private var current: FastHash
  private var inBlock = 0
  private var done = 0

  /// Starts on a body of `length` bytes, cut into blocks of `size` bytes.
  init(bodyLength length: Int, blockSize size: Int) {
    self.length = length
    self.size = size
    current = FastHash(length: min(length, size))
  }

  /// Adds the next piece of the body.
  mutating func update(_ piece: UnsafeRawBufferPointer) {
    var at = 0
    while at < piece.count {
      let take = min(piece.count - at, size - inBlock)
      current.update(UnsafeRawBufferPointer(rebasing: piece[at..<(at + take)]))
      at += take
      inBlock += take
      done += take
      if inBlock == size { finishBlock() }
    }
  }

  private mutating func finishBlock() {
    withUnsafeBytes(of: current.finish().littleEndian) { sums.append(contentsOf: $0) }
    inBlock = 0
    current = FastHash(length: min(length - done, size))
  }

  /// The block checksums and the footer, once the whole body has been added.
  mutating func trailer() -> [UInt8] {
    precondition(done == length, "the index body is \(length) bytes, \(done) were written")
    if inBlock > 0 { finishBlock() }
    var out = sums
    func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    put(UInt64(length))
    put(UInt32(size))
    put(UInt32(sums.count / 8))
    let checksum = out.withUnsafeBytes { FastHash.hash($0) }
    put(checksum)
    out.append(contentsOf: IndexFormat.magic)
    return out
  }
}
