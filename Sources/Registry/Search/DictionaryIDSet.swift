/// A set of dictionary ids of one index, as one flag per id: a membership test is an array
/// read, not a hash, for the per-record loop of a search over every record.
struct DictionaryIDSet {
  private var flags: [Bool]

  /// The ids of the `count` dictionary strings for which `member` is true.
  init(count: Int, where member: (Int) -> Bool) {
    flags = (0..<count).map(member)
  }

  /// Whether `id` is in the set (`IndexFormat.none`, an unset field, never is).
  @inline(__always) func contains(_ id: UInt32) -> Bool {
    let i = Int(id)
    return i < flags.count && flags[i]
  }
}
