/// Collects per-reference rejections reported by a push callback.
final class PushRejection {
  var reasons: [String] = []
}
