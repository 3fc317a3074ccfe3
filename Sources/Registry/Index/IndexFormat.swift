/// The binary layout of an index file (little-endian):
///
///     magic "RGIX" | version u32 | reader fingerprint u64 | tree id (20) | records u32 | dict strings u32 | unique strings u32
///     dict offsets ((n+1) × u32) | dict bytes
///     unique offsets ((n+1) × u32) | unique bytes
///     records (records × 80 bytes), in path order
///     name order (records × u32: the record numbers sorted by name as `String` orders names,
///                 equal names by record number)
///     name ranks (records × u32: each record's rank among the distinct names in that order;
///                 equal names have equal ranks)
///     block checksums (blocks × u64: FastHash of each `blockSize` bytes of everything above)
///     footer: body length u64 | block size u32 | blocks u32 | checksum u64 (FastHash of the
///             block checksums and these 16 bytes) | magic "RGIX"
///
/// Opening checks the footer and the blocks of the header and dictionary (decoded at once);
/// every other block (string offsets, strings, records, name order and ranks) is checked the
/// first time bytes in it are read (see `IndexBlocks`), so that `show NAME` reads a few blocks
/// and a search the records' blocks.
///
/// Low-cardinality values (model, engine, version, image, GPU, precision, format, status) live
/// in the dictionary, decoded once at load; names, paths and diagnostics live in the unique
/// table and are decoded only for the records a query returns. A record:
///
///     0 name u32 | 4 path u32 | 8 blob (20) | 28 model | 32 engine | 36 version | 40 image
///     44 gpu | 48 precision | 52 format | 56 status (u32 dict ids) | 60 gpus/node i32
///     64 total GPUs i32 | 68 nodes i32 | 72 diagnostics u32 (unique, JSON) | 76 topology u8
///     77 flags u8 (bit 0: has errors, bit 1: gpus/node derived from the GPU type) | 78 pad (2)
///
/// A delta file (`IndexDelta`) describes another tree as changes to a base file; see
/// `IndexDeltaFormat`.
enum IndexFormat {
  static let magic: [UInt8] = Array("RGIX".utf8)
  static let version: UInt32 = 7
  static let headerSize = 4 + 4 + 8 + 20 + 4 + 4 + 4
  static let treeOffset = 16
  static let recordSize = 80
  static let none: UInt32 = 0xFFFF_FFFF
  /// The bytes covered by one block checksum, as written: small enough that a lookup reading
  /// a few strings and records checks little more than it reads (a binary search by name reads
  /// some 50 blocks), large enough that the checksums (checked at open) stay small.
  static let blockSize = 16 * 1024
  /// The block sizes a reader accepts (powers of two; tests write small ones).
  static let blockSizes = 256...(16 << 20)
  /// body length u64 | block size u32 | blocks u32 | checksum u64 | magic.
  static let footerSize = 8 + 4 + 4 + 8 + 4

  enum Field: Int, CaseIterable {
    case model = 28, engine = 32, engineVersion = 36, image = 40, gpuType = 44, precision = 48
    case format = 52, status = 56
  }

  static let nameOffset = 0
  static let pathOffset = 4
  static let blobOffset = 8
  static let gpusPerNodeOffset = 60
  static let totalGPUsOffset = 64
  static let nodesOffset = 68
  static let diagnosticsOffset = 72
  static let topologyOffset = 76
  static let flagsOffset = 77
}

/// The binary layout of a delta file (little-endian): the index of a tree as the changes to a
/// base index file, written instead of a whole new file after a small change.
///
///     magic "RGID" | version u32 | reader fingerprint u64 | tree id (20) | base tree id (20)
///     base identity u64 (the base file's footer checksum) | removed u32 | records u32
///     dict strings u32 | unique strings u32
///     removed (removed × u32: base record numbers, ascending)
///     positions (records × u32: the base record each record goes before, non-decreasing)
///     dict offsets ((n+1) × u32) | dict bytes       (ids continue after the base's)
///     unique offsets ((n+1) × u32) | unique bytes   (ids continue after the base's)
///     records (records × 80 bytes, as in the base), in path order
///     checksum u64 (FastHash of everything before)
///
/// Readers see the base's records minus the removed ones with the delta's records merged in at
/// their positions: the path order a full build has. A delta holds every change since its
/// base (it is small; the whole file is checked when it is opened).
enum IndexDeltaFormat {
  static let magic: [UInt8] = Array("RGID".utf8)
  static let headerSize = 4 + 4 + 8 + 20 + 20 + 8 + 4 + 4 + 4 + 4
  static let treeOffset = 16
  static let baseTreeOffset = 36
  static let baseIdentityOffset = 56
  static let countsOffset = 64
}
