/// One figure: the registry command and its reference, run alternately, each after its own
/// (untimed) preparation, held to its budgets.
struct Scenario: Sendable {
  var name: String
  var registry: Command
  var reference: Command?
  /// Runs before each timed run of the registry command (not timed): e.g. removes the index
  /// cache for a cold figure, or commits one file for the reindex figure.
  var prepareRegistry: (@Sendable () throws -> Void)?
  var prepareReference: (@Sendable () throws -> Void)?
  var budgets: [Budget] = []
  /// Said under the figure (what the budget covers, what differs from the budget's setting).
  var note: String?
}
