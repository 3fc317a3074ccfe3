internal import Schema

/// Where each worker of a recipe runs when its GPUs per node are known: srt-slurm's
/// `allocate_endpoints` (srtctl `core/topology.py`). Roles are packed in order (prefill,
/// decode, aggregated) over one node list: a worker needing a node or more starts on a node
/// boundary and takes whole nodes; smaller workers are packed onto the current node from the
/// next free GPU. Decode moves to a fresh node when prefill left one partly used and more
/// nodes remain; a role with `nodes: 0` therefore shares the last node, on the GPUs after
/// the other role's.
struct WorkerPacking: Sendable, Equatable {
  /// One worker's place: its first node, how many nodes it spans, and its pinned GPU ids
  /// (nil for whole-node workers, which take every GPU of each node).
  struct Slot: Sendable, Equatable {
    var node: Int
    var nodeCount: Int
    var gpuIDs: [Int]?
  }

  /// Slots per role, in worker order.
  var slots: [RecipeV2.Role: [Slot]]
  /// GPUs per node the packing assumed.
  var gpusPerNode: Int

  /// Packs `recipe`'s workers, or nil when its GPUs per node are unknown, a role's GPUs per
  /// worker cannot be told, or the workers do not fit the recipe's nodes (the planner then
  /// spreads them per role and reports what does not fit).
  init?(_ recipe: RecipeV2) {
    guard let gpn = recipe.gpusPerNode, gpn > 0 else { return nil }
    let roles = recipe.topology.roleNames
    let available = max(1, roles.reduce(0) { $0 + (recipe.topology.roles[$1]?.nodes ?? 1) })
    var node = 0
    var offset = 0
    var slots: [RecipeV2.Role: [Slot]] = [:]
    var previousGPUs: Int?
    for role in roles {
      guard let placement = recipe.topology.roles[role] else { return nil }
      let workers = max(1, placement.workers)
      let gpus: Int
      if let given = placement.gpusPerWorker {
        gpus = given
      } else if placement.nodes > 0 {
        gpus = placement.nodes * gpn / workers
      } else {
        gpus = previousGPUs ?? gpn
      }
      guard gpus > 0 else { return nil }
      previousGPUs = gpus
      // srtctl keeps prefill and decode apart when a fresh node remains.
      if role == .decode, offset > 0, node + 1 < available {
        node += 1
        offset = 0
      }
      var placed: [Slot] = []
      for _ in 0..<workers {
        if gpus >= gpn {
          let span = (gpus + gpn - 1) / gpn
          placed.append(Slot(node: node, nodeCount: span, gpuIDs: nil))
          node += span
        } else {
          if offset + gpus > gpn {
            node += 1
            offset = 0
          }
          placed.append(Slot(node: node, nodeCount: 1, gpuIDs: Array(offset..<(offset + gpus))))
          offset += gpus
          if offset >= gpn {
            node += 1
            offset = 0
          }
        }
        guard let last = placed.last, last.node + last.nodeCount <= available else { return nil }
      }
      slots[role] = placed
    }
    self.slots = slots
    self.gpusPerNode = gpn
  }

  /// The GPUs of `slot` as the plan states them: every GPU of each node, or the pinned ids.
  func allocation(_ slot: Slot) -> GPUAllocation {
    slot.gpuIDs.map { GPUAllocation(ids: $0) } ?? GPUAllocation(count: gpusPerNode)
  }
}
