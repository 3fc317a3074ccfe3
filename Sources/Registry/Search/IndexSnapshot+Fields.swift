extension IndexSnapshot {
  /// A field of a record whose value is one of the index's shared strings (the values many
  /// records repeat: model, engine, GPU type...).
  public enum SharedField: CaseIterable, Sendable {
    case model, engine, engineVersion, image, gpuType, precision, format, status

    var field: IndexFormat.Field {
      switch self {
      case .model: .model
      case .engine: .engine
      case .engineVersion: .engineVersion
      case .image: .image
      case .gpuType: .gpuType
      case .precision: .precision
      case .format: .format
      case .status: .status
      }
    }
  }

  /// The shared strings, decoded once when the index is read; ``sharedID(_:_:)`` indexes it.
  public var sharedStrings: [String] { dictionary }

  /// The position in ``sharedStrings`` of record `i`'s `field`; nil when the record has none.
  @inline(__always) public func sharedID(_ i: Int, _ field: SharedField) -> Int? {
    let id = dictID(i, field.field)
    return id == IndexFormat.none || Int(id) >= dictionary.count ? nil : Int(id)
  }

  /// Calls `body` with the UTF-8 bytes of record `i`'s name, read in place (no `String`).
  @inline(__always) public func withNameBytes<R>(
    _ i: Int, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R {
    uniqueBytes(nameID(i), body)
  }

  /// Calls `body` with the UTF-8 bytes of record `i`'s path, read in place (no `String`).
  @inline(__always) public func withPathBytes<R>(
    _ i: Int, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R {
    uniqueBytes(field(i, IndexFormat.pathOffset), body)
  }
}
