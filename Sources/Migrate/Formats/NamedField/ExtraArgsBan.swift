package import Schema

/// Seed 001's rule for named-field recipes: `extra_args` must not repeat a named field or a
/// flag the launcher owns (`--trust-remote-code`, `--host`, `--port`, `--model`,
/// `--model-path`, `--served-model-name`).
///
/// The banned set is ``LauncherFlags/extraArgsBanned(engine:)``: every spelling of every named
/// field on the engine (``NamedFieldFlags``) plus the owned flags — one table, shared with the
/// v2 decoder's ban.
package enum ExtraArgsBan {
  /// The offending flags among `words`, in order of appearance, each once, as written
  /// without any `=value` (`--tensor-parallel-size=4` → `--tensor-parallel-size`).
  package static func offenders(in words: [String], engine: EngineName) -> [String] {
    let banned = Set(
      LauncherFlags.extraArgsBanned(engine: engine).map { NamedFieldFlags.normalize($0) })
    var out: [String] = []
    for w in words where EngineArgv.isFlag(w) {
      let flag = w.firstIndex(of: "=").map { String(w[..<$0]) } ?? w
      if banned.contains(NamedFieldFlags.normalize(flag)), !out.contains(flag) { out.append(flag) }
    }
    return out
  }

  /// The diagnostic of a violation, located at the `extra_args` scalar.
  package static func diagnostic(
    offenders: [String], engine: EngineName, at location: SourceLocation?, path: KeyPath
  ) -> Diagnostic {
    let list = offenders.map { "'\($0)'" }.joined(separator: ", ")
    return Diagnostic(
      .error, code: "named-field-in-args",
      "extra_args repeats flags that are named fields or owned by the launcher: \(list)",
      at: location, path: path,
      hint: "set the named field under engine.llm (tensor_parallel_size, pipeline_parallel_size, "
        + "data_parallel_size, gpu_memory_utilization, context_length, max_concurrent_requests) "
        + "and leave host, port, model, served model name and trust-remote-code to the launcher")
  }
}
