extension RecipeV2 {
  /// Details an exporter needs to write the source format back byte-for-byte-ish; never read
  /// by launchers.
  public struct Roundtrip: Sendable, Hashable {
    /// The layout variant of the source (v1: `proposal` or `backend`).
    public var layout: String?
    /// The original flag of each named field (`tensor_parallel_size: tp-size`), in order.
    public var flagSpellings: [FlagSpelling]
    /// The source's top-level key order.
    public var keyOrder: [String]
    /// Anything else (a mapping), kept as written.
    public var extra: YAMLNode?

    /// Roundtrip details; all empty by default.
    public init(
      layout: String? = nil, flagSpellings: [FlagSpelling] = [], keyOrder: [String] = [],
      extra: YAMLNode? = nil
    ) {
      self.layout = layout
      self.flagSpellings = flagSpellings
      self.keyOrder = keyOrder
      self.extra = extra
    }

    /// A named field and the flag the source spelled it with.
    public struct FlagSpelling: Sendable, Hashable {
      /// The named field.
      public var field: NamedField
      /// The flag the source wrote it as.
      public var flag: String

      /// `field` spelled `flag` in the source.
      public init(_ field: NamedField, _ flag: String) {
        self.field = field
        self.flag = flag
      }
    }
  }
}
