internal import Engines
internal import Migrate

/// Bash fragments shared by the shell and SLURM renderers.
enum BashSupport {
  /// `log`, `die`, `probe` (curl, else bash `/dev/tcp`) and `wait_ready`.
  ///
  /// `wait_ready NAME HOST PORT PATH TIMEOUT INTERVAL` polls until the endpoint answers 200
  /// (an empty PATH: until the port accepts a TCP connection, for llama.cpp's `rpc-server`),
  /// fails early when the process (`PID_OF[NAME]`) died, and fails with the log tail
  /// (`LOG_OF[NAME]`) on timeout. `LAUNCH_NO_CURL=1` forces the `/dev/tcp` probe.
  static let functions = #"""
    log() { printf 'launch: %s\n' "$*" >&2; }
    die() { log "error: $*"; exit 1; }

    # probe HOST PORT PATH: succeeds when GET http://HOST:PORT/PATH answers 200; with an
    # empty PATH, when HOST:PORT accepts a TCP connection.
    probe() {
      if [[ -z $3 ]]; then
        (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
      elif [[ -z ${LAUNCH_NO_CURL:-} ]] && command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null --max-time 5 "http://$1:$2$3" 2>/dev/null
      else
        (
          exec 3<>"/dev/tcp/$1/$2" || exit 1
          printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$3" "$1" "$2" >&3
          IFS= read -r -t 5 status <&3 || exit 1
          [[ $status == "HTTP/1."[01]" 200"* ]]
        ) 2>/dev/null
      fi
    }

    show_log() {
      local f=${LOG_OF[$1]:-}
      if [[ -n $f && -f $f ]]; then
        log "last lines of $f:"
        tail -n 40 "$f" >&2 || true
      fi
    }

    # wait_ready NAME HOST PORT PATH TIMEOUT_SECONDS INTERVAL_SECONDS
    wait_ready() {
      local name=$1 url="http://$2:$3$4" deadline=$((SECONDS + $5))
      [[ -n $4 ]] || url="tcp://$2:$3"
      log "waiting for $name at $url (timeout $5 s)"
      until probe "$2" "$3" "$4"; do
        if ! kill -0 "${PID_OF[$name]}" 2>/dev/null; then
          show_log "$name"
          die "$name exited before it was ready"
        fi
        if ((SECONDS >= deadline)); then
          show_log "$name"
          die "$name not ready at $url after $5 s"
        fi
        sleep "$6"
      done
      log "$name ready"
    }

    # check_result LABEL FILE EXPECTED [KEY max|min LIMIT]...: fails with a message when the
    # result file is missing, a request failed (fewer than EXPECTED completed; 0: unknown),
    # no output token was generated, or a threshold is missed.
    check_result() {
      local label=$1 file=$2 msg
      shift 2
      [[ -s $file ]] || die "benchmark $label: no result file $file"
      msg=$(awk '
        function num(key,   s) {
          if (!match(text, "\"" key "\"[ \t\n]*:[ \t\n]*-?[0-9][0-9.eE+-]*")) return ""
          s = substr(text, RSTART, RLENGTH)
          sub(/^[^:]*:[ \t\n]*/, "", s)
          return s
        }
        BEGIN { n = ARGC - 1; for (i = 1; i <= n; i++) a[i] = ARGV[i]; ARGC = 1 }
        { text = text $0 "\n" }
        END {
          done = num("completed"); out = num("total_output_tokens"); failed = num("failed")
          if (done == "" || out == "") { print "the result has no completed or total_output_tokens"; exit 1 }
          bad = ""
          if (failed != "" && failed + 0 > 0) bad = bad "; " (failed + 0) " requests failed"
          else if (a[1] + 0 > 0 && done + 0 < a[1] + 0) bad = bad "; " (a[1] - done) " of " a[1] " requests failed"
          if (out + 0 <= 0) bad = bad "; zero output tokens"
          for (i = 2; i + 2 <= n; i += 3) {
            v = num(a[i])
            if (v == "") bad = bad "; " a[i] " is not in the result"
            else if (a[i + 1] == "max" && v + 0 > a[i + 2] + 0) bad = bad "; " a[i] " = " v " is above the threshold " a[i + 2]
            else if (a[i + 1] == "min" && v + 0 < a[i + 2] + 0) bad = bad "; " a[i] " = " v " is below the threshold " a[i + 2]
          }
          if (bad != "") { print substr(bad, 3); exit 1 }
          print done " requests, " out " output tokens"
        }' "$@" <"$file") || die "benchmark $label failed: $msg (result: $file)"
      log "benchmark $label: $msg"
    }
    """#

  /// The benchmark runs, one per concurrency, each in a subshell in the run dir (in
  /// `$RUN_DIR/benchmark` when the tool writes a result file there) with the
  /// step's env, logged to `$RUN_DIR/logs/benchmark-cC.log`; a run that fails stops the script.
  /// When the tool writes a result file, `check_result` checks it (requests, output tokens,
  /// thresholds) and the results stay in `$RUN_DIR/benchmark/`.
  ///
  /// - Parameters:
  ///   - word: an argv word as bash text (quoted, node placeholders filled in).
  ///   - run: the command that runs the tool at one concurrency in its container (an `srun`
  ///     step, `docker run`), up to its redirections; nil for a subshell on this machine.
  static func benchmark(
    _ b: BenchmarkStep, word: (String) -> String, run: ((Int) -> String)? = nil
  ) -> String {
    var s = ""
    if b.resultFileFlag != nil { s += "mkdir -p \"$RUN_DIR/benchmark\"\n" }
    for c in b.concurrencies {
      let log = "\"$RUN_DIR/logs/benchmark-c\(c).log\""
      s += "log \"benchmark: concurrency \(c)\"\n"
      let result = "\"$RUN_DIR\"/benchmark/" + ShellQuote.quote(b.resultFile(concurrency: c))
      if b.resultFileFlag != nil { s += "rm -f \(result)\n" }
      if let run {
        s += run(c)
      } else {
        let dir = b.resultFileFlag != nil ? "\"$RUN_DIR/benchmark\"" : "\"$RUN_DIR\""
        s += "(\n  cd \(dir)\n" + exports(b.env, indent: "  ")
        s += "  exec \(b.argv(concurrency: c).map(word).joined(separator: " "))\n"
        s += ") </dev/null 2>&1"
      }
      s += " | tee \(log) ||\n"
      s +=
        "  die \"benchmark: the run at concurrency \(c) failed; log: $RUN_DIR/logs/benchmark-c\(c).log\"\n"
      if b.resultFileFlag != nil {
        var args = ["c\(c)", result, String(b.prompts(concurrency: c) ?? 0)]
        for t in b.thresholds {
          args += [ShellQuote.quote(t.key), t.isMinimum ? "min" : "max", number(t.limit)]
        }
        s += "check_result \(args.joined(separator: " "))\n"
      }
    }
    s += "log \"benchmark done\"\n"
    return s
  }

  /// Where the benchmark runs inside its container when the tool writes a result file: the
  /// run directory's mount point plus `/benchmark` (`/logs/benchmark`); nil when it writes none
  /// (the container's own working directory serves) or the run directory is not mounted.
  static func benchmarkDirectory(_ b: BenchmarkStep, in c: ProcessContainer) -> String? {
    guard b.resultFileFlag != nil,
      let mount = c.mounts.first(where: { $0.source == "$RUN_DIR" })
    else { return nil }
    return mount.target + "/benchmark"
  }

  /// The lines (inside a process's subshell, before its `exec`) that write its config file
  /// into `dir` (bash text: `"$RUN_DIR"/config`, or nil for a fresh temp dir on the node that
  /// runs it) and set `LAUNCH_CONFIG` to its path; empty without a config file.
  static func configFile(_ p: LaunchProcess, dir: String?, indent: String) -> String {
    guard let f = p.configFile else { return "" }
    let directory = dir ?? "\"$(mktemp -d \"${TMPDIR:-/tmp}/launch-config.XXXXXX\")\""
    return "\(indent)LAUNCH_CONFIG=\(directory)/\(ShellQuote.quote(f.name))\n"
      + "\(indent)mkdir -p \"${LAUNCH_CONFIG%/*}\"\n"
      + "\(indent)printf '%s' \(ShellQuote.quote(f.text)) >\"$LAUNCH_CONFIG\"\n"
  }

  /// An argv word as bash text: the config file placeholder becomes `"$LAUNCH_CONFIG"`,
  /// anything else goes through `quote`.
  static func word(_ word: String, quote: (String) -> String) -> String {
    word == ProcessConfigFile.placeholder ? "\"$LAUNCH_CONFIG\"" : quote(word)
  }

  /// A limit as awk reads it (`2000`, `0.5`).
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  /// A number of seconds as `sleep` takes it (`2`, `0.5`).
  static func seconds(_ value: Double) -> String {
    let v = max(0.01, value)
    if v == v.rounded() { return String(Int(v)) }
    let millis = Int((v * 1000).rounded())
    var frac = String(millis % 1000)
    while frac.count < 3 { frac = "0" + frac }
    while frac.hasSuffix("0") { frac.removeLast() }
    return "\(millis / 1000).\(frac)"
  }

  /// `export NAME=VALUE` lines, values quoted.
  static func exports(
    _ env: [EnvVar], indent: String = "", quote: (String) -> String = ShellQuote.quote
  ) -> String {
    env.map { "\(indent)export \($0.name)=\(quote($0.value))\n" }.joined()
  }
}
