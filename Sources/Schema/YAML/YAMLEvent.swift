internal import CLibYAML

/// One parser event, as libyaml reports it (marks 0-based, `index` in characters), from
/// libyaml itself or from `YAMLSubsetScanner`; the tree builder consumes these. Plain data
/// (pointers into the source or into libyaml's event), so that it copies for free.
struct YAMLEvent {
  enum Kind: UInt8 {
    case streamStart, streamEnd, documentStart, documentEnd, scalar, alias
    case mappingStart, mappingEnd, sequenceStart, sequenceEnd
  }

  var kind: Kind
  var start: yaml_mark_t
  var end: yaml_mark_t
  /// The scalar's value (valid until the next event is read).
  var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  var style = ScalarStyle.plain
  /// A flow collection (`[...]`, `{...}`), for collection starts.
  var flow = false
  /// A document start without `---`.
  var implicit = true
  /// The tag of a scalar or collection start, as written (libyaml's, valid as `value`).
  var tag: UnsafeMutablePointer<yaml_char_t>?
  /// The anchor of a node, or the name an alias refers to (libyaml's, valid as `value`).
  var anchor: UnsafeMutablePointer<yaml_char_t>?

  init(_ kind: Kind, start: yaml_mark_t, end: yaml_mark_t) {
    self.kind = kind
    self.start = start
    self.end = end
  }

  /// The event of a libyaml event (which must outlive the use of `value`).
  init(_ e: yaml_event_t) {
    self.init(.streamStart, start: e.start_mark, end: e.end_mark)
    switch e.type {
    case YAML_STREAM_START_EVENT, YAML_NO_EVENT:
      kind = .streamStart
    case YAML_STREAM_END_EVENT:
      kind = .streamEnd
    case YAML_DOCUMENT_START_EVENT:
      kind = .documentStart
      implicit = e.data.document_start.implicit != 0
    case YAML_DOCUMENT_END_EVENT:
      kind = .documentEnd
    case YAML_SCALAR_EVENT:
      kind = .scalar
      let s = e.data.scalar
      value = UnsafeBufferPointer(start: s.value, count: s.length)
      switch s.style {
      case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
      case YAML_LITERAL_SCALAR_STYLE: style = .literal
      case YAML_FOLDED_SCALAR_STYLE: style = .folded
      default: style = .plain
      }
      tag = s.tag
      anchor = s.anchor
    case YAML_ALIAS_EVENT:
      kind = .alias
      anchor = e.data.alias.anchor
    case YAML_MAPPING_START_EVENT:
      kind = .mappingStart
      let m = e.data.mapping_start
      flow = m.style == YAML_FLOW_MAPPING_STYLE
      tag = m.tag
      anchor = m.anchor
    case YAML_SEQUENCE_START_EVENT:
      kind = .sequenceStart
      let q = e.data.sequence_start
      flow = q.style == YAML_FLOW_SEQUENCE_STYLE
      tag = q.tag
      anchor = q.anchor
    case YAML_MAPPING_END_EVENT:
      kind = .mappingEnd
    case YAML_SEQUENCE_END_EVENT:
      kind = .sequenceEnd
    default:
      kind = .streamStart
    }
  }
}
