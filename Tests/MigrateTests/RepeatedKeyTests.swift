import Migrate
import Schema
import Testing

/// A key written twice in one mapping: PyYAML keeps the last one, so for formats whose own
/// tool reads with PyYAML it is a warning naming both places; v2 keeps it an error.
@Suite struct RepeatedKeyTests {
  static let v1 = """
    name: fx-repeated
    model:
      path: deepseek-ai/DeepSeek-R1
      precision: fp8
    resources:
      gpu_type: gb200
      gpus_per_node: 4
      agg_nodes: 1
      agg_workers: 1
    backend:
      sglang_config:
        aggregated:
          moe-runner-backend: triton
          tensor-parallel-size: 4
          moe-runner-backend: flashinfer_trtllm
          compilation-config: '{"a": 1}'
          compilation-config: '{"a": 2}'

    """

  @Test func parserKeepsTheFirstPlaceAndTheLastValue() throws {
    let docs = try YAML.parseStream(Array("a: 1\nb: 2\na: 3\na: 4\n".utf8), repeatedKeys: true)
    let pairs = try #require(docs.first?.root.mapping)
    #expect(pairs.map { "\($0.key.scalar!)=\($0.value.scalar!)" } == ["a=4", "b=2"])
    #expect(
      docs[0].repeatedKeys.map { "\($0.key) \($0.mark) \($0.first)" } == ["a 3:1 1:1", "a 4:1 1:1"])
    #expect(throws: YAMLError.self) { try YAML.parseStream(Array("a: 1\na: 3\n".utf8)) }
  }

  @Test func v1ValidatesWithWarningsNamingBothPlaces() throws {
    let report = ValidateFrontend.validate(bytes: Array(Self.v1.utf8), file: "r.yaml")
    #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
    let repeats = report.diagnostics.filter { $0.code == "repeated-key" }
    #expect(repeats.map(\.severity) == [.warning, .warning])
    #expect(
      repeats.map { "\($0.location!) \($0.related!)" } == [
        "r.yaml:15:7 r.yaml:13:7", "r.yaml:17:7 r.yaml:16:7",
      ])
    #expect(repeats[0].message.contains("r.yaml:13:7"))
  }

  @Test func v1ConvertsWithTheLastValue() throws {
    let out = ConvertFrontend.convert(bytes: Array(Self.v1.utf8), file: "r.yaml", to: .v2)
    #expect(out.succeeded, "\(out.diagnostics)")
    #expect(out.diagnostics.filter { $0.code == "repeated-key" }.count == 2)
    #expect(
      out.text.contains("moe-runner-backend: flashinfer_trtllm") && !out.text.contains("triton"))
    #expect(
      out.text.contains(#"compilation-config: "{\"a\": 2}""#) && !out.text.contains(#"{\"a\": 1}"#))
  }

  /// The registry's read path (index, lint, show, publish) reads a file as `validate` does.
  @Test func readerWarnsForV1AndKeepsV2AnError() throws {
    let read = RecipeReader.read(Array(Self.v1.utf8), file: "r.yaml")
    #expect(read.isValid, "\(read.diagnostics)")
    #expect(read.format == .sglangV1)
    #expect(
      read.diagnostics.filter { $0.code == "repeated-key" }.map(\.severity) == [
        .warning, .warning,
      ])
    let index = RecipeReader.read(Array(Self.v1.utf8), file: "r.yaml", comments: false)
    #expect(index.isValid && index.summary.name == "fx-repeated", "\(index.diagnostics)")
    let v2 = RecipeReader.read(Array("schema: v2\nname: x\nname: y\n".utf8), file: "r.yaml")
    #expect(!v2.isValid)
    #expect(v2.diagnostics.map(\.code) == ["duplicate-key"])
  }

  @Test func v2KeepsItAnError() throws {
    let v2 = "schema: v2\nname: x\nname: y\n"
    let report = ValidateFrontend.validate(bytes: Array(v2.utf8), file: "r.yaml")
    #expect(report.diagnostics.map(\.code) == ["duplicate-key"])
    #expect(report.diagnostics.first?.severity == .error)
    let out = ConvertFrontend.convert(bytes: Array(v2.utf8), file: "r.yaml", to: .sglangV1)
    #expect(out.diagnostics.map(\.code) == ["duplicate-key"])
  }
}
