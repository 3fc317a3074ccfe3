import Foundation
import TestSupport
import Testing

/// The install scripts, checked cheaply (no release build): shellcheck on each, and the control
/// file `scripts/package` writes, for binaries made in a second (a C program linking what the
/// release binary links) and for the debug build (which links the Swift runtime dynamically).
@Suite("install and package scripts")
struct InstallScriptsTests {
  static let scripts = ["install", "package", "registry", "bench", "setup", "test"]

  @Test(
    "every script that builds or installs the binary passes shellcheck",
    .requiresTool("shellcheck", install: "scripts/setup installs it"),
    arguments: scripts)
  func shellcheckClean(_ script: String) throws {
    let result = try Subprocess.run(
      try #require(Subprocess.which("shellcheck")), [PackageRoot.path("scripts/" + script)])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
  }

  @Test(
    "the control file depends on the packages of the libraries the binary links, git is recommended",
    .requiresTool("dpkg-shlibdeps", install: "apt-get install dpkg-dev"),
    .requiresTool("clang", install: "the Swift toolchain has it"))
  func controlFileDependsOnLinkedLibraries() throws {
    let binary = try StandIn.build(linking: ["git2", "yaml"])
    let result = try Subprocess.run(PackageRoot.path("scripts/package"), ["--control", binary])
    #expect(result.status == 0, "\(result.stderr)")
    let fields = StandIn.fields(result.stdout)
    #expect(fields["Package"] == "registry")
    #expect(fields["Version"] == "9.8.7")
    let depends = (fields["Depends"] ?? "").split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
    }
    #expect(depends.contains { $0.hasPrefix("libgit2-1.") }, "\(depends)")
    #expect(depends.contains("libyaml-0-2"), "\(depends)")
    #expect(depends.contains("libc6"), "\(depends)")
    #expect(!depends.contains("git"))
    #expect(fields["Recommends"] == "git")
  }

  @Test(
    "a binary linking a library no Debian package provides gets no control file",
    .requiresTool("dpkg-shlibdeps", install: "apt-get install dpkg-dev"))
  func dynamicSwiftRuntimeIsRefused() throws {
    // The debug build links libswiftCore.so from the toolchain, outside any package.
    let result = try Subprocess.run(
      PackageRoot.path("scripts/package"), ["--control", try RegistryBinary.path()])
    #expect(result.status != 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("libswiftCore.so"), "\(result.stderr)")
    #expect(result.stderr.contains("--static-swift-stdlib"))
  }
}

/// A stand-in for the release binary: a C program that links the given libraries and prints a
/// `registry --version` line.
private enum StandIn {
  static func build(linking libraries: [String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("install-scripts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let source = dir.appendingPathComponent("registry.c").path
    try """
    #include <git2.h>
    #include <yaml.h>
    #include <stdio.h>
    int main(void) {
      git_libgit2_init();
      printf("registry 9.8.7 (release build, %s)\\n", yaml_get_version_string());
      return 0;
    }
    """.write(toFile: source, atomically: true, encoding: .utf8)
    let binary = dir.appendingPathComponent("registry").path
    let result = try Subprocess.run(
      try #require(Subprocess.which("clang")),
      [source, "-o", binary] + libraries.map { "-l" + $0 })
    #expect(result.status == 0, "\(result.stderr)")
    return binary
  }

  /// The fields of a control file (continuation lines dropped).
  static func fields(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix(" ") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      out[String(line[..<colon])] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    return out
  }
}
