/// A configured remote: its name and fetch URL.
public struct Remote: Sendable, Hashable {
  /// The remote name, e.g. `origin`.
  public let name: String
  /// The fetch URL.
  public let url: String

  /// A remote `name` at `url`.
  public init(name: String, url: String) {
    self.name = name
    self.url = url
  }
}
