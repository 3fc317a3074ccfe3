internal import CLibYAML

/// A plain libyaml event loop, the reference that the document layer is measured against.
public enum RawLibYAML {
  /// Parses `bytes` with libyaml's event API and discards every event; returns the event count,
  /// or -1 on a parse error.
  public static func countEvents(_ bytes: [UInt8]) -> Int {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return -1 }
    defer { yaml_parser_delete(&parser) }
    return bytes.withUnsafeBufferPointer { buf -> Int in
      yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
      var event = yaml_event_t()
      var n = 0
      while true {
        guard yaml_parser_parse(&parser, &event) == 1 else { return -1 }
        let done = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
        n += 1
        if done { return n }
      }
    }
  }
}
