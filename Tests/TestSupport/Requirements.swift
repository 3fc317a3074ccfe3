import Foundation
import Testing

/// Data beside the checkout (`../shared`: the corpus, JSON schemas), read in place.
public enum Shared {
  /// `../shared` from the package root.
  public static let root: String = PackageRoot.url.deletingLastPathComponent()
    .appendingPathComponent("shared").standardizedFileURL.path

  /// Whether the shared corpus (`../shared/corpus/MANIFEST.tsv`) is there.
  public static var corpusAvailable: Bool { Corpus.skipReason == nil }

  /// The path of `../shared/schemas/NAME`, if the file is there.
  public static func schema(_ name: String) -> String? {
    let path = root + "/schemas/" + name
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }
}

/// Programs and privileges of the machine the tests run on.
public enum Machine {
  /// Whether `tool` is an executable on PATH.
  public static func has(_ tool: String) -> Bool { Subprocess.which(tool) != nil }

  /// Whether the tests run as root.
  public static var isRoot: Bool { getuid() == 0 }
}

/// What a test needs from the machine, as condition traits: a test that cannot run here is
/// reported as skipped, with the reason, in the summary (never passed after a printed note).
///
/// ```swift
/// @Test(.requiresCorpus) func corpusDecodes() { … }
/// @Test(.requiresTool("shellcheck")) func scriptsPassShellcheck() { … }
/// ```
extension Trait where Self == ConditionTrait {
  /// The shared corpus is beside the checkout.
  public static var requiresCorpus: Self {
    .enabled(
      if: Shared.corpusAvailable, Comment(rawValue: "the shared corpus is not at \(Corpus.root)"))
  }

  /// `tool` is on PATH; `install` says how to get it.
  public static func requiresTool(_ tool: String, install: String? = nil) -> Self {
    .enabled(
      if: Machine.has(tool),
      Comment(rawValue: "\(tool) is not on PATH" + (install.map { " (\($0))" } ?? "")))
  }

  /// `../shared/schemas/NAME` is there.
  public static func requiresSharedSchema(_ name: String) -> Self {
    .enabled(
      if: Shared.schema(name) != nil,
      Comment(rawValue: "\(Shared.root)/schemas/\(name) is not there"))
  }

  /// Headless Chromium is installed (see ``HeadlessBrowser``).
  public static var requiresBrowser: Self {
    .enabled(
      if: HeadlessBrowser.locate().path != nil, Comment(rawValue: HeadlessBrowser.locate().reason))
  }
}
