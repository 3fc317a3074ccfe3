import Engines
import Foundation
import Migrate
import Schema
import TestSupport
import Testing

@Suite("dynamo converter")
struct DynamoConverterTests {
  let converter = DynamoConverter()

  static var corpusFiles: [String] {
    Corpus.manifest().filter { $0.kind == "dynamo-dgd" && $0.isPresent }.map(\.file)
  }

  @Test("every Dynamo deploy.yaml converts, re-encodes and verifies back", .requiresCorpus)
  func corpus() throws {
    let files = Self.corpusFiles
    #expect(files.count >= 15)
    for file in files {
      let docs = try YAML.parseStream(try Corpus.bytes(file))
      let conv = converter.toV2(docs, file: file)
      #expect(!conv.diagnostics.hasErrors, "\(file): \(conv.diagnostics.map(\.description))")
      guard let recipe = conv.value, let decoded = ConverterCheck.reencodes(recipe, file) else {
        continue
      }
      #expect(
        !recipe.model.path.isEmpty && !recipe.model.path.hasPrefix("$"),
        "\(file): model \(recipe.model.path)")
      let losses = ConverterCheck.verifies(decoded, through: converter, file)
      #expect(losses.isEmpty, "\(file): \(losses)")
      // extra documents come back in place
      let out = try #require(converter.fromV2(decoded).value)
      #expect(out.count == docs.count, "\(file)")
      for (a, b) in zip(docs, out) where a.root["kind"]?.scalar != "DynamoGraphDeployment" {
        #expect(a.root == b.root, "\(file)")
      }
    }
  }

  @Test("the embedded Dynamo recipes convert without errors")
  func embedded() throws {
    let root = PackageRoot.path("registry/recipes")
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter
    { $0.hasSuffix(".yaml") }
    var count = 0
    for rel in files {
      guard let docs = try? YAML.parseStream(try Fixtures.bytes(root + "/" + rel)),
        RecipeFormat.detect(documents: docs).format == .dynamo
      else { continue }
      count += 1
      let conv = converter.toV2(docs, file: rel)
      #expect(!conv.diagnostics.hasErrors, "\(rel): \(conv.diagnostics.map(\.description))")
      if let r = conv.value, let d = ConverterCheck.reencodes(r, rel) {
        #expect(ConverterCheck.verifies(d, through: converter, rel).isEmpty)
        #expect(r.resources?.gpuType != nil, "\(rel): node selector gives the GPU type")
      }
    }
    #expect(count >= 4)
  }

  static let disagg = """
    apiVersion: nvidia.com/v1alpha1
    kind: DynamoGraphDeployment
    metadata:
      name: r1-disagg
    spec:
      backendFramework: sglang
      envs:
        - name: HF_HOME
          value: /models
      services:
        Frontend:
          componentType: frontend
          replicas: 1
          extraPodSpec:
            mainContainer:
              image: nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.8.0
        prefill:
          componentType: worker
          subComponentType: prefill
          replicas: 2
          multinode:
            nodeCount: 2
          resources:
            limits:
              gpu: "8"
          extraPodSpec:
            nodeSelector:
              nvidia.com/gpu.product: NVIDIA-H200
            mainContainer:
              image: nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.8.0
              command: [python3, -m, dynamo.sglang]
              args:
                - --model-path
                - deepseek-ai/DeepSeek-R1
                - --tp
                - "16"
                - --pp-size
                - "2"
                - --disaggregation-mode
                - prefill
                - --trust-remote-code
        decode:
          componentType: worker
          subComponentType: decode
          replicas: 1
          resources:
            limits:
              gpu: "8"
          extraPodSpec:
            mainContainer:
              image: nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.8.0
              command: [/bin/sh, -c]
              args:
                - "ulimit -l unlimited && exec python3 -m dynamo.sglang --model-path ${MODEL_PATH} --tp 8 --dp 8 --enable-dp-attention --disaggregation-mode decode --trust-remote-code"
              env:
                - name: MODEL_PATH
                  value: deepseek-ai/DeepSeek-R1
                - name: POD_UID
                  valueFrom: {fieldRef: {fieldPath: metadata.uid}}
    """

  @Test("disaggregated: roles, placements, named fields, common and role args, env, versions")
  func disaggregated() throws {
    let conv = converter.toV2(try ForeignRoundTrip.documents(Self.disagg), file: "d.yaml")
    #expect(!conv.diagnostics.hasErrors, "\(conv.diagnostics)")
    let r = try #require(conv.value)
    #expect(r.name == "r1-disagg")
    #expect(
      r.engine
        == .init(
          name: .sglang, version: nil, image: "nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.8.0"))
    #expect(r.launcher?.tools[.dynamo]?["dynamo_version"]?.scalar == "0.8.0")
    #expect(r.model.path == "deepseek-ai/DeepSeek-R1")
    #expect(r.resources == .init(gpuType: "h200", gpusPerNode: 8))
    #expect(r.topology.roles[.prefill] == .init(nodes: 4, workers: 2, gpusPerWorker: 16))
    #expect(r.topology.roles[.decode] == .init(nodes: 1, workers: 1, gpusPerWorker: 8))
    #expect(r.args == [.init("trust-remote-code", .bool(true))])
    #expect(r.env == [.init("HF_HOME", "/models")])
    let prefill = r.resolved(role: .prefill)
    let decode = r.resolved(role: .decode)
    #expect(prefill.serving.tensorParallelSize == 16)
    #expect(prefill.serving.pipelineParallelSize == 2)
    #expect(decode.serving.tensorParallelSize == 8)
    #expect(decode.serving.dataParallelSize == 8)
    #expect(decode.serving.pipelineParallelSize == nil)
    #expect(decode.args.contains(.init("enable-dp-attention", .bool(true))))
    #expect(
      decode.env == [.init("HF_HOME", "/models"), .init("MODEL_PATH", "deepseek-ai/DeepSeek-R1")])
    // SGLang pipeline parallel is --pp-size, never --dp
    let flags = EngineInvocation.build(r, role: .prefill).flags
    #expect(flags.contains("--pp-size") && !flags.contains("--dp") && !flags.contains("--dp-size"))
    #expect(ConverterCheck.verifies(r, through: converter, "disagg").isEmpty)
    // export keeps the source spelling, quotes numbers, keeps the script around the command
    let out = try #require(converter.fromV2(r).value?.first?.root)
    let pArgs =
      (out["spec"]?["services"]?["prefill"]?["extraPodSpec"]?["mainContainer"]?["args"]?.sequence
        ?? [])
    #expect(
      pArgs.compactMap(\.scalar).starts(with: [
        "--model-path", "deepseek-ai/DeepSeek-R1", "--tp", "16", "--pp-size", "2",
      ]))
    #expect(pArgs[3].scalarStyle != .plain)
    let script =
      out["spec"]?["services"]?["decode"]?["extraPodSpec"]?["mainContainer"]?["args"]?.sequence?
      .first?.scalar ?? ""
    #expect(
      script.hasPrefix(
        "ulimit -l unlimited && exec python3 -m dynamo.sglang --model-path \"${MODEL_PATH}\" --tp 8 --dp 8"
      ))
    let env =
      out["spec"]?["services"]?["decode"]?["extraPodSpec"]?["mainContainer"]?["env"]?.sequence ?? []
    #expect(env.contains { $0["valueFrom"] != nil })
    #expect(
      out["spec"]?["services"]?["Frontend"]?["extraPodSpec"]?["mainContainer"]?["image"] != nil)
  }

  @Test("a multi-document DGD keeps its ConfigMap through a round trip")
  func configMap() throws {
    let text = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: llm-config
      data:
        config.yaml: |
          tensor_parallel_size: 4
          moe_config:
            backend: CUTLASS
      ---
      apiVersion: nvidia.com/v1alpha1
      kind: DynamoGraphDeployment
      metadata:
        name: agg
      spec:
        backendFramework: trtllm
        services:
          Frontend:
            componentType: frontend
          TrtllmWorker:
            componentType: worker
            replicas: 1
            resources:
              limits:
                gpu: "4"
            extraPodSpec:
              mainContainer:
                image: nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.0.0
                command: [/bin/sh, -c]
                args:
                  - |
                    python3 -m dynamo.trtllm \\
                      --model-path "${MODEL_PATH}" \\
                      --extra-engine-args "${ENGINE_ARGS}" \\
                      --tensor-parallel-size 4
                env:
                  - name: MODEL_PATH
                    value: openai/gpt-oss-120b
                  - name: ENGINE_ARGS
                    value: /opt/dynamo/configs/config.yaml
      """
    let docs = try ForeignRoundTrip.documents(text)
    let r = try #require(converter.toV2(docs, file: "cm.yaml").value)
    #expect(r.engine.name == .trtllm)
    #expect(r.model.path == "openai/gpt-oss-120b")
    #expect(r.args.contains(.init("extra-engine-args", .string("${ENGINE_ARGS}"))))
    #expect(
      r.launcher?.tools[.dynamo]?["documents"]?.sequence?.first?["kind"]?.scalar == "ConfigMap")
    let back = try #require(converter.fromV2(r).value)
    #expect(back.count == 2)
    #expect(back[0].root == docs[0].root)
    #expect(back[1].root["kind"]?.scalar == "DynamoGraphDeployment")
    let emitted = YAMLEmitter.emitStream(back)
    #expect(emitted.contains("moe_config"))
    #expect(ConverterCheck.verifies(r, through: converter, "cm").isEmpty)
  }

  @Test("an unparseable worker script is kept verbatim and reported as a warning")
  func unparsed() throws {
    let text = """
      apiVersion: nvidia.com/v1alpha1
      kind: DynamoGraphDeployment
      metadata: {name: odd}
      spec:
        backendFramework: vllm
        services:
          VllmWorker:
            componentType: worker
            extraPodSpec:
              mainContainer:
                image: nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.0.0
                command: [/bin/sh, -c]
                args: ["./start.sh --model org/m"]
                env:
                  - {name: MODEL_PATH, value: org/m}
      """
    let conv = converter.toV2(try ForeignRoundTrip.documents(text), file: "odd.yaml")
    let w = try #require(conv.diagnostics.first { $0.code == "unparsed-command" })
    #expect(w.severity == .warning)
    #expect(w.location?.line == 13)
    let r = try #require(conv.value)
    let out = try #require(converter.fromV2(r).value?.first?.root)
    #expect(
      out["spec"]?["services"]?["VllmWorker"]?["extraPodSpec"]?["mainContainer"]?["args"]?.sequence?
        .first?.scalar == "./start.sh --model org/m")
  }

  @Test(
    "loss report: benchmark, variants, engine version not in the image, gpu type without a selector"
  )
  func losses() throws {
    let r = RecipeV2(
      name: "x", model: .init(path: "org/m"),
      engine: .init(name: .vllm, version: "0.11.0", image: "vllm/vllm-openai:v0.10.2"),
      resources: .init(gpuType: "h100"),
      topology: .aggregated(.init(nodes: 1, workers: 2, gpusPerWorker: 4)),
      serving: .init(tensorParallelSize: 4), benchmark: .init(tool: "sa-bench"),
      variants: [.init(name: "v", override: .mapping([]))])
    let out = converter.fromV2(r)
    #expect(
      Set(out.losses.map(\.path.description)) == [
        "engine.version", "resources.gpu_type", "benchmark", "variants",
      ])
    let root = try #require(out.value?.first?.root)
    let w = try #require(root["spec"]?["services"]?["VllmWorker"])
    #expect(w["replicas"]?.scalar == "2")
    #expect(w["resources"]?["limits"]?["gpu"]?.scalar == "4")
    #expect(
      w["extraPodSpec"]?["mainContainer"]?["args"]?.sequence?.compactMap(\.scalar) == [
        "--model", "org/m", "--tensor-parallel-size", "4",
      ])
  }

  @Test("a named-field recipe exports to a DGD that verifies")
  func fromNamedField() throws {
    let text = """
      model: {huggingface: org/m}
      engine:
        llm:
          tensor_parallel_size: 2
          vllm:
            image: "vllm/vllm-openai:v0.17.0"
            extra_args: "--kv-cache-dtype fp8 --enable-prefix-caching"
      """
    let r = try #require(
      NamedFieldConverter().toV2(try ForeignRoundTrip.documents(text), file: "n/recipe.yaml").value)
    let losses = ConverterCheck.verifies(r, through: converter, "nf→dgd")
    #expect(losses.isEmpty, "\(losses)")
  }
}
