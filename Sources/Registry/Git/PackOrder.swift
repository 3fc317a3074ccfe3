import Foundation

/// Where objects lie in a repository's pack files, read from the packs' version-2 `.idx`
/// files, so that many blobs can be read in pack order.
///
/// Delta bases come before their deltas in a pack. Reading blobs from the end of a pack
/// backwards resolves each delta chain once and finds the bases in libgit2's delta base cache
/// afterwards; reading in tree order instead re-inflates most of a chain for every blob
/// (about 4× the work for a freshly packed registry). Only an order: objects it does not know
/// (loose, in an alternate, an unreadable index) sort last and are read just the same.
struct PackOrder {
  /// The contents of one `.idx` file and its object count.
  private struct PackIndex {
    let bytes: [UInt8]
    let count: Int
  }

  private let packs: [PackIndex]

  /// Reads the pack indexes under `<gitDirectory>/objects/pack`; none when there are none.
  init(gitDirectory: String) {
    let folder = gitDirectory + "/objects/pack"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    packs = names.filter { $0.hasSuffix(".idx") }.sorted().compactMap { name in
      guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return nil }
      return Self.validated([UInt8](data))
    }
  }

  /// A v2 index with a consistent size, else nil.
  private static func validated(_ bytes: [UInt8]) -> PackIndex? {
    guard bytes.count >= 8 + 1_024, bytes[0] == 0xFF, bytes[1] == 0x74, bytes[2] == 0x4F,
      bytes[3] == 0x63,
      be32(bytes, 4) == 2
    else { return nil }
    let count = Int(be32(bytes, 8 + 255 * 4))
    // ids, CRCs and 4-byte offsets, then 8-byte offsets, then two trailing checksums.
    guard bytes.count >= 8 + 1_024 + count * 28 + 40 else { return nil }
    return PackIndex(bytes: bytes, count: count)
  }

  private static func be32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8
      | UInt32(bytes[at + 3])
  }

  /// A sort key for `id`: ascending in pack order (pack by pack), `UInt64.max` when `id` is
  /// in no pack.
  func key(_ id: ObjectID) -> UInt64 {
    for (p, pack) in packs.enumerated() {
      if let offset = Self.offset(of: id, in: pack) {
        return UInt64(p) << 44 | min(offset, 1 << 44 - 1)
      }
    }
    return .max
  }

  private static func offset(of id: ObjectID, in pack: PackIndex) -> UInt64? {
    pack.bytes.withUnsafeBytes { raw -> UInt64? in
      let ids = 8 + 1_024
      // The fan-out table: how many ids start with a byte ≤ b.
      func fanout(_ b: Int) -> Int {
        Int(UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 8 + b * 4, as: UInt32.self)))
      }
      let lead = withUnsafeTemporaryAllocation(byteCount: ObjectID.byteCount, alignment: 8) { buf in
        id.store(to: buf.baseAddress!)
        return Int(buf[0])
      }
      var lo = lead == 0 ? 0 : fanout(lead - 1)
      var hi = min(fanout(lead), pack.count)
      while lo < hi {
        let mid = (lo + hi) / 2
        let probe = ObjectID(raw: raw.baseAddress! + ids + mid * 20)
        if probe == id {
          let offsets = ids + pack.count * 24
          let small = UInt32(
            bigEndian: raw.loadUnaligned(fromByteOffset: offsets + mid * 4, as: UInt32.self))
          guard small & 0x8000_0000 != 0 else { return UInt64(small) }
          let large = offsets + pack.count * 4 + Int(small & 0x7FFF_FFFF) * 8
          guard large + 8 <= raw.count else { return nil }
          return UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: large, as: UInt64.self))
        }
        if probe < id { lo = mid + 1 } else { hi = mid }
      }
      return nil
    }
  }
}
