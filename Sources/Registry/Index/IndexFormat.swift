/// The binary layout of an index file (little-endian):
///
///     magic "RGIX" | version u32 | reader fingerprint u64 | tree id (20) | records u32 | dict strings u32 | unique strings u32
///     dict offsets ((n+1) × u32) | dict bytes
///     unique offsets ((n+1) × u32) | unique bytes
///     records (records × 80 bytes)
///     checksum u64 (FastHash of everything before)
///
/// Low-cardinality values (model, engine, version, image, GPU, precision, format, status) live
/// in the dictionary, decoded once at load; names, paths and diagnostics live in the unique
/// table and are decoded only for the records a query returns. A record:
///
///     0 name u32 | 4 path u32 | 8 blob (20) | 28 model | 32 engine | 36 version | 40 image
///     44 gpu | 48 precision | 52 format | 56 status (u32 dict ids) | 60 gpus/node i32
///     64 total GPUs i32 | 68 nodes i32 | 72 diagnostics u32 (unique, JSON) | 76 topology u8
///     77 flags u8 (bit 0: has errors, bit 1: gpus/node derived from the GPU type) | 78 pad (2)
enum IndexFormat {
  static let magic: [UInt8] = Array("RGIX".utf8)
  static let version: UInt32 = 4
  static let headerSize = 4 + 4 + 8 + 20 + 4 + 4 + 4
  static let treeOffset = 16
  static let recordSize = 80
  static let none: UInt32 = 0xFFFF_FFFF

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
