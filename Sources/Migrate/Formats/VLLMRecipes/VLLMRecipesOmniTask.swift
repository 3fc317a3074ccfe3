public import Schema

/// One entry of a vLLM-Omni model file's `omni.tasks`: what the server is started for (text to
/// speech, text to video, ...), the endpoint its clients call and the flags it needs.
///
/// An entry is a task id alone (`t2i`: the recipes site's catalog defaults) or a mapping
/// `{id, key?, label?, endpoint?, model_id?, extra_args?, ...}`; `key` tells apart entries of
/// the same id (LTX-2.5: `full_one_stage_t2v`, `distilled_two_stage_t2v`).
public struct VLLMRecipesOmniTask: Sendable, Hashable {
  /// `key`, else `id`: unique in the file.
  public var key: String
  /// The task id (`t2a`, `t2v`, `i2v`).
  public var id: String
  /// The entry as written.
  public var node: YAMLNode

  /// The flags the task adds (`--model-class-name LTX2Pipeline`).
  public var args: [String] { VLLMRecipesModelFile.words(node["extra_args"]) }
  /// The checkpoint the task swaps in, if any.
  public var modelID: String? { node["model_id"]?.scalar }
  /// The endpoint its clients call (`/v1/audio/speech`), if given.
  public var endpoint: String? { node["endpoint"]?.scalar }
  /// Its label (`Full one-stage T2V`), if given.
  public var label: String? { node["label"]?.scalar }

  /// The tasks of an `omni` block, in file order (entries without an id are skipped).
  static func read(_ omni: YAMLNode?) -> [VLLMRecipesOmniTask] {
    (omni?["tasks"]?.sequence ?? []).compactMap { item in
      if let id = item.scalar, !item.isNull {
        return VLLMRecipesOmniTask(key: id, id: id, node: item)
      }
      guard let id = item["id"]?.scalar else { return nil }
      return VLLMRecipesOmniTask(key: item["key"]?.scalar ?? id, id: id, node: item)
    }
  }
}
