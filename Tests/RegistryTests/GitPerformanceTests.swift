import Foundation
import Registry
import Testing

/// Timing checks on a 100k-file repository; opt in with `REGISTRY_PERF=1`.
@Suite("GitRepository performance (REGISTRY_PERF=1)")
struct GitPerformanceTests {
  static let enabled = ProcessInfo.processInfo.environment["REGISTRY_PERF"] == "1"

  /// Builds `recipes/o<i>/m<j>/e<k>/r<l>.yaml` (100 × 10 × 4 × 25 = 100k files) with fast-import.
  private func makeLargeRepo(_ fx: GitFixture) throws -> String {
    let dir = fx.path("big.git")
    try fx.git("init", "-q", "--bare", "-b", "main", dir, in: fx.root)
    var stream =
      "commit refs/heads/main\ncommitter T <t@example.com> 1700000000 +0000\ndata 4\nbig\n"
    for o in 0..<100 {
      for m in 0..<10 {
        for e in 0..<4 {
          for r in 0..<25 {
            let body = "name: o\(o)-m\(m)-e\(e)-r\(r)\nengine: e\(e)\n"
            stream +=
              "M 100644 inline recipes/o\(o)/m\(m)/e\(e)/r\(r).yaml\ndata \(body.utf8.count)\n\(body)\n"
          }
        }
      }
    }
    // 2000 more commits, each changing one recipe; every 20th changes recipes/o42/m3/e1/r7.yaml.
    for c in 0..<2000 {
      let target =
        c % 20 == 0 ? "recipes/o42/m3/e1/r7" : "recipes/o\(c % 100)/m\(c % 10)/e\(c % 4)/r\(c % 25)"
      let body = "name: changed-\(c)\n"
      stream +=
        "commit refs/heads/main\ncommitter T <t@example.com> \(1_700_000_001 + c) +0000\ndata 2\nc\n"
      stream += "M 100644 inline \(target).yaml\ndata \(body.utf8.count)\n\(body)\n"
    }
    let input = fx.path("stream")
    try Data(stream.utf8).write(to: URL(fileURLWithPath: input))
    try fx.git(
      ["-c", "core.bare=true", "fast-import", "--quiet", "--import-marks-if-exists=/dev/null"]
        + [], in: dir, stdin: input)
    return dir
  }

  private func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
  }

  @Test("walk and read 100k blobs; publish one recipe in ≤ 50 ms", .enabled(if: enabled))
  func largeRepository() throws {
    let fx = try GitFixture()
    let dir = try makeLargeRepo(fx)
    let repo = try GitRepository(at: dir)
    let tree = try repo.tree(at: "main")

    var entries = [BlobEntry]()
    let walk = try milliseconds { entries = try repo.blobEntries(inTree: tree) }
    #expect(entries.count == 100_000)
    var bytes = 0
    let read = try milliseconds {
      for entry in entries { bytes += try repo.withBlob(entry.id) { $0.count } }
    }
    #expect(bytes > 0)

    var publishes = [Double]()
    for i in 0..<5 {
      let ms = try milliseconds {
        let tip = try #require(try repo.referenceTarget("refs/heads/main"))
        let blob = try repo.writeBlob("name: new\(i)\nengine: e0\n")
        let newTree = try repo.updatedTree(
          from: repo.commit(tip).treeID,
          applying: [.upsert(path: "recipes/o42/m3/e1/new\(i).yaml", blob: blob)])
        let commit = try repo.createCommit(
          tree: newTree, parents: [tip],
          author: Signature(name: "P", email: "p@example.com", time: 1_700_000_100 + Int64(i)),
          message: "publish \(i)\n")
        try repo.updateReference(
          "refs/heads/main", to: commit, expecting: .value(tip), message: "publish")
      }
      publishes.append(ms)
    }
    let recipe = "recipes/o42/m3/e1/r7.yaml"
    var history = [ObjectID]()
    let historyMs = try milliseconds { history = try repo.commits(from: "main", touching: recipe) }
    let clock = ContinuousClock()
    var expected = [String]()
    let gitElapsed = try clock.measure {
      expected = try fx.gitLines("log", "--format=%H", "main", "--", recipe, in: dir)
    }
    #expect(history.count == 101)
    #expect(history.map(\.hex) == expected)
    let warmMs = try milliseconds { history = try repo.commits(from: "main", touching: recipe) }
    let allMs = try milliseconds { _ = try repo.commits(from: "main") }
    print(
      "perf: history \(historyMs) ms, warm \(warmMs) ms, unfiltered walk \(allMs) ms (git log: \(gitElapsed))"
    )

    var deltas = [TreeDelta]()
    let diff = try milliseconds {
      deltas = try repo.diff(from: tree, to: repo.tree(at: "main"))
    }
    #expect(deltas.count == 5)
    print("perf: walk \(walk) ms, read \(read) ms, publish \(publishes) ms, diff \(diff) ms")
    #expect(publishes.sorted()[2] <= 50)
  }
}
