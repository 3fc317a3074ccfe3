/// What a reference must point to for a compare-and-swap update to proceed.
package enum ReferenceExpectation: Sendable, Hashable {
  /// No check: create or overwrite.
  case any
  /// The reference must not exist yet (create only).
  case absent
  /// The reference must currently point to this id.
  case value(ObjectID)
}
