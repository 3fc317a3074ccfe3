/// Normalises GPU product names to the short lower-case `resources.gpu_type` spelling.
///
/// `NVIDIA H200 141GB` → `h200`, `NVIDIA-GB200` (a `nvidia.com/gpu.product` label) → `gb200`,
/// `NVIDIA GeForce RTX 5090` → `rtx5090`, `NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation
/// Edition` → `rtxpro6000`, `AMD Instinct MI350X` → `mi350x`, `Tesla V100 SXM3 32GB` → `v100`.
package enum GPUName {
  /// Words that name a vendor, a brand or a board variant rather than the GPU model.
  static let noise: Set<String> = [
    "nvidia", "amd", "intel", "geforce", "tesla", "instinct", "quadro", "radeon",
    "pcie", "nvl", "server", "edition", "workstation", "max", "q", "blackwell", "hopper",
    "ampere", "ada", "lovelace", "gpu", "product", "superchip", "oam",
  ]

  /// The short name of a GPU product, or nil when nothing model-like remains.
  ///
  /// Splits at anything that is not a letter or digit, drops vendor and variant words, memory
  /// sizes (`141gb`, `80g`), memory kinds (`hbm3`, `gddr7`) and form factors (`sxm`, `sxm5`),
  /// and joins what is left.
  package static func normalize(_ product: String) -> String? {
    var words: [String] = []
    var current = ""
    for ch in product.lowercased() {
      if ch.isLetter || ch.isNumber, ch.isASCII {
        current.append(ch)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    let kept = words.filter { w in
      if noise.contains(w) { return false }
      if w.hasPrefix("sxm") || w.hasPrefix("hbm") || w.hasPrefix("gddr") { return false }
      if isMemorySize(w) { return false }
      return true
    }
    let joined = kept.joined()
    return joined.isEmpty ? nil : joined
  }

  /// `141gb`, `80g`, `32gb`: digits followed by `g`/`gb`.
  private static func isMemorySize(_ w: String) -> Bool {
    let digits = w.prefix { $0.isNumber }
    guard !digits.isEmpty else { return false }
    let rest = w.dropFirst(digits.count)
    return rest == "gb" || rest == "g" || rest == "gib"
  }
}
