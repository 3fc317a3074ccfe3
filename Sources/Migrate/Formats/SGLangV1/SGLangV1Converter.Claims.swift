import Schema

extension SGLangV1Converter {
  /// The v2 keys claimed by the commented keys of a v1 source, with their comments and the
  /// index of the claiming key.
  ///
  /// A list while short (comparing a few paths costs less than hashing one), indexed beyond.
  struct Claims {
    struct Claim {
      var path: KeyPath
      var key: YAMLComments
      var value: YAMLComments
      var at: Int
    }

    private var list: [Claim] = []
    private var index: [KeyPath: Int]?

    var isEmpty: Bool { list.isEmpty }

    /// The index of the first claim of `path`.
    func first(_ path: KeyPath) -> Int? {
      if let index { return index[path] }
      for i in list.indices where list[i].path == path { return i }
      return nil
    }

    subscript(i: Int) -> Claim { list[i] }

    /// Adds a claim of a path that has none yet.
    mutating func add(_ path: KeyPath, key: YAMLComments, value: YAMLComments, at: Int) {
      list.append(Claim(path: path, key: key, value: value, at: at))
      if index != nil {
        index![path] = list.count - 1
      } else if list.count > 8 {
        var m: [KeyPath: Int] = [:]
        for (i, c) in list.enumerated() { m[c.path] = i }
        index = m
      }
    }
  }
}
