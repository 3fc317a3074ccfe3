import Schema

/// What the flag map of a flat foreign format (vllm-args' `args`, an engine config) gives v2:
/// named serving fields (with their spellings), args, host, port, served name and model, the
/// comments of each flag, and `roundtrip.extra` entries.
struct ForeignFlags {
  var serving = RecipeV2.Serving()
  var args: [RecipeV2.EngineArg] = []
  var spellings: [RecipeV2.Roundtrip.FlagSpelling] = []
  var launcher = RecipeV2.Launcher()
  var servedName: String?
  var modelPath: String?
  var comments: [CommentPlacement] = []
  /// `roundtrip.extra` entries.
  var extra: [YAMLPair] = []

  /// Places a flag whose slot is the port, the host, the served name or a named field, and
  /// sets `dest` to where it went (a port that is no number is an error and stays put).
  /// - Returns: false for the model and args, which the format places itself.
  mutating func place(
    _ slot: SparkTemplateSlot, flag: String, value: RecipeV2.ArgValue, node v: YAMLNode,
    path p: KeyPath, dest: inout KeyPath, ctx: DecodeContext
  ) -> Bool {
    switch slot {
    case .port:
      if case .int(let n) = value {
        launcher.port = n
        dest = "launcher.port"
      } else {
        ctx.error(
          "type-mismatch", "port must be a number, found \(MappingReader.describe(v))", at: v,
          path: p)
      }
    case .host:
      launcher.host = v.scalar
      dest = "launcher.host"
    case .servedName:
      servedName = v.scalar
      dest = "model.served_name"
    case .field(let f):
      _ = ForeignValues.setServing(&serving, f, value)
      spellings.append(.init(f, flag))
      dest = KeyPath("serving") / f.key
    case .model, .arg:
      return false
    }
    return true
  }

  /// Keeps the comments of a flag's key and value, for the place it went to.
  mutating func comment(key: YAMLNode, value v: YAMLNode, at dest: KeyPath) {
    guard !(key.comments.isEmpty && v.comments.isEmpty) else { return }
    comments.append(
      CommentPlacement(path: dest, keyComments: key.comments, valueComments: v.comments))
  }
}
