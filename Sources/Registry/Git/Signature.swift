/// Who did something and when: name, email, time and time-zone offset.
public struct Signature: Sendable, Hashable {
  /// The person's name.
  public let name: String
  /// The person's email.
  public let email: String
  /// Seconds since the Unix epoch.
  public let time: Int64
  /// Time-zone offset from UTC in minutes (e.g. `120` for +0200).
  public let offsetMinutes: Int

  /// A signature of `name` and `email` at `time` (UTC offset in minutes).
  public init(name: String, email: String, time: Int64, offsetMinutes: Int = 0) {
    self.name = name
    self.email = email
    self.time = time
    self.offsetMinutes = offsetMinutes
  }
}
