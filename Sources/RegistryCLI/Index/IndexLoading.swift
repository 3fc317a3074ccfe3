import Foundation
import Registry
import Synchronization

/// Loads the index of a registry at a rev, with a progress line on stderr when it takes
/// more than a second (a cold build).
enum IndexLoading {
  static func load(_ registry: RecipeRegistry, rev: String, terminal: Terminal) throws
    -> RegistryIndex
  {
    let start = ContinuousClock.now
    let shown = Atomic<Bool>(false)
    let t = terminal
    do {
      let index = try registry.index(at: rev) { done, total in
        guard ContinuousClock.now - start > .seconds(1) else { return }
        shown.store(true, ordering: .relaxed)
        t.progress("indexing \(done)/\(total) recipes…")
      }
      if shown.load(ordering: .relaxed) { t.endProgress() }
      return index
    } catch {
      if shown.load(ordering: .relaxed) { t.endProgress() }
      throw error
    }
  }
}
