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
  const escapeXml = (text) => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
  const num = (x) => Math.round(x * 10) / 10;
  const xy = (p) => num(p[0]) + "," + num(p[1]);

  /** Break a label into lines of about `width` characters, at spaces. */
  function wrap(text, width) {
    const lines = [];
    let line = "";
    for (const word of String(text).split(/\s+/)) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    }
    return line ? lines.concat([line]) : lines;
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

  const dashOf = (style) => (style.dash ? ' stroke-dasharray="' + escapeXml(style.dash) + '"' : "");

  /**
   * options: {axes: [label...], series: [{values: [0-100 or null per axis], style?}],
   *           rings: [40, 60, 80, 100], title, description, id, corners?}
   * `style` is {colour, dash, marker} from the palette data, `corners` its marker corners; a
   * series without a style (or colour) is drawn solid, with circles, in currentColor. A null value leaves a gap in its
   * line: no score is not the same as a score of 0.
   */
  function radar(options) {
    const axes = options.axes, n = axes.length, max = 100, radius = 165, cx = 320, cy = 250;
    const rings = options.rings || [20, 40, 60, 80, 100];
    const id = escapeXml(options.id || "radar");
    const point = (i, value) => radarPoint(n, i, value, [cx, cy], radius);
    const out = ['<svg xmlns="http://www.w3.org/2000/svg" class="radar" viewBox="0 0 640 490" role="img" aria-labelledby="' +
      id + '-title ' + id + '-desc" font-size="15" fill="currentColor"><title id="' + id + '-title">' +
      escapeXml(options.title || "Radar chart") + '</title><desc id="' + id + '-desc">' + escapeXml(options.description || "") +
      '</desc><g fill="none" stroke="currentColor" stroke-opacity="0.4">'];
    for (const value of rings) out.push('<polygon points="' + axes.map((_, i) => xy(point(i, value))).join(" ") + '"/>');
    axes.forEach((_, i) => out.push('<path d="M' + cx + "," + cy + "L" + xy(point(i, max)) + '"/>'));
    out.push('</g><g font-size="12">');
    for (const value of rings) out.push('<text x="' + (cx + 4) + '" y="' + num(cy - (radius * value) / max - 3) + '">' + value + "</text>");
    out.push("</g><g>");
    axes.forEach((label, i) => {
      const at = point(i, max * 1.1), dx = at[0] - cx, lines = wrap(label, 16);
      const anchor = Math.abs(dx) < 1 ? "middle" : dx > 0 ? "start" : "end";
      // Labels above the centre grow upwards, below it downwards, beside it around the axis.
      const top = at[1] - (at[1] < cy - 1 ? (lines.length - 1) * 17 : at[1] > cy + 1 ? -10 : (lines.length - 1) * 8.5);
      out.push('<text y="' + num(top) + '" text-anchor="' + anchor + '">' + lines.map((line, k) =>
        '<tspan x="' + num(at[0]) + '" dy="' + (k ? 17 : 0) + '">' + escapeXml(line) + "</tspan>").join("") + "</text>");
    });
    out.push("</g>");
    options.series.forEach((series, s) => {
      const pts = series.values.map((v, i) => (v === null || v === undefined ? null : point(i, v)));
      const whole = pts.every(Boolean);
      let d = whole ? "M" + pts.map(xy).join("L") + "Z" : "";
      if (!whole) pts.forEach((p, i) => { const next = pts[(i + 1) % n]; if (p && next && (n > 2 || i + 1 < n)) d += "M" + xy(p) + "L" + xy(next); });
      const style = series.style || PLAIN, colour = style.colour ? escapeXml(style.colour) : "currentColor";
      out.push('<g class="radar-series radar-series-' + s + '" stroke="' + colour + '" fill="' + colour + '" stroke-width="2.5">' +
        (whole && options.series.length === 1 ? '<path d="' + d + '" fill-opacity="0.12" stroke="none"/>' : "") +
        '<path d="' + d + '" fill="none"' + dashOf(style) + "/>" + pts.map((p) => (p ? marker(style, options.corners, p[0], p[1]) : "")).join("") + "</g>");
    });
    return out.join("") + "</svg>";
  }

  /** A small SVG of a series' line and marker (its palette style), for a legend beside the chart. */
  function legendSwatch(style, corners) {
    const c = style.colour ? escapeXml(style.colour) : "currentColor";
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" stroke="' + c +
      '" fill="' + c + '" stroke-width="2.5"><path d="M2,8L38,8"' + dashOf(style) + "/>" + marker(style, corners, 20, 8) + "</svg>";
  }

  root.SelfassessCharts = { radar, radarPoint, marker, legendSwatch, escapeXml };
})(globalThis);
