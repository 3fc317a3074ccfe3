public import Registry

extension SitePage {
  /// Whether `index.html` inlines every detail document.
  public enum InlineDetails: String, Sendable, CaseIterable {
    /// Inline up to `inlineLimit` recipes; above, the page loads `recipes/<name>.json`.
    case auto
    /// Inline them whatever the registry's size.
    case always
    /// Never inline them: the page loads `recipes/<name>.json` when served over HTTP.
    case never

    /// Whether a registry of `count` recipes gets its documents inlined.
    public func inlines(count: Int) -> Bool {
      self == .always || (self == .auto && count <= SitePage.inlineLimit)
    }
  }

  /// Above this many recipes, `.auto` does not inline detail documents.
  public static let inlineLimit = 2000

  /// Writes `directory/index.html` for an export (`IndexExporter.export`, with the detail
  /// documents kept to inline them), with stored results when `resultsJSON` is given (see
  /// ``html(catalogJSON:metaJSON:documents:resultsJSON:)``).
  /// - Returns: the page's path.
  @discardableResult
  public static func write(
    _ result: IndexExporter.Result, to directory: String, resultsJSON: String? = nil
  ) throws(RegistryError) -> String {
    let page = directory + "/index.html"
    let html = Self.html(
      catalogJSON: result.catalogJSON, metaJSON: result.metaJSON, documents: result.documentJSON,
      resultsJSON: resultsJSON)
    do {
      try IndexExporter.write(html, to: page)
    } catch {
      throw .io("cannot write \(page)")
    }
    return page
  }
}
