import Foundation

/// Number formatting of the report.
enum Format {
  static func decimal(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

  /// Milliseconds with one decimal under 1000, none above.
  static func ms(_ x: Double) -> String { x >= 1000 ? String(format: "%.0f", x) : String(format: "%.1f", x) }

  static func padded(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}
