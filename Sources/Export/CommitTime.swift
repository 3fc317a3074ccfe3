import Foundation

/// The times the static index writes: a commit's time (seconds since the epoch) in UTC,
/// ISO 8601 (`2026-12-07T14:45:08Z`).
enum CommitTime {
  static func iso8601(_ seconds: Int64) -> String {
    Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
  }
}
