import Foundation

/// A fake serving engine for end-to-end tests, installed into a temp `bin` dir that goes first
/// on PATH: `vllm`, `trtllm-serve`, `llama-server`, `rpc-server` (whose listener answers HTTP
/// too, which a TCP probe does not mind), and a `python3` wrapper that handles
/// `-m sglang.launch_server|sglang.bench_serving|sglang_router.launch_router|dynamo.*` and
/// execs the real python3 otherwise.
///
/// Servers record `server-PID-*.json` (argv, env, pid) in `FAKE_RECORD_DIR`, wait
/// `FAKE_START_DELAY` seconds, then (rank 0 only) listen on 127.0.0.1 at `--port` (`--http-port`,
/// else `DYN_SYSTEM_PORT` as a Dynamo worker's health port) and write
/// `listen-PORT.json`; they answer GET /health and /v1/models and POST /v1/completions.
/// Benchmark clients (`vllm bench serve`, `-m sglang.bench_serving`) make one real completion
/// request and record `bench-*.json` with the concurrency they were given; given a result file
/// (`--output-file`, `--result-filename`) they write a result line to it (`completed` =
/// `--num-prompts`; `FAKE_BENCH_COMPLETED`, `FAKE_BENCH_OUTPUT_TOKENS`, `FAKE_BENCH_TTFT_MS`
/// override the counts and the mean TTFT), with the rest of the keys the real tool writes
/// (SGLang's JSON line, vLLM's result), as `registry results add` reads them.
struct FakeEngine {
  let root: URL
  var bin: URL { root.appendingPathComponent("bin") }
  var records: URL { root.appendingPathComponent("records") }

  init() throws {
    root = try Tools.makeTempDir("fake")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
    let real = try Tools.run(["/bin/sh", "-c", "python3 -c 'import sys; print(sys.executable)'"])
    let python = real.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    guard real.status == 0, python.hasPrefix("/") else {
      throw ToolError("no python3: \(real.output)")
    }
    let script = root.appendingPathComponent("fake_engine.py")
    try Tools.write(Self.source, to: script)
    for prog in ["vllm", "trtllm-serve", "llama-server", "rpc-server"] {
      try Tools.write(
        "#!/bin/sh\nexec '\(python)' '\(script.path)' \(prog) \"$@\"\n",
        to: bin.appendingPathComponent(prog), executable: true)
    }
    try Tools.write(
      """
      #!/bin/sh
      case "$1:$2" in
        -m:sglang.launch_server|-m:sglang.bench_serving|-m:sglang_router.launch_router|-m:dynamo.*)
          exec '\(python)' '\(script.path)' python3 "$@" ;;
      esac
      exec '\(python)' "$@"

      """, to: bin.appendingPathComponent("python3"), executable: true)
  }

  /// The environment for running a rendered script with the fake engine first on PATH.
  func environment(runDir: URL, startDelay: Double = 0.8, extra: [String: String] = [:]) -> [String:
    String]
  {
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = bin.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["FAKE_RECORD_DIR"] = records.path
    env["FAKE_START_DELAY"] = String(startDelay)
    env["LAUNCH_RUN_DIR"] = runDir.path
    for (k, v) in extra { env[k] = v }
    return env
  }

  /// One recorded process or benchmark run.
  struct Record: Decodable {
    var kind: String
    var argv: [String]
    var env: [String: String]
    var pid: Int
    var time: Double
    var concurrency: Int?
    var status: Int?
    var port: Int?
    var rank: String?
  }

  func load() throws -> [Record] {
    let files = try FileManager.default.contentsOfDirectory(atPath: records.path)
      .filter { ($0.hasPrefix("server-") || $0.hasPrefix("bench-")) && $0.hasSuffix(".json") }
    return try files.map {
      try JSONDecoder().decode(
        Record.self, from: Data(contentsOf: records.appendingPathComponent($0)))
    }.sorted { $0.time < $1.time }
  }

  /// When the server on `port` started listening, if it did.
  func listenTime(port: Int) -> Double? {
    struct L: Decodable { var time: Double }
    let url = records.appendingPathComponent("listen-\(port).json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(L.self, from: data).time
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  static let source = #"""
    import json, os, signal, sys, time, urllib.request
    from http.server import BaseHTTPRequestHandler, HTTPServer

    prog, args = sys.argv[1], sys.argv[2:]
    rec_dir = os.environ.get("FAKE_RECORD_DIR", ".")

    def opt(name):
        for i, a in enumerate(args):
            if a == name and i + 1 < len(args):
                return args[i + 1]
            if a.startswith(name + "="):
                return a[len(name) + 1:]
        return None

    def record(kind, **extra):
        d = {"kind": kind, "argv": [prog] + args, "env": dict(os.environ), "pid": os.getpid(), "time": time.time()}
        d.update(extra)
        path = os.path.join(rec_dir, "%s-%d-%d.json" % (kind, os.getpid(), time.time_ns()))
        with open(path + ".tmp", "w") as f:
            json.dump(d, f)
        os.replace(path + ".tmp", path)

    bench = (prog == "vllm" and args[:2] == ["bench", "serve"]) or (prog == "python3" and args[:2] == ["-m", "sglang.bench_serving"])
    if bench:
        base = opt("--base-url") or "http://%s:%s" % (opt("--host") or "127.0.0.1", opt("--port"))
        body = json.dumps({"model": opt("--model") or "m", "prompt": "hi", "max_tokens": 1}).encode()
        req = urllib.request.Request(base + "/v1/completions", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            status = r.status
            r.read()
        record("bench", concurrency=int(opt("--max-concurrency")), status=status)
        out_file = opt("--output-file") or opt("--result-filename")
        if out_file:
            n = int(opt("--num-prompts") or "1")
            done = int(os.environ.get("FAKE_BENCH_COMPLETED", n))
            tokens = int(os.environ.get("FAKE_BENCH_OUTPUT_TOKENS", done * int(opt("--random-output-len") or "1")))
            result = {"completed": done, "total_output_tokens": tokens, "mean_ttft_ms": float(os.environ.get("FAKE_BENCH_TTFT_MS", "12.5")), "output_throughput": 1000.0}
            # The rest of each tool's own keys, so 'registry results add' reads the file as it
            # reads the real tool's (sglang/benchmark/serving.py; vllm bench serve).
            conc = int(opt("--max-concurrency"))
            if prog == "python3":
                result.update({"backend": opt("--backend"), "dataset_name": opt("--dataset-name"), "max_concurrency": conc, "random_input_len": int(opt("--random-input-len") or "0"), "random_output_len": int(opt("--random-output-len") or "0"), "duration": 2.0, "request_throughput": done / 2.0, "median_ttft_ms": 11.0, "p99_ttft_ms": 20.0, "mean_e2e_latency_ms": 50.0})
            else:
                result.update({"date": "20261207-120000", "num_prompts": n, "max_concurrency": conc, "request_rate": "inf", "duration": 2.0, "failed": n - done, "median_ttft_ms": 11.0, "mean_e2el_ms": 50.0})
            with open(out_file, "a") as f:
                f.write(json.dumps(result) + "\n")
        print("fake bench: concurrency", opt("--max-concurrency"), "status", status)
        sys.exit(0)

    port = opt("--port") or opt("--http-port") or os.environ.get("DYN_SYSTEM_PORT")
    rank = opt("--node-rank")
    record("server", port=int(port) if port else None, rank=rank)
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    time.sleep(float(os.environ.get("FAKE_START_DELAY", "0.8")))
    if port is None or rank not in (None, "0"):
        while True:
            time.sleep(3600)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def send(self, code, obj):
            b = json.dumps(obj).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(b)))
            self.end_headers()
            self.wfile.write(b)

        def do_GET(self):
            if self.path in ("/health", "/v1/models"):
                self.send(200, {"object": "list", "data": [{"id": opt("--served-model-name") or "m"}]})
            else:
                self.send(404, {})

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path == "/v1/completions":
                self.send(200, {"choices": [{"text": "ok"}], "port": int(port)})
            else:
                self.send(404, {})

    HTTPServer.allow_reuse_address = True
    server = HTTPServer(("127.0.0.1", int(port)), Handler)
    with open(os.path.join(rec_dir, "listen-%s.json" % port), "w") as f:
        json.dump({"port": int(port), "time": time.time()}, f)
    print("fake server listening on 127.0.0.1:%s" % port, flush=True)
    server.serve_forever()
    """#
}
