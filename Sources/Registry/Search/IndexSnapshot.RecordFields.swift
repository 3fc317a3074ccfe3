public import Schema

extension IndexSnapshot {
  /// The fields of one record (``IndexSnapshot/fields(_:)``), read in place: its bytes were
  /// checked when it was found, so reading a field is a load. Valid while the snapshot is.
  ///
  /// Immutable, and what it points to (the snapshot's mapped bytes) is never written, hence
  /// `@unchecked Sendable` as the snapshot.
  public struct RecordFields: @unchecked Sendable {
    /// The record's bytes, in the snapshot's mapped file or delta.
    let record: UnsafeRawPointer
    let sharedCount: Int

    /// The position in ``IndexSnapshot/sharedStrings`` of the record's `field`; nil when it
    /// has none.
    public func sharedID(_ field: SharedField) -> Int? {
      let id = IndexSnapshot.field(record, field.field.rawValue)
      return id == IndexFormat.none || Int(id) >= sharedCount ? nil : Int(id)
    }

    /// The git blob id of the file.
    public var blobID: ObjectID { ObjectID(raw: record + IndexFormat.blobOffset) }
    /// Whether the file failed to decode.
    public var isInvalid: Bool { flags & 1 != 0 }
    /// Whether the GPUs per node come from the GPU type, not from the recipe.
    public var gpusPerNodeDerived: Bool { flags & 2 != 0 }
    /// The topology, if known.
    public var topology: Topology? { IndexSnapshot.topology(record) }
    /// The GPUs per node, if known.
    public var gpusPerNode: Int? { int(IndexFormat.gpusPerNodeOffset) }
    /// The GPUs in all, if known.
    public var totalGPUs: Int? { int(IndexFormat.totalGPUsOffset) }
    /// The nodes, if known.
    public var nodes: Int? { int(IndexFormat.nodesOffset) }

    private var flags: UInt8 {
      record.load(fromByteOffset: IndexFormat.flagsOffset, as: UInt8.self)
    }

    private func int(_ offset: Int) -> Int? {
      let v = Int32(bitPattern: IndexSnapshot.field(record, offset))
      return v < 0 ? nil : Int(v)
    }
  }
}
