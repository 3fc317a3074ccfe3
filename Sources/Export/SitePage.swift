import Foundation

/// The browsable page of `registry site`: one self-contained `index.html` (inline CSS and
/// JS, no network at view time) with the catalog inlined as JSON, so it works from `file://`
/// (where browsers block `fetch` of local files) as well as from any static server.
///
/// The page lists recipes in a table built once and filters by toggling each row's `hidden`
/// attribute (input debounced; at most 200 matching rows displayed until "Show all", and rows
/// off screen skip layout with `content-visibility`, so a filter stays well under 100 ms with
/// 10 000 recipes), by GPU, engine, engine version (`0.5`, `>=0.5,<0.6`), model
/// or name text, topology, status and validity. Filters can be set by URL parameters
/// (`index.html?gpu=gb200&engine=sglang&version=>=0.5&model=qwen&topology=disagg&status=benchmarked&invalid=1&show=all`)
/// and are written back to the URL. `#recipe=NAME` opens the detail view: the recipe, its
/// launch commands by target, its pin history and diagnostics, from inlined documents or,
/// when not inlined and served over HTTP, from `recipes/<name>.json`.
///
/// Recipe content is untrusted: the script inserts data with `textContent` only, and the
/// inlined JSON escapes `<` so it cannot close its `<script>` element.
///
/// The page itself (HTML, CSS and JS) is `Site/index.html`, embedded in the binary by
/// `scripts/embed-resources` (`EmbeddedSite`); this type only puts the data where the page's
/// `@@DATA@@` marker is.
public enum SitePage {
  /// The page's HTML.
  /// - Parameters:
  ///   - catalogJSON: `catalog.json`'s text.
  ///   - metaJSON: `index-meta.json`'s text.
  ///   - documents: each detail document's text, parallel to the catalog's entries, or nil
  ///     to load them from `recipes/` over HTTP (large registries).
  ///   - resultsJSON: stored benchmark results by recipe name (each `{x, y, points, headers,
  ///     rows}`), drawn as a chart and a table in the detail view; nil writes no element (a
  ///     registry without results gets the page it always got).
  public static func html(
    catalogJSON: String, metaJSON: String, documents: [String]?, resultsJSON: String? = nil
  ) -> String {
    let details = documents.map { "[" + $0.map(trimmed).joined(separator: ",") + "]" } ?? "null"
    let parts = template.components(separatedBy: marker)
    precondition(parts.count == 2)
    var out = parts[0]
    out +=
      "<script id=\"catalog-data\" type=\"application/json\">" + scriptSafe(trimmed(catalogJSON))
      + "</script>\n"
    out +=
      "<script id=\"meta-data\" type=\"application/json\">" + scriptSafe(trimmed(metaJSON))
      + "</script>\n"
    out +=
      "<script id=\"detail-data\" type=\"application/json\">" + scriptSafe(details) + "</script>"
    if let resultsJSON {
      out +=
        "\n<script id=\"results-data\" type=\"application/json\">"
        + scriptSafe(trimmed(resultsJSON)) + "</script>"
    }
    out += parts[1]
    return out
  }

  static func trimmed(_ s: String) -> String { s.hasSuffix("\n") ? String(s.dropLast()) : s }

  /// JSON text that cannot end a `<script>` element or open a comment: every `<` (which JSON
  /// only allows inside strings) becomes `\u003c`.
  static func scriptSafe(_ json: String) -> String {
    json.replacingOccurrences(of: "<", with: "\\u003c")
  }

  /// Where the data goes in the page.
  static let marker = "@@DATA@@"

  /// The page's text (`Site/index.html`).
  static var template: String { EmbeddedSite.files["index.html"] ?? "" }
}
