import Foundation
import Migrate
import Registry

/// The commit-independent part of `export-index` detail documents, by blob id and path, kept
/// under the git directory next to the index cache (`<git dir>/registry-details/<xx>`, 256
/// shards by the blob id's first byte), so that a re-export reads and converts only the
/// blobs it has not seen.
///
/// A shard starts with a header line naming the fingerprint of the converters and exporter
/// that wrote it and the layout's version (a shard with another is ignored and rewritten);
/// each record carries its lengths and a checksum (`FastHash`, as the index file has), and a
/// record that does not check is dropped (its document is rebuilt). Shards are written to a
/// temporary file and renamed into place. The cache is an optimisation only: every failure to
/// read or write it is ignored.
struct DetailCache: Sendable {
  /// A cached document: the same blob at another path may read differently (diagnostics
  /// name the file, the name falls back to the file name).
  struct Key: Hashable, Sendable {
    var blob: ObjectID
    var path: String
  }

  /// The commit-independent members of a detail document (see `IndexExporter.document`),
  /// each as JSON text.
  struct Fragment: Sendable, Hashable {
    var diagnostics: String
    var launch: String
    var provenance: String
    var recipe: String
    var source: String

    /// The members by key.
    var members: [String: String] {
      [
        "diagnostics": diagnostics, "launch": launch, "provenance": provenance, "recipe": recipe,
        "source": source,
      ]
    }

    /// The values in a record's order.
    var fields: [String] { [diagnostics, launch, provenance, recipe, source] }

    init(diagnostics: String, launch: String, provenance: String, recipe: String, source: String) {
      self.diagnostics = diagnostics
      self.launch = launch
      self.provenance = provenance
      self.recipe = recipe
      self.source = source
    }

    /// From a record's values (`fields`' order).
    init?(fields: [String]) {
      guard fields.count == Self.fieldCount else { return nil }
      self.init(
        diagnostics: fields[0], launch: fields[1], provenance: fields[2], recipe: fields[3],
        source: fields[4])
    }

    static let fieldCount = 5
  }

  static let shardCount = 256
  /// The version of the shard layout, in every header: a shard of another version (version 1
  /// had FNV-1a record checksums, version 2 two pieces of text per record) is ignored and
  /// rewritten, never misread.
  static let formatVersion = 3
  let directory: String
  /// Names the converters and exporter whose output the shards hold.
  let fingerprint: String

  init(gitDirectory: String, fingerprint: String) {
    directory = gitDirectory + "/registry-details"
    self.fingerprint = fingerprint
  }

  /// The shard of a blob.
  static func shard(of blob: ObjectID) -> Int { Int(blob.bytes[0]) }

  func path(ofShard shard: Int) -> String {
    directory + (shard < 16 ? "/0" : "/") + String(shard, radix: 16)
  }

  private var header: String { "registry-details/\(Self.formatVersion) " + fingerprint + "\n" }

  // MARK: - Reading

  /// The valid records of a shard; empty when it is missing, has another fingerprint or is
  /// unreadable. Reading stops at the first record whose framing is broken.
  func load(shard: Int) -> [Key: Fragment] {
    guard let bytes = POSIXFile.read(path(ofShard: shard)) else { return [:] }
    let head = Array(header.utf8)
    guard bytes.count >= head.count, bytes[0..<head.count].elementsEqual(head) else { return [:] }
    var out: [Key: Fragment] = [:]
    var i = head.count
    while i < bytes.count {
      guard let record = Self.record(bytes, at: &i) else { break }
      out[record.0] = record.1
    }
    return out
  }

  /// Parses `<blob hex> <path length> <length of each fragment field> <checksum hex>\n`
  /// followed by the path, the fields and a newline.
  private static func record(_ b: [UInt8], at i: inout Int) -> (Key, Fragment)? {
    guard let line = b[i...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
    let fields = b[i..<line].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
    guard fields.count == Fragment.fieldCount + 3,
      let blob = ObjectID(hex: String(decoding: fields[0], as: UTF8.self)),
      let sum = UInt64(String(decoding: fields[fields.count - 1], as: UTF8.self), radix: 16)
    else { return nil }
    var counts: [Int] = []
    for field in fields[1..<fields.count - 1] {
      guard let n = decimal(field) else { return nil }
      counts.append(n)
    }
    let start = line + 1
    let end = start + counts.reduce(0, +)
    guard end < b.count, b[end] == UInt8(ascii: "\n") else { return nil }
    i = end + 1
    guard checksum(b[start..<end]) == sum else { return nil }
    var texts: [String] = []
    var at = start
    for n in counts {
      texts.append(String(decoding: b[at..<at + n], as: UTF8.self))
      at += n
    }
    guard let fragment = Fragment(fields: Array(texts.dropFirst())) else { return nil }
    return (Key(blob: blob, path: texts[0]), fragment)
  }

  private static func decimal(_ s: ArraySlice<UInt8>) -> Int? {
    guard !s.isEmpty, s.count < 10 else { return nil }
    var n = 0
    for c in s {
      guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
      n = n * 10 + Int(c - UInt8(ascii: "0"))
    }
    return n
  }

  /// The checksum of a record's bytes (`FastHash`).
  static func checksum(_ bytes: some Sequence<UInt8>) -> UInt64 {
    bytes.withContiguousStorageIfAvailable { FastHash.hash(UnsafeRawBufferPointer($0)) }
      ?? Array(bytes).withUnsafeBytes { FastHash.hash($0) }
  }

  // MARK: - Writing

  /// Replaces a shard with exactly these records (temporary file, then rename).
  func store(shard: Int, _ records: [(Key, Fragment)]) {
    var out: [UInt8] = Array(header.utf8)
    for (key, fragment) in records {
      var body: [UInt8] = []
      var counts: [Int] = []
      for text in [key.path] + fragment.fields {
        let before = body.count
        body += text.utf8
        counts.append(body.count - before)
      }
      let lengths = counts.map(String.init).joined(separator: " ")
      out += "\(key.blob.hex) \(lengths) \(String(Self.checksum(body), radix: 16))\n".utf8
      out += body
      out.append(UInt8(ascii: "\n"))
    }
    mkdir(directory, 0o755)
    let final = path(ofShard: shard)
    let temp = final + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    guard out.withUnsafeBytes({ POSIXFile.write($0, to: temp, exclusive: true) }) == nil else {
      unlink(temp)
      return
    }
    if rename(temp, final) != 0 { unlink(temp) }
  }
}
