import Engines
import Foundation
import Migrate
import Schema
import TestSupport
import Testing

@Suite("named-field converter")
struct NamedFieldConverterTests {
  let converter = NamedFieldConverter()

  func importing(_ text: String, file: String = "t/recipe.yaml") throws -> Conversion<RecipeV2> {
    converter.toV2(try ForeignRoundTrip.documents(text), file: file)
  }

  static var corpusFiles: [String] {
    Corpus.manifest().filter { $0.kind == "named-field" && $0.isPresent }.map(\.file)
      .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
  }

  @Test("every deplodock recipe.yaml converts, re-encodes and verifies back", .requiresCorpus)
  func corpus() throws {
    let files = Self.corpusFiles
    #expect(files.count >= 20)
    for file in files {
      let docs = try YAML.parseStream(try Corpus.bytes(file))
      let conv = converter.toV2(docs, file: file)
      if docs.first?.root["model"] == nil {
        // Command-only experiments (benchmark scripts) configure no model: one exact error.
        #expect(
          conv.diagnostics.filter { $0.severity == .error }.map(\.code) == ["missing-key"],
          "\(file)")
        continue
      }
      #expect(!conv.diagnostics.hasErrors, "\(file): \(conv.diagnostics.map(\.description))")
      guard let recipe = conv.value else { continue }
      guard let decoded = ConverterCheck.reencodes(recipe, file) else { continue }
      let losses = ConverterCheck.verifies(decoded, through: converter, file)
      #expect(losses.isEmpty, "\(file): \(losses)")
    }
  }

  @Test("the embedded named-field recipes convert without errors")
  func embedded() throws {
    let root = PackageRoot.path("registry/recipes")
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter
    { $0.hasSuffix(".yaml") }
    var count = 0
    for rel in files {
      let bytes = try Fixtures.bytes(root + "/" + rel)
      guard let docs = try? YAML.parseStream(bytes),
        RecipeFormat.detect(documents: docs).format == .namedField
      else { continue }
      count += 1
      let conv = converter.toV2(docs, file: rel)
      #expect(!conv.diagnostics.hasErrors, "\(rel): \(conv.diagnostics.map(\.description))")
      if let r = conv.value, let d = ConverterCheck.reencodes(r, rel) {
        #expect(ConverterCheck.verifies(d, through: converter, rel).isEmpty)
        #expect(r.resources?.gpuType != nil, "\(rel): deploy.gpu gives the GPU type")
      }
    }
    #expect(count >= 5)
  }

  @Test(
    "the ban lists every offender, in --flag value and --flag=value forms, at the extra_args scalar"
  )
  func ban() throws {
    let text = """
      model:
        huggingface: org/m
      engine:
        llm:
          tensor_parallel_size: 2
          vllm:
            image: vllm/vllm-openai:v0.17.0
            extra_args: "--kv-cache-dtype fp8 --tensor-parallel-size=4 --max-num-seqs 8 --port=9000 --trust-remote-code --served-model-name 'x y' --model m"
      """
    let conv = try importing(text)
    let errors = conv.diagnostics.filter { $0.severity == .error }
    #expect(conv.value == nil)
    try #require(errors.count == 1)
    let e = errors[0]
    #expect(e.code == "named-field-in-args")
    #expect(e.location == Schema.SourceLocation(file: "t/recipe.yaml", line: 8, column: 19))
    #expect(e.path == "engine.llm.vllm.extra_args")
    for flag in [
      "'--tensor-parallel-size'", "'--max-num-seqs'", "'--port'", "'--trust-remote-code'",
      "'--served-model-name'", "'--model'",
    ] {
      #expect(e.message.contains(flag), "\(flag) missing from \(e.message)")
    }
    #expect(!e.message.contains("kv-cache-dtype"))
  }

  @Test("SGLang ban uses SGLang spellings: --tp, --dp, --pp-size, --model-path")
  func sglangBan() throws {
    let text = """
      model: {huggingface: org/m}
      engine:
        llm:
          sglang:
            extra_args: "--tp 8 --pp-size=2 --dp 2 --model-path /m --mem-fraction-static 0.8 --enable-dp-attention"
      """
    let e = try #require(try importing(text).diagnostics.first { $0.severity == .error })
    #expect(
      e.message.contains("'--tp', '--pp-size', '--dp', '--model-path', '--mem-fraction-static'"))
  }

  @Test("extra_args become args: --flag value, --flag=value, bare, repeated, quoted JSON")
  func extraArgs() throws {
    let text = """
      model: {huggingface: org/m}
      engine:
        llm:
          vllm:
            extra_args: "--kv-cache-dtype fp8 --chat-template-content-format=string --enable-prefix-caching --lora m1 --lora m2 --speculative-config '{\\"method\\":\\"mtp\\"}'"
      """
    let r = try #require(try importing(text).value)
    #expect(
      r.args == [
        .init("kv-cache-dtype", .string("fp8")),
        .init("chat-template-content-format", .string("string")),
        .init("enable-prefix-caching", .bool(true)),
        .init("lora", .list([.string("m1"), .string("m2")])),
        .init("speculative-config", .string(#"{"method":"mtp"}"#)),
      ])
    #expect(ConverterCheck.verifies(r, through: converter, "extra").isEmpty)
  }

  @Test(
    "sglang takes priority over vllm; version from the image tag; pipeline parallel is --pp-size")
  func sglangPriority() throws {
    let text = """
      model: {huggingface: org/m}
      engine:
        llm:
          tensor_parallel_size: 4
          pipeline_parallel_size: 2
          vllm: {image: "vllm/vllm-openai:v0.17.0"}
          sglang: {image: "lmsysorg/sglang:v0.5.9-cu130", extra_args: "--quantization fp8"}
      """
    let conv = try importing(text)
    let r = try #require(conv.value)
    #expect(r.engine.name == .sglang)
    #expect(r.engine.version == "0.5.9")
    #expect(r.launcher?.tools[.deplodock]?["unmapped"]?["engine"]?["llm"]?["vllm"] != nil)
    let flags = EngineInvocation.build(r, role: .aggregated).flags
    #expect(flags.contains("--pp-size"))
    #expect(flags[flags.firstIndex(of: "--pp-size")! + 1] == "2")
    #expect(!flags.contains("--dp") && !flags.contains("--dp-size"))
    // the inactive vllm block comes back on export
    let out = try #require(converter.fromV2(r).value?.first?.root)
    #expect(out["engine"]?["llm"]?["vllm"]?["image"]?.scalar == "vllm/vllm-openai:v0.17.0")
    #expect(out["engine"]?["llm"]?["sglang"]?["extra_args"]?.scalar == "--quantization fp8")
  }

  @Test("variants deep-merge per seed 001 through v2 variants")
  func variants() throws {
    let text = """
      model: {huggingface: org/m}
      engine:
        llm:
          tensor_parallel_size: 8
          context_length: 16384
          vllm:
            image: "vllm/vllm-openai:v0.17.0"
            extra_args: "--kv-cache-dtype fp8 --block-size 16"
      variants:
        8xH100:
          gpu: "NVIDIA H100 80GB HBM3"
          engine:
            llm:
              max_concurrent_requests: 256
        eager:
          engine:
            llm:
              vllm:
                extra_args: "--enforce-eager --block-size 32"
        8xH200: {}
      """
    let r = try #require(try importing(text).value)
    #expect(r.variantNames == ["8xH100", "eager", "8xH200"])
    let h100 = try r.applying(variant: "8xH100")
    #expect(h100.serving.tensorParallelSize == 8)
    #expect(h100.serving.contextLength == 16384)
    #expect(h100.serving.maxConcurrentRequests == 256)
    #expect(h100.engine.image == "vllm/vllm-openai:v0.17.0")
    #expect(h100.args == r.args)
    #expect(h100.resources?.gpuType == "h100")
    // an extra_args string is replaced as a whole, not merged
    let eager = try r.applying(variant: "eager")
    #expect(eager.args == [.init("block-size", .int(32)), .init("enforce-eager", .bool(true))])
    #expect(try r.applying(variant: "8xH200").args == r.args)
    #expect(ConverterCheck.verifies(r, through: converter, "variants").isEmpty)
    // the exported variants still merge the same way
    let back = try #require(converter.toV2(converter.fromV2(r).value!, file: "x").value)
    #expect(try back.applying(variant: "eager").args == eager.args)
    #expect(try back.applying(variant: "8xH100").serving == h100.serving)
  }

  @Test("matrices are kept verbatim and name the GPU when they agree")
  func matrices() throws {
    let text = """
      model: {huggingface: org/m}
      engine: {llm: {vllm: {image: "vllm/vllm-openai:v0.17.0"}}}
      matrices:
        - deploy.gpu: "NVIDIA H200 141GB"
          deploy.gpu_count: 1
        - deploy.gpu: "NVIDIA H200 141GB"
          engine.llm.max_concurrent_requests: [8, 16]
      """
    let r = try #require(try importing(text).value)
    #expect(r.resources?.gpuType == "h200")
    let m = try #require(r.launcher?.tools[.deplodock]?["matrices"])
    #expect(m.sequence?.count == 2)
    let out = try #require(converter.fromV2(r).value?.first?.root)
    #expect(out["matrices"] == m)
  }

  @Test("loss report: disaggregated, role overrides, expert parallel, trust-remote-code, trtllm")
  func losses() throws {
    var r = RecipeV2(
      name: "x", model: .init(path: "org/m"),
      engine: .init(name: .sglang, image: "lmsysorg/sglang:v0.5.9"),
      topology: .disaggregated(
        prefill: .init(nodes: 1, workers: 1), decode: .init(nodes: 1, workers: 1)),
      serving: .init(tensorParallelSize: 8, expertParallelSize: 8),
      args: [.init("trust-remote-code", .bool(true)), .init("kv-cache-dtype", .string("fp8"))],
      roles: [.decode: .init(args: [.init("cuda-graph-max-bs", .int(64))])])
    let out = converter.fromV2(r)
    let paths = Set(out.losses.map(\.path.description))
    #expect(
      paths == [
        "topology", "roles.decode", "serving.expert_parallel_size", "args.trust-remote-code",
      ])
    let root = try #require(out.value?.first?.root)
    #expect(root["engine"]?["llm"]?["sglang"]?["extra_args"]?.scalar == "--kv-cache-dtype fp8")
    r.engine = .init(name: .trtllm)
    let t = converter.fromV2(r)
    #expect(t.value == nil)
    #expect(t.losses.map(\.path.description) == ["engine.name"])
  }

  @Test("comments on mapped keys are carried to their v2 keys")
  func comments() throws {
    let text = """
      model:
        huggingface: org/m
      engine:
        llm:
          # two GPUs
          tensor_parallel_size: 2
          vllm:
            image: "vllm/vllm-openai:v0.17.0"   # pinned
      """
    let conv = try importing(text)
    let tp = try #require(conv.comments.first { $0.path == "serving.tensor_parallel_size" })
    #expect(tp.keyComments.before.joined().contains("two GPUs"))
    #expect(conv.comments.contains { $0.path == "engine.image" })
  }

  @Test("GPU names normalise to gpu_type spellings")
  func gpuNames() {
    #expect(GPUName.normalize("NVIDIA H200 141GB") == "h200")
    #expect(GPUName.normalize("NVIDIA-GB200") == "gb200")
    #expect(GPUName.normalize("NVIDIA B200") == "b200")
    #expect(GPUName.normalize("NVIDIA GeForce RTX 5090") == "rtx5090")
    #expect(
      GPUName.normalize("NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition") == "rtxpro6000")
    #expect(GPUName.normalize("AMD Instinct MI350X") == "mi350x")
    #expect(GPUName.normalize("NVIDIA Tesla V100 SXM3 32GB") == "v100")
    #expect(GPUName.normalize("NVIDIA H100 80GB HBM3") == "h100")
    #expect(GPUName.normalize("NVIDIA") == nil)
  }
}
