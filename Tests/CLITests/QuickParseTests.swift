import ArgumentParser
import Foundation
import Testing

@testable import RegistryCLI

/// `QuickParse` reads `search`, `show` and `list` command lines into the same requests as
/// argument-parser does, and leaves every other line to it.
@Suite struct QuickParseTests {
  /// Command lines that use every option, flag and positional argument of each quick command
  /// (`everyNameIsExercised` checks that), with values argument-parser accepts.
  static let lines: [[String]] = [
    ["search"],
    ["search", "deepseek"],
    [
      "search", "--gpu", "gb200", "--gpu", "h100", "--precision", "fp8", "--precision", "fp4",
      "--status", "deprecated", "--status", "functional",
    ],
    ["search", "--model=qwen3", "--engine", "sglang", "--engine-version", ">=0.5,<0.6"],
    ["search", "--mode", "disagg", "--min-gpus", "16", "--max-gpus", "64", "--nodes", "4"],
    [
      "search", "--invalid", "--rev", "HEAD~3", "--all-registries", "--scope", "team", "--scope",
      "infra",
    ],
    [
      "search", "--sort", "throughput-per-gpu", "--at-ttft", "<2s", "--limit", "20", "-o", "json",
      "--fail-on-no-result",
    ],
    ["search", "--repo", "/tmp/r", "--json", "--color", "never", "-q"],
    ["search", "text", "--quiet", "--sort=gpus", "-o", "paths", "--mode=agg"],
    ["show", "name"],
    ["show", "name@HEAD~1", "--as", "v2", "--allow-loss", "--quiet"],
    [
      "show", "@team/x", "--locked", "--lock-file", "other.lock", "--repo", "/r", "--json",
      "--color=always", "-q",
    ],
    ["list"],
    [
      "list", "--invalid", "--rev", "v1", "-o", "json", "--repo", "/r", "--json", "--color",
      "never",
    ],
    ["list", "--quiet"],
    ["list", "-q", "-o", "paths"],
  ]

  @Test(arguments: lines) func readsALineAsArgumentParserDoes(_ line: [String]) throws {
    let quick = try #require(QuickParse.request(line), "\(line) was left to argument-parser")
    let parsed = try RegistryCommand.parseAsRoot(line)
    func same<C: QuickParsable>(_ command: C) -> Bool { (quick as? C.Request) == command.request }
    let command = try #require(parsed as? any QuickParsable)
    let equal = same(command)
    #expect(equal, "\(line): \(quick) differs from argument-parser's")
  }

  /// Each command of `QuickParse.commands` is dispatched by its name.
  @Test func dispatchesEveryCommandByItsName() throws {
    for command in QuickParse.commands {
      let name = try #require(command.configuration.commandName)
      let line = try #require(Self.lines.first { $0.first == name }, "no test line for \(name)")
      #expect(QuickParse.request(line) != nil, "\(line)")
    }
  }

  /// Every name of each grammar appears in `lines`, so a name added without a line is caught.
  @Test func everyNameIsExercised() {
    for command in QuickParse.commands {
      let name = command.configuration.commandName!
      let words = Set(
        Self.lines.filter { $0.first == name }.flatMap { $0 }.map {
          $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? $0
        })
      for n in Self.names(of: command) {
        #expect(words.contains(n), "\(name) \(n) is in no test line")
      }
    }
  }

  static func names(of command: any QuickParsable.Type) -> [String] {
    func names<C: QuickParsable>(_: C.Type) -> [String] { C.Request.grammar.named.flatMap(\.names) }
    return names(command)
  }

  /// One argument as argument-parser's dump and a grammar describe it.
  struct Declared: Hashable, CustomStringConvertible {
    var names: [String]
    var kind: String
    var repeating: Bool
    var description: String { "\(kind) \(names)\(repeating ? " (repeating)" : "")" }
  }

  /// The arguments argument-parser declares for `command` (`--experimental-dump-help`), less
  /// its built-in help and version flags.
  static func dumped(_ command: any ParsableCommand.Type) throws -> Set<Declared> {
    let json = try #require(
      JSONSerialization.jsonObject(with: Data(command._dumpHelp().utf8)) as? [String: Any])
    let info = try #require(json["command"] as? [String: Any])
    let arguments = try #require(info["arguments"] as? [[String: Any]])
    var declared = Set<Declared>()
    for a in arguments {
      let names = (a["names"] as? [[String: Any]] ?? []).map { n -> String in
        let name = n["name"] as? String ?? ""
        switch n["kind"] as? String {
        case "short": return "-" + name
        case "longWithSingleDash": return "-" + name
        default: return "--" + name
        }
      }
      if names.contains("--help") || names.contains("--version") { continue }
      declared.insert(
        Declared(
          names: names.sorted(), kind: a["kind"] as? String ?? "?",
          repeating: a["isRepeating"] as? Bool ?? false))
    }
    return declared
  }

  static func declared<C: QuickParsable>(_: C.Type) -> Set<Declared> {
    Set(
      C.Request.grammar.members.map { m in
        switch m.kind {
        case .flag: Declared(names: m.names.sorted(), kind: "flag", repeating: false)
        case .option: Declared(names: m.names.sorted(), kind: "option", repeating: false)
        case .repeated: Declared(names: m.names.sorted(), kind: "option", repeating: true)
        case .positional, .group: Declared(names: [], kind: "positional", repeating: false)
        }
      })
  }

  /// Each grammar names exactly the arguments argument-parser declares, with their kinds.
  @Test func grammarsDeclareWhatArgumentParserDeclares() throws {
    for command in QuickParse.commands {
      func check<C: QuickParsable>(_ c: C.Type) throws {
        let theirs = try Self.dumped(c)
        let ours = Self.declared(c)
        #expect(
          ours == theirs,
          "\(c): only in the grammar \(ours.subtracting(theirs)), only in argument-parser \(theirs.subtracting(ours))"
        )
      }
      try check(command)
    }
  }

  /// Lines `QuickParse` leaves to argument-parser: help, errors and every form it does not read.
  @Test(arguments: [
    ["search", "--help"], ["search", "-h"], ["search", "--version"],
    ["search", "--limit", "x"], ["search", "--mode", "bogus"], ["search", "--at-ttft", "<2s"],
    ["search", "a", "b"], ["search", "--", "x"], ["search", "--gpu"], ["search", "-qo", "json"],
    ["search", "--json=1"], ["search", "--limit", "1", "--limit", "2"],
    ["search", "--invalid", "--invalid"], ["search", "--unknown"], ["search", "--model", "-x"],
    ["search", "-"], ["show"], ["show", "a", "b"], ["list", "extra"],
    ["--repo", "x", "search"], ["searc"], ["plan", "x"], ["help", "search"], [],
  ])
  func leavesOtherLinesToArgumentParser(_ line: [String]) {
    #expect(QuickParse.request(line) == nil, "\(line)")
  }
}
