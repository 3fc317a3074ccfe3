import ArgumentParser
import Migrate
import Schema

struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert recipes between formats (through v2).",
    discussion: """
      The source format is detected from each document (--from overrides). A folder converts \
      every recipe file in it (recursively); -o then names an output folder that mirrors it. \
      Without -o the output goes to stdout (several files as a YAML stream). Comments move \
      with their keys. Whatever the target cannot express is a loss: it is reported and the \
      command exits 1 unless --allow-loss. --verify re-reads the output and checks that every \
      role gets the same engine flags and environment, model, engine and topology.

      Examples:
        registry convert --to v2 recipe.yaml                   v1 (detected) to v2 on stdout
        registry convert --to sglang-v1 -o out.yaml r.v2.yaml  v2 back to v1
        registry convert --to v2 recipes/ -o v2/ --verify      a whole folder, verified
        registry convert --from sglang-v1 --to v2 --json r.yaml

      Format ids: see `registry formats`.
      """)

  @Option(help: "The source format (detected when omitted).")
  var from: RecipeFormat?

  @Option(help: "The target format.")
  var to: RecipeFormat

  @Argument(help: "A recipe file or folder.")
  var input: String

  @Option(
    name: .shortAndLong,
    help: "Output file (for a file) or folder (for a folder); stdout when omitted.")
  var output: String?

  @Flag(help: "Write even when the target cannot express something (the loss is still reported).")
  var allowLoss = false

  @Flag(help: "Check that the output launches the same engines (flags, env, topology).")
  var verify = false

  @OptionGroup var global: GlobalOptions

  func run() throws {
    var missing: [String] = []
    let files = RecipeFiles.list([input], missing: &missing)
    if !missing.isEmpty { throw ValidationError("no such file or folder '\(input)'") }
    let isDir = RecipeFiles.isDirectory(input)
    let jobs = files.map { file -> ConversionBatch.Job in
      guard let output else { return (file: file, destination: .stdout) }
      guard isDir else { return (file: file, destination: .file(output)) }
      let rel = String(file.dropFirst(input.count).drop { $0 == "/" })
      return (file: file, destination: .file(output + "/" + rel))
    }
    try ConversionRunner(from: from, to: to, allowLoss: allowLoss, verify: verify, global: global)
      .run(jobs, skipOtherFormats: isDir && from != nil)
  }
}
