internal import CLibYAML

/// Owns one initialised libyaml parser reading a caller-owned byte buffer; deletes it in deinit.
final class LibYAMLParser {
  let parser: UnsafeMutablePointer<yaml_parser_t>
  private let initialized: Bool

  /// A parser over `bytes`, which must stay valid and unchanged while it is used; nil when
  /// libyaml cannot be initialised.
  init?(bytes: UnsafeBufferPointer<UInt8>) {
    parser = .allocate(capacity: 1)
    initialized = yaml_parser_initialize(parser) == 1
    guard initialized else { return nil }
    yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
  }

  deinit {
    if initialized { yaml_parser_delete(parser) }
    parser.deallocate()
  }

  /// The next event (to be freed with `yaml_event_delete`), or false on a syntax error.
  func next(_ event: inout yaml_event_t) -> Bool { yaml_parser_parse(parser, &event) == 1 }
}
