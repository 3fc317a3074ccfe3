public import Migrate

extension RecipeConversionError: ClassifiedError {
  /// Every conversion failure is ``FailureKind/failed``.
  public var kind: FailureKind { .failed }
}
