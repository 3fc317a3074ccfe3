/// Bytes made once per slot — a shared value of a ``RecipeRowSource`` (its UTF-8 text), or a
/// field with one (its JSON key and value) — and copied from then on: one buffer for all of
/// them, each slot made when first used.
struct SharedBytes {
  private var bytes: [UInt8] = []
  private var starts: [Int32]
  /// -1 until the slot is made.
  private var lengths: [Int32]
  private let make: (_ slot: Int, _ value: String, _ bytes: inout [UInt8]) -> Void

  /// Room for `count` slots; `make` appends the bytes of a slot, given its value's text.
  init(count: Int, make: @escaping (_ slot: Int, _ value: String, _ bytes: inout [UInt8]) -> Void) {
    starts = Array(repeating: 0, count: count)
    lengths = Array(repeating: -1, count: count)
    self.make = make
  }

  /// Calls `body` with the bytes of `slot`, which holds shared value `id` of `rows`.
  @inline(__always) mutating func with<R>(
    _ slot: Int, value id: Int, of rows: some RecipeRowSource,
    _ body: (UnsafeRawBufferPointer) -> R
  ) -> R {
    if lengths[slot] < 0 {
      let start = bytes.count
      make(slot, rows.sharedText(id), &bytes)
      starts[slot] = Int32(start)
      lengths[slot] = Int32(bytes.count - start)
    }
    let start = Int(starts[slot])
    let end = start + Int(lengths[slot])
    return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
  }

  /// Appends the bytes of `slot`, which holds shared value `id` of `rows`, to `out`.
  @inline(__always) mutating func append(
    _ slot: Int, value id: Int, of rows: some RecipeRowSource, to out: inout OutputBuffer
  ) {
    with(slot, value: id, of: rows) { out.append($0) }
  }
}
