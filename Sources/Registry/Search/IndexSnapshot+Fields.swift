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

  /// The shared strings, decoded once when the index is read; ``RecordFields/sharedID(_:)``
  /// indexes it.
  public var sharedStrings: [String] { dictionary }

  /// Record `i`'s fields, its bytes checked once for all of them (a printer reads ten or so a
  /// record).
  public func fields(_ i: Int) -> RecordFields {
    RecordFields(record: record(i), sharedCount: dictionary.count)
  }

  /// Calls `body` with the UTF-8 bytes of a record's name, read in place (no `String`).
  @inline(__always) public func withNameBytes<R>(
    _ record: RecordFields, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R {
    uniqueBytes(Self.field(record.record, IndexFormat.nameOffset), body)
  }

  /// Calls `body` with the UTF-8 bytes of a record's path, read in place (no `String`).
  @inline(__always) public func withPathBytes<R>(
    _ record: RecordFields, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R {
    uniqueBytes(Self.field(record.record, IndexFormat.pathOffset), body)
  }
}
