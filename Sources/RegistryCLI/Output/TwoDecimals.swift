/// `x` with two decimals (`1.5` → `"1.50"`), without Foundation's formatters.
func fmt(_ x: Double) -> String {
  guard x.isFinite else { return String(x) }
  let r = (x * 100).rounded() / 100
  var s = String(r)
  if let dot = s.firstIndex(of: ".") {
    let decimals = s.distance(from: dot, to: s.endIndex) - 1
    if decimals == 1 { s += "0" }
  } else {
    s += ".00"
  }
  return s
}
