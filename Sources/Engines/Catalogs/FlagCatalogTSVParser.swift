/// Parses catalog TSV bytes into flags without Foundation.
enum FlagCatalogTSVParser {
  /// What a parse yields.
  struct Result {
    var source: String?
    var build: String?
    var flags: [FlagSpec]
  }

  private static let tab = UInt8(ascii: "\t")
  private static let newline = UInt8(ascii: "\n")
  private static let hash = UInt8(ascii: "#")
  private static let comma = UInt8(ascii: ",")
  private static let sourcePrefix = Array("# source:".utf8)
  private static let buildPrefix = Array("# build:".utf8)
  private static let headerPrefix = Array("flag\t".utf8)

  /// Parses `bytes`; `file` labels errors.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String)
    -> Swift.Result<Result, FlagCatalogError>
  {
    var result = Result(source: nil, build: nil, flags: [])
    result.flags.reserveCapacity(256)
    var sawHeader = false
    var lineNumber = 0
    var start = 0
    let count = bytes.count
    while start < count {
      var end = start
      while end < count, bytes[end] != newline { end += 1 }
      lineNumber += 1
      var lineEnd = end
      if lineEnd > start, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
      defer { start = end + 1 }
      if lineEnd == start { continue }
      let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
      if line[0] == hash {
        if line.starts(with: sourcePrefix) {
          result.source = trimmed(UnsafeBufferPointer(rebasing: line[sourcePrefix.count...]))
        } else if line.starts(with: buildPrefix) {
          result.build = trimmed(UnsafeBufferPointer(rebasing: line[buildPrefix.count...]))
        }
        continue
      }
      if !sawHeader {
        guard line.starts(with: headerPrefix) else {
          return .failure(FlagCatalogError(kind: .missingHeader, file: file, line: lineNumber))
        }
        sawHeader = true
        continue
      }
      var fields: [UnsafeBufferPointer<UInt8>] = []
      fields.reserveCapacity(7)
      var fieldStart = 0
      for i in 0..<line.count where line[i] == tab {
        fields.append(UnsafeBufferPointer(rebasing: line[fieldStart..<i]))
        fieldStart = i + 1
      }
      fields.append(UnsafeBufferPointer(rebasing: line[fieldStart...]))
      guard fields.count >= 7 else {
        return .failure(
          FlagCatalogError(kind: .tooFewColumns(found: fields.count), file: file, line: lineNumber))
      }
      let kindText = string(fields[1])
      guard let kind = FlagKind(rawValue: kindText) else {
        return .failure(
          FlagCatalogError(kind: .unknownKind(kindText), file: file, line: lineNumber))
      }
      result.flags.append(
        FlagSpec(
          name: string(fields[0]), kind: kind, type: string(fields[2]),
          defaultValue: string(fields[3]), choices: list(fields[4]), aliases: list(fields[5]),
          deprecated: string(fields[6]) == "yes"))
    }
    guard sawHeader else {
      return .failure(FlagCatalogError(kind: .missingHeader, file: file, line: max(lineNumber, 1)))
    }
    return .success(result)
  }

  private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var lo = 0
    var hi = bytes.count
    while lo < hi, bytes[lo] == UInt8(ascii: " ") { lo += 1 }
    while hi > lo, bytes[hi - 1] == UInt8(ascii: " ") { hi -= 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
  }

  /// A comma list; empty field → empty array.
  private static func list(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    guard !bytes.isEmpty else { return [] }
    var items: [String] = []
    var itemStart = 0
    for i in 0..<bytes.count where bytes[i] == comma {
      items.append(string(UnsafeBufferPointer(rebasing: bytes[itemStart..<i])))
      itemStart = i + 1
    }
    items.append(string(UnsafeBufferPointer(rebasing: bytes[itemStart...])))
    return items
  }
}
