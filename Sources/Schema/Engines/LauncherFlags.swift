/// Flags a launch plan sets itself, per engine, and the flags seed 001 bans from
/// `extra_args`.
///
/// Two sets, deliberately separate: ``owned(by:)`` are flags the launcher always
/// controls (host, port, model, served model name) — a recipe must not set them.
/// ``extraArgsBanned(engine:)`` is seed 001's rule for named-field recipes: the owned
/// flags, `--trust-remote-code` (a recipe field there, not launcher-owned) and every
/// spelling of a named field.
package enum LauncherFlags {
  /// Flags the launcher owns on `engine`, every accepted spelling.
  package static func owned(by engine: EngineName) -> [String] {
    switch engine {
    case .sglang: ["--host", "--port", "--model-path", "--model", "--served-model-name"]
    case .vllm: ["--host", "--port", "--model", "--served-model-name"]
    case .trtllm: ["--host", "--port"]
    // `-m` (a local GGUF) and `-a` are left out: owned spellings are refused in the args of
    // every engine, and one-letter keys would be too wide a net.
    case .llamaCpp: ["--host", "--port", "--hf-repo", "-hf", "--model", "--alias"]
    }
  }

  /// Flags seed 001 bans in `extra_args` besides named fields and owned flags.
  package static let seedBannedExtras: [String] = ["--trust-remote-code"]

  /// Every spelling that seed 001 refuses in `extra_args` on `engine`.
  package static func extraArgsBanned(engine: EngineName) -> Set<String> {
    var banned = Set(owned(by: engine))
    banned.formUnion(seedBannedExtras)
    for mapping in NamedFieldFlags.all(engine: engine) { banned.formUnion(mapping.spellings) }
    return banned
  }
}
