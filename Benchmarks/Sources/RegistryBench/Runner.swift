/// Runs scenarios like hyperfine: warm-up runs, then `runs` timed runs of the registry command
/// and of its reference, interleaved (A, B, A, B…) so that both see the same machine state.
struct Runner {
  var runs: Int
  var warmup: Int

  struct Outcome: Sendable, Codable {
    struct Check: Sendable, Codable {
      var budget: String
      /// nil when the budget cannot be judged (a ratio without a reference).
      var ok: Bool?
    }

    var name: String
    var registry: String
    var registryStats: Stats
    var reference: String?
    var referenceStats: Stats?
    /// registry ÷ reference of each interleaved pair.
    var ratioStats: Stats?
    var checks: [Check]
    var note: String?
  }

  func run(_ s: Scenario) throws -> Outcome {
    func once(_ c: Command, _ prepare: (@Sendable () throws -> Void)?) throws -> Double {
      try prepare?()
      return try ProcessTimer.time(c)
    }
    for _ in 0..<warmup {
      _ = try once(s.registry, s.prepareRegistry)
      if let r = s.reference { _ = try once(r, s.prepareReference) }
    }
    var a: [Double] = [], b: [Double] = [], ratios: [Double] = []
    for _ in 0..<max(1, runs) {
      let ta = try once(s.registry, s.prepareRegistry)
      a.append(ta)
      if let r = s.reference {
        let tb = try once(r, s.prepareReference)
        b.append(tb)
        ratios.append(ta / max(tb, 1e-6))
      }
    }
    let registryStats = Stats(a)
    let referenceStats = s.reference == nil ? nil : Stats(b)
    let checks = s.budgets.map {
      Outcome.Check(budget: $0.description, ok: $0.met(registry: registryStats.median, reference: referenceStats?.median))
    }
    return Outcome(
      name: s.name, registry: s.registry.label, registryStats: registryStats, reference: s.reference?.label,
      referenceStats: referenceStats, ratioStats: s.reference == nil ? nil : Stats(ratios), checks: checks, note: s.note)
  }

  /// The human report of one outcome.
  static func lines(_ o: Outcome) -> [String] {
    func row(_ label: String, _ st: Stats) -> String {
      "  " + Format.padded(label, 58) + " min " + Format.padded(Format.ms(st.min), 7) + " median "
        + Format.padded(Format.ms(st.median), 7) + " max " + Format.ms(st.max) + " ms"
    }
    var out = [o.name, row(o.registry, o.registryStats)]
    if let ref = o.reference, let st = o.referenceStats { out.append(row(ref, st)) }
    if let r = o.ratioStats {
      out.append(
        "  ratio per pair (registry ÷ reference): median \(Format.decimal(r.median))×, "
          + "min \(Format.decimal(r.min))×, max \(Format.decimal(r.max))× over \(r.runs) pairs")
    }
    for c in o.checks {
      let verdict = c.ok.map { $0 ? "ok" : "OVER" } ?? "n/a"
      out.append("  budget \(c.budget): \(verdict)")
    }
    if let note = o.note { out.append("  note: \(note)") }
    return out
  }
}
