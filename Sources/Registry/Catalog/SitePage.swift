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
public enum SitePage {
  /// The page's HTML.
  /// - Parameters:
  ///   - catalogJSON: `catalog.json`'s text.
  ///   - metaJSON: `index-meta.json`'s text.
  ///   - documents: each detail document's text, parallel to the catalog's entries, or nil
  ///     to load them from `recipes/` over HTTP (large registries).
  public static func html(catalogJSON: String, metaJSON: String, documents: [String]?) -> String {
    let details = documents.map { "[" + $0.map(trimmed).joined(separator: ",") + "]" } ?? "null"
    let parts = template.components(separatedBy: "@@DATA@@")
    precondition(parts.count == 2)
    var out = parts[0]
    out += "<script id=\"catalog-data\" type=\"application/json\">" + scriptSafe(trimmed(catalogJSON)) + "</script>\n"
    out += "<script id=\"meta-data\" type=\"application/json\">" + scriptSafe(trimmed(metaJSON)) + "</script>\n"
    out += "<script id=\"detail-data\" type=\"application/json\">" + scriptSafe(details) + "</script>"
    out += parts[1]
    return out
  }

  static func trimmed(_ s: String) -> String { s.hasSuffix("\n") ? String(s.dropLast()) : s }

  /// JSON text that cannot end a `<script>` element or open a comment: every `<` (which JSON
  /// only allows inside strings) becomes `\u003c`.
  static func scriptSafe(_ json: String) -> String {
    json.replacingOccurrences(of: "<", with: "\\u003c")
  }

  static let template = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Recipe registry</title>
<style>
:root { --fg:#1d2330; --muted:#5b6475; --line:#d9dee7; --bg:#fff; --head:#f3f5f9; --accent:#2456c7; --bad:#b3261e; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color:var(--fg); background:var(--bg); }
header { padding:14px 20px 10px; border-bottom:1px solid var(--line); }
header h1 { margin:0 0 2px; font-size:20px; }
header p { margin:0; color:var(--muted); font-size:12px; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size:12px; }
form#filters { display:flex; flex-wrap:wrap; gap:10px 14px; padding:12px 20px; background:var(--head); border-bottom:1px solid var(--line); align-items:flex-end; }
form#filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); gap:3px; }
form#filters label.check { flex-direction:row; align-items:center; gap:6px; padding-bottom:6px; }
input, select, button { font:inherit; color:inherit; padding:5px 7px; border:1px solid #b9c1cf; border-radius:5px; background:#fff; }
input[type=search] { min-width:190px; }
button { cursor:pointer; }
:focus-visible { outline:2px solid var(--accent); outline-offset:1px; }
#status-line { padding:8px 20px; color:var(--muted); display:flex; gap:16px; align-items:center; }
#show-all { padding:2px 8px; }
main { padding:0 20px 30px; }
#recipes { width:100%; }
.grid-row { display:grid; grid-template-columns:minmax(0,3.2fr) minmax(0,2.4fr) minmax(0,1.4fr) minmax(0,.8fr) minmax(0,.6fr) minmax(0,.8fr) minmax(0,.8fr) minmax(0,1fr); border-bottom:1px solid var(--line); }
.grid-row > div { padding:5px 8px; overflow-wrap:anywhere; }
.grid-head { background:var(--head); position:sticky; top:0; font-weight:600; font-size:12px; z-index:1; }
/* Rows off screen skip layout and paint: filtering 10k rows stays fast. */
#rows > .grid-row { content-visibility:auto; contain-intrinsic-size:auto 31px; }
.grid-row.invalid > div { color:var(--bad); }
.grid-row .name a { color:var(--accent); text-decoration:none; font-weight:500; }
.grid-row .name a:hover { text-decoration:underline; }
#detail table { border-collapse:collapse; width:100%; }
#detail th, #detail td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
#detail th { background:var(--head); font-weight:600; font-size:12px; }
.tag { display:inline-block; padding:0 6px; border-radius:9px; background:#e8edf7; font-size:12px; }
#detail { max-width:1100px; }
#detail h2 { margin:16px 0 4px; }
#detail h3 { margin:20px 0 6px; font-size:15px; }
#detail dl { display:grid; grid-template-columns:max-content 1fr; gap:3px 14px; margin:8px 0; }
#detail dt { color:var(--muted); }
#detail dd { margin:0; }
pre { background:#f6f8fb; border:1px solid var(--line); border-radius:6px; padding:8px 10px; overflow:auto; white-space:pre-wrap; word-break:break-word; }
.muted { color:var(--muted); }
[hidden] { display:none !important; }
#detail:focus { outline:none; }
#detail td { overflow-wrap:anywhere; }
</style>
</head>
<body>
<header>
  <h1>Recipe registry</h1>
  <p id="meta">&nbsp;</p>
</header>
<noscript><p style="padding:20px">This page needs JavaScript; the same data is in catalog.json and recipes/.</p></noscript>
<div id="list-view">
<form id="filters" role="search" aria-label="Filter recipes" onsubmit="return false">
  <label>GPU <select id="f-gpu" name="gpu"><option value="">any</option></select></label>
  <label>Engine <select id="f-engine" name="engine"><option value="">any</option></select></label>
  <label>Engine version <input id="f-version" name="version" type="search" placeholder="0.5 or &gt;=0.5,&lt;0.6" autocomplete="off"></label>
  <label>Model or name <input id="f-model" name="model" type="search" placeholder="deepseek, qwen3…" autocomplete="off"></label>
  <label>Topology <select id="f-topology" name="topology"><option value="">any</option></select></label>
  <label>Status <select id="f-status" name="status"><option value="">any</option></select></label>
  <label class="check"><input id="f-invalid" name="invalid" type="checkbox"> include invalid files</label>
  <button type="button" id="f-reset">Reset</button>
</form>
<div id="status-line"><span id="count" role="status" aria-live="polite"></span><button type="button" id="show-all" hidden>Show all</button><span class="muted">filter time <output id="filter-ms">-</output> ms</span></div>
<main>
<p id="table-note" class="muted" style="margin:4px 0">Recipes; select a name for its details, launch commands and pin history.</p>
<div id="recipes" role="table" aria-label="Recipes" aria-describedby="table-note">
  <div role="rowgroup"><div class="grid-row grid-head" role="row"><div role="columnheader">Name</div><div role="columnheader">Model</div><div role="columnheader">Engine</div><div role="columnheader">GPU</div><div role="columnheader">GPUs</div><div role="columnheader">Topology</div><div role="columnheader">Precision</div><div role="columnheader">Status</div></div></div>
  <div id="rows" role="rowgroup"></div>
</div>
</main>
</div>
<main id="detail" hidden tabindex="-1" aria-live="polite"></main>
@@DATA@@
<script>
"use strict";
(function () {
  const catalog = JSON.parse(document.getElementById("catalog-data").textContent);
  const meta = JSON.parse(document.getElementById("meta-data").textContent);
  const inlineDocs = JSON.parse(document.getElementById("detail-data").textContent);
  const entries = catalog.recipes;
  const $ = (id) => document.getElementById(id);
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  $("meta").textContent = catalog.count + " recipes at commit " + String(catalog.commit).slice(0, 12) +
    " · " + meta.generatedAt + " · index schema " + catalog.indexSchema;

  // Versions: numeric components of the leading dotted number (v0.5.5.post2 -> [0,5,5]).
  function vparts(s) {
    const m = /^v?(\d+(?:\.\d+)*)/.exec(String(s || "").trim());
    return m ? m[1].split(".").map(Number) : null;
  }
  function vcmp(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i] || 0, y = b[i] || 0;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }
  // "0.5" (prefix), or comparators ">=0.5,<0.6", "=0.5.8".
  function versionMatcher(text) {
    text = text.trim();
    if (!text) return null;
    const tests = text.split(",").map((t) => t.trim()).filter(Boolean).map((t) => {
      const m = /^(>=|<=|>|<|=)?\s*(.+)$/.exec(t);
      const op = m[1] || "", want = vparts(m[2]);
      if (!want) return () => false;
      return (v) => {
        if (!v) return false;
        const c = vcmp(v, want);
        switch (op) {
          case ">=": return c >= 0;
          case "<=": return c <= 0;
          case ">": return c > 0;
          case "<": return c < 0;
          case "=": return c === 0;
          default: return want.every((x, i) => v[i] === x);
        }
      };
    });
    return (v) => tests.every((t) => t(v));
  }

  // Build the table once; filtering only toggles `hidden`.
  const tbody = $("rows");
  const rows = new Array(entries.length);
  const keys = new Array(entries.length);
  const frag = document.createDocumentFragment();
  entries.forEach((e, i) => {
    const tr = el("div", null, e.valid ? "grid-row" : "grid-row invalid");
    tr.setAttribute("role", "row");
    tr.dataset.name = e.name;
    const cell = (text, cls) => { const c = el("div", text, cls); c.setAttribute("role", "cell"); return c; };
    const name = cell(null, "name");
    const a = el("a", e.name + (e.valid ? "" : " (invalid)"));
    a.href = "#recipe=" + encodeURIComponent(e.name);
    a.dataset.index = String(i);
    name.appendChild(a);
    tr.appendChild(name);
    tr.appendChild(cell(e.model || "-"));
    tr.appendChild(cell(e.engine ? e.engine + (e.engineVersion ? " " + e.engineVersion : "") : "-"));
    tr.appendChild(cell(e.gpuType || "-"));
    tr.appendChild(cell(e.totalGPUs == null ? "-" : e.totalGPUs));
    tr.appendChild(cell(e.topology || "-"));
    tr.appendChild(cell(e.precision || "-"));
    const st = cell(null);
    st.appendChild(el("span", e.status || "unspecified", "tag"));
    tr.appendChild(st);
    rows[i] = tr;
    keys[i] = {
      gpu: (e.gpuType || "").toLowerCase(), engine: (e.engine || "").toLowerCase(),
      version: vparts(e.engineVersion), text: (e.name + " " + (e.model || "")).toLowerCase(),
      topology: e.topology || "", status: e.status || "unspecified", valid: e.valid,
    };
    frag.appendChild(tr);
  });
  tbody.appendChild(frag);

  function fillSelect(id, values) {
    const sel = $(id);
    [...new Set(values.filter(Boolean))].sort().forEach((v) => sel.appendChild(el("option", v)));
  }
  fillSelect("f-gpu", entries.map((e) => (e.gpuType || "").toLowerCase()));
  fillSelect("f-engine", entries.map((e) => (e.engine || "").toLowerCase()));
  fillSelect("f-topology", entries.map((e) => e.topology));
  fillSelect("f-status", entries.map((e) => e.status || "unspecified"));

  const fields = { gpu: $("f-gpu"), engine: $("f-engine"), version: $("f-version"), model: $("f-model"), topology: $("f-topology"), status: $("f-status") };

  function current() {
    return {
      gpu: fields.gpu.value.toLowerCase(), engine: fields.engine.value.toLowerCase(),
      version: versionMatcher(fields.version.value), model: fields.model.value.trim().toLowerCase(),
      topology: fields.topology.value, status: fields.status.value, invalid: $("f-invalid").checked,
    };
  }

  // At most this many matching rows are displayed until "Show all": style and layout of
  // displayed rows dominate the cost of a filter, so this keeps it flat at any registry size.
  const pageRows = 200;
  let showAll = false;

  function applyFilters() {
    const t0 = performance.now();
    const f = current();
    let shown = 0;
    for (let i = 0; i < rows.length; i++) {
      const k = keys[i];
      const ok = (f.invalid || k.valid) && (!f.gpu || k.gpu === f.gpu) && (!f.engine || k.engine === f.engine) &&
        (!f.version || f.version(k.version)) && (!f.model || k.text.includes(f.model)) &&
        (!f.topology || k.topology === f.topology) && (!f.status || k.status === f.status);
      const visible = ok && (showAll || shown < pageRows);
      if (rows[i].hidden === visible) rows[i].hidden = !visible;
      if (ok) shown++;
    }
    void tbody.offsetHeight; // include style and layout in the measurement
    const ms = performance.now() - t0;
    const capped = !showAll && shown > pageRows;
    $("count").textContent = shown + " of " + rows.length + " recipes match" + (capped ? "; showing the first " + pageRows : "");
    $("show-all").hidden = !capped;
    $("show-all").textContent = "Show all " + shown;
    $("filter-ms").textContent = ms.toFixed(1);
    document.body.dataset.filterMs = ms.toFixed(1);
    document.body.dataset.shown = String(shown);
  }

  function writeURL() {
    const p = new URLSearchParams();
    for (const [k, input] of Object.entries(fields)) if (input.value) p.set(k, input.value);
    if ($("f-invalid").checked) p.set("invalid", "1");
    if (showAll) p.set("show", "all");
    const q = p.toString();
    try { history.replaceState(null, "", (q ? "?" + q : location.pathname) + location.hash); } catch (e) { /* file:// in some browsers */ }
  }

  function readURL() {
    const p = new URLSearchParams(location.search);
    for (const [k, input] of Object.entries(fields)) {
      const v = p.get(k);
      if (v === null) continue;
      if (input.tagName === "SELECT") {
        const want = k === "gpu" || k === "engine" ? v.toLowerCase() : v;
        if (![...input.options].some((o) => o.value === want)) input.appendChild(el("option", want));
        input.value = want;
      } else {
        input.value = v;
      }
    }
    $("f-invalid").checked = p.get("invalid") === "1" || p.get("invalid") === "true";
    showAll = p.get("show") === "all";
  }

  let timer = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => { applyFilters(); writeURL(); }, 120);
  }
  for (const input of Object.values(fields)) input.addEventListener(input.tagName === "SELECT" ? "change" : "input", schedule);
  $("f-invalid").addEventListener("change", schedule);
  $("f-reset").addEventListener("click", () => {
    for (const input of Object.values(fields)) input.value = "";
    $("f-invalid").checked = false;
    showAll = false;
    applyFilters(); writeURL();
  });
  $("show-all").addEventListener("click", () => {
    showAll = true;
    applyFilters(); writeURL();
  });

  // Detail view.
  const byName = new Map();
  entries.forEach((e, i) => { if (!byName.has(e.name)) byName.set(e.name, i); });

  function section(parent, title) {
    parent.appendChild(el("h3", title));
  }
  function dl(parent, pairs) {
    const d = el("dl");
    for (const [k, v] of pairs) {
      if (v === undefined || v === null || v === "") continue;
      d.appendChild(el("dt", k));
      d.appendChild(el("dd", v));
    }
    parent.appendChild(d);
  }

  function renderDetail(i, doc, note) {
    const e = entries[i];
    const box = $("detail");
    box.replaceChildren();
    const back = el("a", "← All recipes");
    back.href = "#";
    box.appendChild(back);
    box.appendChild(el("h2", e.name));
    dl(box, [["Model", e.model], ["Engine", e.engine], ["Engine version", e.engineVersion], ["Image", e.image],
      ["GPU", e.gpuType], ["GPUs per node", e.gpusPerNode], ["Total GPUs", e.totalGPUs], ["Nodes", e.nodes],
      ["Topology", e.topology], ["Precision", e.precision], ["Status", e.status || "unspecified"],
      ["Format", e.format], ["Valid", e.valid ? "yes" : "no"], ["Path", e.path], ["Blob", e.blob],
      ["Commit", catalog.commit]]);
    if (!doc) {
      box.appendChild(el("p", note || "Loading…", "muted"));
      return;
    }
    section(box, "Launch");
    const launch = doc.launch || {};
    const targets = Object.keys(launch).sort((a, b) => (a === "engine" ? -1 : b === "engine" ? 1 : a < b ? -1 : 1));
    if (!targets.length) box.appendChild(el("p", "No launch targets.", "muted"));
    for (const t of targets) {
      const target = launch[t];
      if (target.kind === "commands") {
        box.appendChild(el("p", "Engine command line per role (" + t + "):"));
        for (const r of target.roles || []) {
          box.appendChild(el("div", r.role, "tag"));
          box.appendChild(el("pre", r.command));
        }
      } else {
        const p = el("p", t + ": ");
        p.appendChild(el("code", target.command));
        box.appendChild(p);
        if (target.text) box.appendChild(el("pre", target.text));
      }
    }
    section(box, "Pin history");
    const h = doc.history;
    if (!h) {
      box.appendChild(el("p", "Not exported (built with --no-history).", "muted"));
    } else {
      const table = el("table");
      const head = el("tr");
      ["Date", "Commit", "Change", "Engine version", "Image", "Author", "Subject"].forEach((c) => head.appendChild(el("th", c)));
      table.appendChild(head);
      for (const c of h.changes) {
        const tr = el("tr");
        [c.date, String(c.commit).slice(0, 12), c.change, c.engineVersion || "-", c.image || "-", c.author, c.subject].forEach((v) => tr.appendChild(el("td", v)));
        table.appendChild(tr);
      }
      box.appendChild(table);
      box.appendChild(el("p", h.examined + " commit(s) touching the file examined" + (h.truncated ? " (limit reached; older changes not shown)" : "") + ".", "muted"));
    }
    if (doc.diagnostics && doc.diagnostics.length) {
      section(box, "Diagnostics");
      const ul = el("ul");
      for (const d of doc.diagnostics) {
        const where = d.location ? d.location.file + ":" + d.location.line + ":" + d.location.column + ": " : "";
        ul.appendChild(el("li", where + d.severity + ": " + d.message + (d.hint ? " (" + d.hint + ")" : "")));
      }
      box.appendChild(ul);
    }
    if (doc.provenance) {
      section(box, "Provenance");
      box.appendChild(el("pre", JSON.stringify(doc.provenance, null, 2)));
    }
    section(box, doc.recipe ? "Recipe (v2)" : "Recipe (source, " + e.format + ")");
    box.appendChild(el("pre", JSON.stringify(doc.recipe || doc.source, null, 2)));
  }

  function route() {
    const m = /^#recipe=(.*)$/.exec(location.hash);
    const i = m ? byName.get(decodeURIComponent(m[1])) : undefined;
    const detail = $("detail");
    if (i === undefined) {
      detail.hidden = true;
      $("list-view").hidden = false;
      return;
    }
    $("list-view").hidden = true;
    detail.hidden = false;
    if (inlineDocs) {
      renderDetail(i, inlineDocs[i]);
    } else if (location.protocol === "file:") {
      renderDetail(i, null, "The detail documents are not inlined for a registry this large; serve the folder (python3 -m http.server) or open " + catalog.documents[i] + ".");
    } else {
      renderDetail(i, null);
      fetch(catalog.documents[i]).then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then((doc) => renderDetail(i, doc))
        .catch((err) => renderDetail(i, null, "Could not load " + catalog.documents[i] + ": " + err.message));
    }
    detail.focus();
  }
  window.addEventListener("hashchange", route);

  void tbody.offsetHeight; // first layout of the full table, before the timed filter
  readURL();
  applyFilters();
  // ?bench=N: re-apply the filters from the URL N times, each after clearing them, and record
  // the median time (for tests on loaded machines, where one sample is noisy).
  const bench = Number(new URLSearchParams(location.search).get("bench") || 0);
  if (bench > 0) {
    const wanted = Object.fromEntries(Object.entries(fields).map(([k, input]) => [k, input.value]));
    const samples = [];
    for (let n = 0; n < bench; n++) {
      for (const input of Object.values(fields)) input.value = "";
      applyFilters();
      for (const [k, input] of Object.entries(fields)) input.value = wanted[k];
      applyFilters();
      samples.push(Number($("filter-ms").textContent));
    }
    samples.sort((a, b) => a - b);
    document.body.dataset.filterMsSamples = samples.join(",");
    document.body.dataset.filterMsMedian = String(samples[Math.floor(samples.length / 2)]);
  }
  route();
  document.body.dataset.ready = "1";
})();
</script>
</body>
</html>
"""#
}
