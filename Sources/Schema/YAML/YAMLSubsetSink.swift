/// Where `YAMLSubsetScanner` sends the events it reads, in order.
protocol YAMLSubsetSink {
  mutating func take(_ event: YAMLEvent)
}

/// The events themselves, for the tree builder's general path (which also collects comments)
/// and for the tests that compare them with libyaml's.
struct YAMLEventList: YAMLSubsetSink {
  private(set) var events: [YAMLEvent] = []

  /// Room for the events of `byteCount` bytes of source: about one per six bytes in recipes,
  /// enough that the list rarely grows.
  init(byteCount: Int) { events.reserveCapacity(byteCount / 6 + 16) }

  mutating func take(_ event: YAMLEvent) { events.append(event) }
}

extension YAMLSubsetScanner where Sink == YAMLEventList {
  /// The events of `buffer`, or nil when it is not in the subset.
  static func events(_ buffer: UnsafeBufferPointer<UInt8>) -> [YAMLEvent]? {
    scan(buffer, into: YAMLEventList(byteCount: buffer.count))?.events
  }
}
