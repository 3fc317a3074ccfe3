import Foundation

// registry-bench: whole-process benchmarks of the registry binary (see Options.usage).
let options: Options
do {
  options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
} catch let e as Options.UsageError {
  if let m = e.message { FileHandle.standardError.write(Data("registry-bench: \(m)\n".utf8)) }
  FileHandle.standardError.write(Data((Options.usage + "\n").utf8))
  exit(e.message == nil ? 0 : 64)
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("registry-bench: \(message)\n".utf8))
  exit(1)
}

let fm = FileManager.default
guard fm.isExecutableFile(atPath: options.binary) else {
  fail("no registry binary at \(options.binary) (build it: swift build -c release --product registry, or pass --registry)")
}
let libyamlEvents = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
  .appendingPathComponent("libyaml-events").path
guard fm.isExecutableFile(atPath: libyamlEvents) else { fail("no libyaml-events next to registry-bench (\(libyamlEvents))") }

let root = options.keep ?? fm.temporaryDirectory.appendingPathComponent("registry-bench-\(UUID().uuidString)").path
defer { if options.keep == nil { try? fm.removeItem(atPath: root) } }
var report: [Runner.Outcome] = []
do {
  var workspace = Workspace(root: root, options: options)
  try workspace.generate()
  // Builds the index cache once (not timed): the warm figures read it.
  _ = try ProcessTimer.time(Command(nil, [options.binary, "search", "--limit", "1", "-o", "paths", "--repo", workspace.registry]))
  var scenarios = try Scenarios.all(workspace, binary: options.binary, libyamlEvents: libyamlEvents)
  if !options.only.isEmpty {
    scenarios = scenarios.filter { s in options.only.contains { s.name.localizedCaseInsensitiveContains($0) } }
  }
  let runner = Runner(runs: options.runs, warmup: options.warmup)
  func say(_ lines: [String]) {
    if !options.json { FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
  }
  say([
    "registry-bench: \(options.binary)",
    "\(options.count) recipes in the registry, \(options.fileCount) recipe files, \(options.commitCount) commits on the history recipe; "
      + "\(options.warmup) warm-up + \(options.runs) timed runs per command, registry and reference interleaved; whole processes, wall time",
    options.count < 100_000 ? "budgets are set for 100000 recipes (the per-10k ones are scaled to the file count); this run has \(options.count)" : "",
  ])
  for s in scenarios {
    let outcome = try runner.run(s)
    report.append(outcome)
    say([""] + Runner.lines(outcome))
  }
  if options.only.isEmpty || options.only.contains(where: { SiteFigure.name.localizedCaseInsensitiveContains($0) }) {
    let (outcome, skipped) = try SiteFigure.run(
      binary: options.binary, registry: workspace.registry, root: root, runs: options.runs)
    if let outcome {
      report.append(outcome)
      say([""] + Runner.lines(outcome))
    } else {
      say(["", skipped])
    }
  }
  if options.breakdown { say([""] + (try Breakdown.yaml(files: workspace.v1Files, runs: options.runs))) }
  if options.json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
  } else {
    let over = report.flatMap(\.checks).filter { $0.ok == false }.count
    print("\n\(report.count) figures, \(over) budget\(over == 1 ? "" : "s") over")
  }
} catch {
  if options.keep == nil { try? fm.removeItem(atPath: root) }
  fail("\(error)")
}
