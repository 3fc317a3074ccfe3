public import Schema

/// The serving engines the registry knows about (defined in `Schema` as `EngineName`).
public typealias Engine = EngineName
