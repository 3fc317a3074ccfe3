import Testing

@testable import Schema

@Suite struct ParserSmokeTests {
  @Test func marksCountBytesForOffsets() throws {
    let src = "a: \"é—x\"  # note\nb: 2\n"
    let doc = try YAML.parse(src)
    let b = try #require(doc.root["b"])
    #expect(b.start.line == 2)
    #expect(b.start.column == 4)
    let bytes = Array(src.utf8)
    #expect(bytes[b.start.offset] == UInt8(ascii: "2"))
    let a = try #require(doc.root["a"])
    #expect(a.comments.trailing == " note")
    #expect(String(decoding: bytes[a.start.offset..<a.end.offset], as: UTF8.self) == "\"é—x\"")
  }

  @Test func roundTrip() throws {
    let src = """
      # head
      name: "recipe"   # the name
      model:
        path: deepseek-ai/DeepSeek-R1
        precision: "fp8"
      list: [1, 2, "3"]
      env:
        # c1
        A: "1"
      cmd: |
        vllm serve x \\
          --port 8000
      items:
        - a: 1
          b: 2
        - plain
      # tail
      """
    let doc = try YAML.parse(src)
    let out = YAMLEmitter.emit(doc)
    print(out)
    let again = try YAML.parse(out)
    #expect(again.root == doc.root)
    #expect(out.contains("# the name"))
    #expect(out.contains("# c1"))
    #expect(out.contains("# tail"))
  }
}
