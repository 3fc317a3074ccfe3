import Foundation
import Testing

@testable import Registry

/// 16 `registry publish` processes and 4 `registry search` processes on one bare repository:
/// every recipe lands exactly once, in a linear history, and every search answers from the
/// tree of one real commit of the branch (never a torn or mixed index).
///
/// Reduced scale by default (16 × 10 recipes); `REGISTRY_STRESS_FULL=1` runs 16 × 100.
@Suite(.serialized) struct ConcurrentPublishSearchTests {
  static let publishers = 16
  static let readers = 4
  static var perPublisher: Int {
    ProcessInfo.processInfo.environment["REGISTRY_STRESS_FULL"] == "1" ? 100 : 10
  }

  @Test func publishersAndReadersAgreeOnEveryCommit() throws {
    let cli = try PublishFixture.cli()
    let f = try PublishFixture()
    let repo = try f.registry().repository.gitDirectory
    let inputs = f.git.path("in")
    let outputs = f.git.path("out")
    let stop = f.git.path("stop")
    for dir in [inputs, outputs] {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    for p in 0..<Self.publishers {
      for i in 0..<Self.perPublisher {
        try PublishFixture.v2("p\(p)-r\(i)").write(
          toFile: "\(inputs)/p\(p)-r\(i).yaml", atomically: true, encoding: .utf8)
      }
    }
    let start = Date()
    let readerScript = """
      k=0; while [ ! -e "$3" ]; do k=$((k+1)); "$0" search --repo "$1" --rev main --invalid -o json \
      > "$2/r$4-$k.json" 2> "$2/r$4-$k.err" || echo "exit $?" >> "$2/r$4-$k.err"; done
      """
    let readerProcesses = try (0..<Self.readers).map { r in
      try Self.spawn(["-c", readerScript, cli, repo, outputs, stop, "\(r)"])
    }
    let publisherScript = """
      i=0; while [ $i -lt "$4" ]; do "$0" publish --repo "$1" -q --author "P$3 <p$3@example.com>" "$2/p$3-r$i.yaml" || exit 1; i=$((i+1)); done
      """
    let publisherProcesses = try (0..<Self.publishers).map { p in
      try Self.spawn(["-c", publisherScript, cli, repo, inputs, "\(p)", "\(Self.perPublisher)"])
    }
    for p in publisherProcesses { p.waitUntilExit() }
    #expect(FileManager.default.createFile(atPath: stop, contents: nil))
    for r in readerProcesses { r.waitUntilExit() }
    let elapsed = Date().timeIntervalSince(start)
    #expect(publisherProcesses.allSatisfy { $0.terminationStatus == 0 })

    // Every recipe exactly once, one commit each, linear.
    let total = Self.publishers * Self.perPublisher
    let added = try f.git.gitLines(
      "log", "--format=", "--name-only", "--diff-filter=A", "main", "--", "recipes", in: repo
    )
    .filter { $0.hasSuffix(".yaml") }
    #expect(added.count == total && Set(added).count == total)
    let commits = try f.git.gitLines("rev-list", "--parents", "main", in: repo)
    #expect(commits.count == total + 1)
    #expect(commits.allSatisfy { $0.split(separator: " ").count <= 2 })
    #expect(try f.git.git("fsck", "--strict", "--no-dangling", in: repo).isEmpty)

    // Every search: the recipes of the tree of the commit it names, a commit of the branch.
    let onBranch = Set(commits.map { String($0.prefix(40)) })
    var treeOf: [String: Set<String>] = [:]
    var searches = 0
    var distinctCommits = Set<String>()
    let files = try FileManager.default.contentsOfDirectory(atPath: outputs).filter {
      $0.hasSuffix(".json")
    }
    for file in files {
      let base = outputs + "/" + file.dropLast(5)
      let stderr = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
      #expect(!stderr.contains("exit "), "\(file): \(stderr)")
      guard !stderr.contains("exit ") else { continue }
      let data = try Data(contentsOf: URL(fileURLWithPath: base + ".json"))
      let json = try #require(
        try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(file)")
      let commit = try #require(json["commit"] as? String)
      let paths = Set(
        ((json["recipes"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String })
      #expect(onBranch.contains(commit), "\(file): \(commit) is not a commit of main")
      if treeOf[commit] == nil {
        treeOf[commit] = Set(
          try f.git.gitLines("ls-tree", "-r", "--name-only", commit, "recipes", in: repo)
            .filter { $0.hasSuffix(".yaml") })
      }
      #expect(
        paths == treeOf[commit],
        "\(file): search at \(commit) gave \(paths.count) recipes, its tree has \(treeOf[commit]?.count ?? 0)"
      )
      searches += 1
      distinctCommits.insert(commit)
    }
    #expect(searches >= Self.readers)
    print(
      "\(Self.publishers) publishers × \(Self.perPublisher) recipes with \(Self.readers) readers: \(String(format: "%.1f", elapsed)) s; "
        + "\(searches) searches answered from \(distinctCommits.count) distinct commits")
  }

  static func spawn(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }
}
