/// Bytes made once per shared value of a ``RecipeRowSource`` (its UTF-8 text, or its JSON)
/// and copied from then on: one buffer for all of them, each value made when first used.
struct SharedBytes {
  private var bytes: [UInt8] = []
  private var starts: [Int32]
  /// -1 until the value is made.
  private var lengths: [Int32]
  private let make: (String, inout [UInt8]) -> Void

  /// Room for `count` values; `make` appends a value's bytes to the buffer it is given.
  init(count: Int, make: @escaping (String, inout [UInt8]) -> Void) {
    starts = Array(repeating: 0, count: count)
    lengths = Array(repeating: -1, count: count)
    self.make = make
  }

  /// Calls `body` with the bytes of value `id` of `rows`.
  @inline(__always) mutating func with<R>(
    _ id: Int, of rows: some RecipeRowSource, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R {
    if lengths[id] < 0 { add(id, rows.sharedText(id)) }
    let start = Int(starts[id])
    let end = start + Int(lengths[id])
    return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
  }

  /// Appends the bytes of value `id` of `rows` to `out`.
  @inline(__always) mutating func append(
    _ id: Int, of rows: some RecipeRowSource, to out: inout OutputBuffer
  ) {
    with(id, of: rows) { out.append($0) }
  }

  private mutating func add(_ id: Int, _ text: String) {
    let start = bytes.count
    make(text, &bytes)
    starts[id] = Int32(start)
    lengths[id] = Int32(bytes.count - start)
  }
}
