internal import Engines
internal import Migrate

/// Bash fragments shared by the shell and SLURM renderers.
enum BashSupport {
  /// `log`, `die`, `probe` (curl, else bash `/dev/tcp`) and `wait_ready`.
  ///
  /// `wait_ready NAME HOST PORT PATH TIMEOUT INTERVAL` polls until the endpoint answers 200,
  /// fails early when the process (`PID_OF[NAME]`) died, and fails with the log tail
  /// (`LOG_OF[NAME]`) on timeout. `LAUNCH_NO_CURL=1` forces the `/dev/tcp` probe.
  static let functions = #"""
    log() { printf 'launch: %s\n' "$*" >&2; }
    die() { log "error: $*"; exit 1; }

    # probe HOST PORT PATH: succeeds when GET http://HOST:PORT/PATH answers 200.
    probe() {
      if [[ -z ${LAUNCH_NO_CURL:-} ]] && command -v curl >/dev/null 2>&1; then
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
    """#

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
  static func exports(_ env: [EnvVar], indent: String = "") -> String {
    env.map { "\(indent)export \($0.name)=\(ShellQuote.quote($0.value))\n" }.joined()
  }
}
