/* selfassess charts: a radar (spider) chart as an SVG string. Pure: no DOM, so the form, the
   partnership page and node tests can all use it. Lines stay distinguishable without colour
   (dash pattern and marker shape per line), and the SVG uses attributes only, never style="",
   so a page with a strict Content-Security-Policy can insert it. Pages show the same figures
   as a table: the chart is a picture of that table, not a replacement for it. Each line's
   colour, dash and marker come from the page's palette data (core/palette.py, which the PDF
   draws with too); this file holds no colours of its own. */
(function (root) {
  "use strict";
  const PLAIN = { colour: null, dash: "", marker: "circle" };
  const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  // escapeXml, exported under that name.
  const esc = (text) => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
  const num = (x) => Math.round(x * 10) / 10;
  const xy = (p) => num(p[0]) + "," + num(p[1]);
  const SVG = '<svg xmlns="http://www.w3.org/2000/svg" ';

  /** chart_parts.wrap_text's twin (tests/vectors/charts/labels.json): greedy lines of at most
      `max` code points (the "u" flag, as Python's len), a word longer than a line cut with "-",
      "…" ending the last of `most` lines when text is left over. Each match is one line: the
      longest run that ends at a space or the end, else a cut. Spaces are Python's str.split's
      less U+001C-U+001F and U+0085 (JS's \s less U+FEFF): the same set in both. */
  function wrap(text, max, most) {
    max = Math.max(max, 4);
    const line = "(.{1," + max + "})(?: |$)|(.{" + (max - 1) + "})";
    const lines = [...String(text).split(/[^\S\ufeff]+/).filter(Boolean).join(" ").matchAll(new RegExp(line, "gu"))].map((m) => m[1] || m[2] + "-");
    // A kept line never ends in a space, and one under `max` has nothing to cut: always cut.
    if (lines.length > most) lines.splice(most - 1, 1e9, [...lines[most - 1]].slice(0, max - 1).join("").trimEnd() + "…");
    return lines.length ? lines : [""];
  }

  /** How axis i of n anchors its label, centred near straight up or down (|cos| < 0.2), else
      away from the chart: chart_parts.label_anchor's twin (tests/vectors/charts/labels.json). */
  function labelAnchor(n, i) {
    const dx = radarPoint(n, i, 1, [0, 0], 100)[0];
    return Math.abs(dx) < 0.2 ? "middle" : dx > 0 ? "start" : "end";
  }

  /** Where a value sits on axis i of n (the first straight up, then clockwise), 100 being
      `radius` from centre c: chart_parts.radar_point's twin (tests/vectors/charts). */
  function radarPoint(n, i, value, c, radius) {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n, r = (radius * value) / 100;
    return [c[0] + r * Math.cos(angle), c[1] + r * Math.sin(angle)];
  }

  /** A marker as core/palette.py draws it: a polygon from `corners`, "open-" ones hollow. */
  function marker(style, corners, x, y) {
    const r = 5, shape = style.marker.replace("open-", ""), paint = shape === style.marker ? "" : ' fill="#fff"';
    const at = (p) => xy([x + p[0] * r, y + p[1] * r]);
    if (shape === "circle") return '<circle cx="' + num(x) + '" cy="' + num(y) + '" r="' + r + '"' + paint + "/>";
    if (corners && corners[shape]) return '<polygon points="' + corners[shape].map(at).join(" ") + '"' + paint + "/>";
    const d = shape === "plus" ? [[-1.2, 0], [1.2, 0], [0, -1.2], [0, 1.2]] : [[-1.2, -1.2], [1.2, 1.2], [-1.2, 1.2], [1.2, -1.2]];
    return '<path fill="none" d="M' + at(d[0]) + "L" + at(d[1]) + "M" + at(d[2]) + "L" + at(d[3]) + '"/>';
  }

  const dashOf = (style) => (style.dash ? ' stroke-dasharray="' + esc(style.dash) + '"' : "");

  /**
   * o, the options: {axes: [label...], series: [{values: [0-100 or null per axis], style?}],
   *           rings: [40, 60, 80, 100], title, description, id, corners?}
   * `style` is {colour, dash, marker} from the palette data, `corners` its marker corners; a
   * series without a style (or colour) is drawn solid, with circles, in currentColor. A null value leaves a gap in its
   * line: no score is not the same as a score of 0.
   */
  function radar(o) {
    const axes = o.axes, n = axes.length, radius = 165, cx = 320, cy = 250,
      rings = o.rings || [20, 40, 60, 80, 100], id = esc(o.id || "radar"),
      point = (i, value) => radarPoint(n, i, value, [cx, cy], radius);
    let out = SVG + 'class="radar" viewBox="0 0 640 490" role="img" aria-labelledby="' +
      id + '-title ' + id + '-desc" font-size="15" fill="currentColor"><title id="' + id + '-title">' +
      esc(o.title || "Radar chart") + '</title><desc id="' + id + '-desc">' + esc(o.description || "") +
      '</desc><g fill="none" stroke="currentColor" stroke-opacity="0.4">';
    for (const value of rings) out += '<polygon points="' + axes.map((_, i) => xy(point(i, value))).join(" ") + '"/>';
    axes.forEach((_, i) => (out += '<path d="M' + cx + "," + cy + "L" + xy(point(i, 100)) + '"/>'));
    out += '</g><g font-size="12">';
    for (const value of rings) out += '<text x="' + (cx + 4) + '" y="' + num(cy - (radius * value) / 100 - 3) + '">' + value + "</text>";
    out += "</g><g>";
    axes.forEach((label, i) => {
      const at = point(i, 100 * 1.1), lines = wrap(label, 16, 3), last = lines.length - 1;
      // Labels above the centre grow upwards, below it downwards, beside it around the axis.
      const top = at[1] - (at[1] < cy - 1 ? last * 17 : at[1] > cy + 1 ? -10 : last * 8.5);
      out += '<text y="' + num(top) + '" text-anchor="' + labelAnchor(n, i) + '">' + lines.map((line, k) =>
        '<tspan x="' + num(at[0]) + '" dy="' + (k ? 17 : 0) + '">' + esc(line) + "</tspan>").join("") + "</text>";
    });
    out += "</g>";
    o.series.forEach((series, s) => {
      const pts = series.values.map((v, i) => (v === null || v === undefined ? null : point(i, v)));
      const whole = pts.every(Boolean);
      let d = whole ? "M" + pts.map(xy).join("L") + "Z" : "";
      if (!whole) pts.forEach((p, i) => { const next = pts[(i + 1) % n]; if (p && next && (n > 2 || i + 1 < n)) d += "M" + xy(p) + "L" + xy(next); });
      const style = series.style || PLAIN, colour = style.colour ? esc(style.colour) : "currentColor";
      out += '<g class="radar-series radar-series-' + s + '" stroke="' + colour + '" fill="' + colour + '" stroke-width="2.5">' +
        (whole && o.series.length < 2 ? '<path d="' + d + '" fill-opacity="0.12" stroke="none"/>' : "") +
        '<path d="' + d + '" fill="none"' + dashOf(style) + "/>" + pts.map((p) => (p ? marker(style, o.corners, p[0], p[1]) : "")).join("") + "</g>";
    });
    return out + "</svg>";
  }

  /** A small SVG of a series' line and marker (its palette style), for a legend beside the chart. */
  function legendSwatch(style, corners) {
    const c = style.colour ? esc(style.colour) : "currentColor";
    return SVG + 'viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" stroke="' + c +
      '" fill="' + c + '" stroke-width="2.5"><path d="M2,8L38,8"' + dashOf(style) + "/>" + marker(style, corners, 20, 8) + "</svg>";
  }

  root.SelfassessCharts = { radar, radarPoint, wrap, labelAnchor, marker, legendSwatch, escapeXml: esc };
})(globalThis);
