internal import Engines
import Schema

extension SGLangV1Import {
  // MARK: - Engine flags per role

  /// The engine flags of each role (by index in the topology's roles), as written: the config
  /// entries, and the flags not placed yet.
  struct RoleFlags {
    var entries: [[YAMLPair]]
    var flags: [[Flag]]

    /// Whether flag `a` of role `r` and flag `b` of role `s` are written alike.
    func same(_ r: Int, _ a: Flag, _ s: Int, _ b: Flag) -> Bool {
      SGLangV1Import.same(a, in: entries[r], b, in: entries[s])
    }
  }

  /// The config entries of each role, every flag not placed yet.
  func roleFlags(_ roles: [RecipeV2.Role]) -> RoleFlags {
    let entries: [[YAMLPair]] = roles.map { role in
      guard let v1role = V1Role(rawValue: role.rawValue), let cfg = v1.backend.configs[v1role]
      else { return [] }
      return cfg.source?.mapping ?? cfg.flags.map { YAMLPair($0.name, $0.value) }
    }
    let flags: [[Flag]] = entries.map { e in
      var f: [Flag] = []
      f.reserveCapacity(e.count)
      for i in e.indices { if let name = e[i].key.scalar { f.append(Flag(name: name, at: i)) } }
      return f
    }
    return RoleFlags(entries: entries, flags: flags)
  }

  /// served-model-name → model.served_name when every role says the same.
  mutating func takeServedName(_ rf: inout RoleFlags, into model: inout RecipeV2.Model) {
    let servedKey = "served-model-name"
    let served = rf.flags.map { $0.first { NamedFieldFlags.normalize($0.name) == servedKey } }
    if let first = served.first ?? nil,
      served.indices.allSatisfy({ r in served[r].map { rf.same(r, $0, 0, first) } ?? false }),
      case .string(let s)? = rf.entries[0][first.at].value.resolved
    {
      model.servedName = s
      hints.servedNameFlag = first.name
      for r in rf.flags.indices { rf.flags[r].removeAll { $0.name == first.name } }
    }
  }

  // MARK: - Named fields

  /// Named fields, per role (one spelling per field in the whole recipe): in `serving` when
  /// every role has the same, else in each role's.
  mutating func takeNamedFields(
    _ rf: inout RoleFlags, engine: EngineName, roles: [RecipeV2.Role]
  ) -> (serving: RecipeV2.Serving, roles: [RecipeV2.Role: RecipeV2.RoleConfig]) {
    let fields = Self.fieldTable[engine]
    var named: [[NamedField: Flag]] = Array(repeating: [:], count: roles.count)
    for r in rf.flags.indices {
      var found: [NamedField: [Flag]] = [:]
      for item in rf.flags[r] {
        guard let f = fields?[NamedFieldFlags.normalize(item.name)],
          NamedFieldFlags.flags(for: f, engine: engine).form == .value
        else { continue }
        found[f, default: []].append(item)
      }
      var taken: Set<String> = []
      for (f, items) in found where items.count == 1 {
        let item = items[0]
        guard Self.namedValue(rf.entries[r][item.at].value, f) != nil else { continue }
        if let known = spellings.first(where: { $0.field == f }) {
          if known.flag != item.name { continue }
        } else {
          spellings.append(.init(f, item.name))
        }
        named[r][f] = item
        taken.insert(item.name)
      }
      if !taken.isEmpty { rf.flags[r].removeAll { taken.contains($0.name) } }
    }
    spellings.sort {
      NamedField.allCases.firstIndex(of: $0.field)! < NamedField.allCases.firstIndex(of: $1.field)!
    }
    var serving = RecipeV2.Serving()
    var roleConfigs: [RecipeV2.Role: RecipeV2.RoleConfig] = [:]
    for f in NamedField.allCases {
      let items = named.map { $0[f] }
      if let first = items.first ?? nil,
        items.indices.allSatisfy({ r in items[r].map { rf.same(r, $0, 0, first) } ?? false })
      {
        Self.set(&serving, f, rf.entries[0][first.at].value)
      } else {
        for (r, role) in roles.enumerated() {
          if let item = items[r] {
            Self.set(&roleConfigs[role, default: .init()].serving, f, rf.entries[r][item.at].value)
          }
        }
      }
    }
    return (serving, roleConfigs)
  }

  // MARK: - Args

  /// Args: common when every role has the same flag, value and comments; the rest in each
  /// role's.
  func takeArgs(
    _ rf: RoleFlags, roles: [RecipeV2.Role],
    into roleConfigs: inout [RecipeV2.Role: RecipeV2.RoleConfig]
  ) -> [RecipeV2.EngineArg] {
    var common: [RecipeV2.EngineArg] = []
    let flags = rf.flags
    if !roles.isEmpty {
      for item in flags[0]
      where flags.indices.allSatisfy({ r in flags[r].contains { rf.same(r, $0, 0, item) } }) {
        common.append(
          RecipeV2.EngineArg(item.name, SGLangV1Values.argValue(rf.entries[0][item.at].value)))
      }
      for (r, role) in roles.enumerated() {
        let own = flags[r].filter { item in !common.contains { $0.flag == item.name } }
        roleConfigs[role, default: .init()].args = own.map {
          RecipeV2.EngineArg($0.name, SGLangV1Values.argValue(rf.entries[r][$0.at].value))
        }
      }
    }
    return common
  }

  // MARK: - Environment

  /// The environment: the top-level one (roles keep theirs), or what every role has alike.
  mutating func environment(
    _ roles: [RecipeV2.Role], into roleConfigs: inout [RecipeV2.Role: RecipeV2.RoleConfig]
  ) -> [RecipeV2.EnvVar] {
    var env: [RecipeV2.EnvVar] = []
    let envs: [[Item]?] = roles.map { r in
      guard let v1role = V1Role(rawValue: r.rawValue), let e = v1.backend.environments[v1role]
      else { return nil }
      let pairs = e.source?.mapping ?? []
      return e.variables.map { v in
        let p = pairs.first { $0.key.scalar == v.name }
        return Item(
          name: v.name, node: p?.value ?? .string(v.value), key: p?.key.comments ?? .init(),
          value: p?.value.comments ?? .init())
      }
    }
    func text(_ i: Item) -> String { i.node.scalar ?? "" }
    if let top = v1.environment {
      hints.topLevelEnvironment = true
      env = top.variables.map { RecipeV2.EnvVar($0.name, $0.value) }
      for (r, role) in roles.enumerated() {
        roleConfigs[role, default: .init()].env = (envs[r] ?? []).map {
          RecipeV2.EnvVar($0.name, text($0))
        }
      }
    } else if !roles.isEmpty {
      let shared = (envs[0] ?? []).filter { item in
        envs.allSatisfy { $0?.contains { $0.same(item) } ?? false }
      }
      env = shared.map { RecipeV2.EnvVar($0.name, text($0)) }
      for (r, role) in roles.enumerated() {
        roleConfigs[role, default: .init()].env = (envs[r] ?? []).filter { item in
          !shared.contains { $0.name == item.name }
        }
        .map { RecipeV2.EnvVar($0.name, text($0)) }
      }
    }
    return env
  }
}
