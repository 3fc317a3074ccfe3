import Foundation
import TestSupport
import Testing

/// `registry import vllm-recipes`: a registry-wide import of the corpus's vllm-project/recipes
/// model files is one commit holding every expanded recipe (checked with real git).
@Suite(.enabled(if: Corpus.skipReason == nil, "corpus not present"))
struct ImportCLITests {
  static let checkout = Corpus.root + "/vllm-project+recipes"

  static func git(_ args: [String]) throws -> Subprocess.Result {
    try Subprocess.run(try #require(Subprocess.which("git")), args)
  }

  @Test("importing every model file of the corpus into a temp registry makes one commit")
  func oneCommit() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = dir + "/reg.git"
    let author = "Ada Author <ada@example.com>"
    let initRun = try RegistryBinary.run(["init", repo, "--bare", "--author", author])
    #expect(initRun.status == 0, "\(initRun)")
    let before = try Self.git(["-C", repo, "rev-list", "--count", "HEAD"])
    let out = try RegistryBinary.run([
      "import", "vllm-recipes", Self.checkout + "/models", "--repo", repo, "--author", author,
      "--quiet",
    ])
    #expect(out.status == 0, "\(out)")
    let published = out.stdout.split(separator: "\n").filter { $0.hasPrefix("published ") }
    #expect(published.count > 100)
    let after = try Self.git(["-C", repo, "rev-list", "--count", "HEAD"])
    let (b, a) = (
      Int(before.stdout.trimmingCharacters(in: .whitespacesAndNewlines)),
      Int(after.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    )
    #expect(
      a != nil && b != nil && a! == b! + 1, "one new commit: \(before.stdout) → \(after.stdout)")
    let files = try Self.git(["-C", repo, "ls-tree", "-r", "--name-only", "HEAD"])
    let recipes = files.stdout.split(separator: "\n").filter {
      $0.hasSuffix(".yaml") && $0.contains("/vllm/")
    }
    #expect(recipes.count == published.count)
    let changed = try Self.git(["-C", repo, "show", "--stat", "--format=", "HEAD"])
    #expect(changed.stdout.contains("\(published.count) files changed"), "\(changed.stdout)")
  }

  @Test("--variant, --strategy and --hardware with --output write only the selected recipe")
  func subsetToFolder() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = try RegistryBinary.run([
      "import", "vllm-recipes", Self.checkout + "/models/Qwen/Qwen3.5-122B-A10B.yaml",
      "--variant", "fp8", "--strategy", "pd_cluster", "--hardware", "h200", "--output", dir,
    ])
    #expect(out.status == 0, "\(out)")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(files == ["qwen3-5-122b-a10b-fp8-pd-cluster-h200.yaml"])
    let check = try RegistryBinary.run(["validate", dir])
    #expect(check.status == 0, "\(check)")
  }
}
