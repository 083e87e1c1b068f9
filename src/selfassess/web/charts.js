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
   *           rings: [40, 60, 80, 100] (radarRings), title, description, id, corners?, display?,
   *           compact?} — compact (a phone's width) draws a smaller web with larger labels, so
   *           that they stay readable (>= 11 px) when the chart is shrunk to about 340 px.
   * `style` is {colour, dash, marker} from the palette data, `corners` its marker corners; a
   * series without a style (or colour) is drawn solid, with circles, in currentColor. A null value leaves a gap in its
   * line: no score is not the same as a score of 0.
   */
  function radar(o) {
    const axes = o.axes, n = axes.length, radius = o.compact ? 125 : 165, cx = 320, cy = 250,
      rings = o.rings || [20, 40, 60, 80, 100], id = esc(o.id || "radar"),
      point = (i, value) => radarPoint(n, i, value, [cx, cy], radius),
      font = o.compact ? 22 : 15, leading = o.compact ? 24 : 17;
    let out = SVG + 'class="radar" viewBox="0 0 640 490" role="img" aria-labelledby="' +
      id + '-title ' + id + '-desc" font-size="' + font + '" fill="currentColor"><title id="' + id + '-title">' +
      esc(o.title || "Radar chart") + '</title><desc id="' + id + '-desc">' + esc(o.description || "") +
      '</desc><g fill="none" stroke="currentColor" stroke-opacity="0.4">';
    for (const value of rings) out += '<polygon points="' + axes.map((_, i) => xy(point(i, value))).join(" ") + '"/>';
    axes.forEach((_, i) => (out += '<path d="M' + cx + "," + cy + "L" + xy(point(i, 100)) + '"/>'));
    out += '</g><g font-size="' + (o.compact ? 17 : 12) + '">';
    // Ring labels in the displayed unit (o.display: SelfassessDisplay.displayOf(bank)).
    const ringText = (value) => (o.display && o.display.onScale ? root.SelfassessDisplay.text(o.display, value) : value);
    for (const value of rings) out += '<text x="' + (cx + 4) + '" y="' + num(cy - (radius * value) / 100 - 3) + '">' + ringText(value) + "</text>";
    out += "</g><g>";
    axes.forEach((label, i) => {
      const at = point(i, 100 * 1.1), lines = o.compact ? wrap(label, 14, 4) : wrap(label, 16, 3), last = lines.length - 1;
      // Labels above the centre grow upwards, below it downwards, beside it around the axis.
      const top = at[1] - (at[1] < cy - 1 ? last * leading + (o.compact ? 10 : 0) : at[1] > cy + 1 ? -10 : (last * leading) / 2);
      out += '<text class="radar-label" y="' + num(top) + '" text-anchor="' + labelAnchor(n, i) + '">' + lines.map((line, k) =>
        '<tspan x="' + num(at[0]) + '" dy="' + (k ? leading : 0) + '">' + esc(line) + "</tspan>").join("") + "</text>";
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

  /** radar.radar_rings' twin (tests/vectors/charts/radar-rings.json): the rings on 0-100 where
      each level starts (its `min` in the displayed unit, back on 0-100), and the outer 100. */
  function radarRings(levels, display) {
    const D = root.SelfassessDisplay, d = display || D.PERCENT;
    const rings = levels.map((l) => D.percent(d, l.min)).filter((r) => r > 0).concat([100]);
    return [...new Set(rings)].sort((a, b) => a - b);
  }

  /** A small SVG of a series' line and marker (its palette style), for a legend beside the chart. */
  function legendSwatch(style, corners) {
    const c = style.colour ? esc(style.colour) : "currentColor";
    return SVG + 'viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" stroke="' + c +
      '" fill="' + c + '" stroke-width="2.5"><path d="M2,8L38,8"' + dashOf(style) + "/>" + marker(style, corners, 20, 8) + "</svg>";
  }

  // The dot plot: the chart for fewer than 3 or more than 10 scored principles. The layout is
  // scorecard/dot_plot.py's, to the unit (tests/vectors/charts/dot-plot.json pins the twins).
  const DOTS = {
    width: 600, labelX: 4, labelWidth: 200, plotGap: 16, endRoom: 16, font: 11, leading: 13,
    charWidth: 0.55, maxLines: 4, rowMin: 20, rowPad: 6, dotStep: 4, tickGap: 24, axisRoom: 40
  };
  const scored = (v) => typeof v === "number" && Number.isFinite(v);
  // dot_plot._WIDE: characters about twice a Latin letter's width (a title holding any wraps at
  // half the characters, each counts twice in its box).
  const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/gu;
  const cells = (line) => [...line].length + (line.match(WIDE) || []).length;

  /** dot_plot.chart_kind's twin: the radar for 3 to 10 scored principles, else the dot plot. */
  const chartKind = (nScored) => (nScored >= 3 && nScored <= 10 ? "radar" : "dots");

  /** display.number_text's twin: a figure already in the unit (a level's min), as written. */
  const numberText = (d, v) => (d.onScale && Math.abs(v * 10 - Math.round(v * 10)) < 1e-6
    ? root.SelfassessDisplay.oneDecimal(v) : String(Number(v.toPrecision(6))));

  /** Row indexes by the partnership's score, highest first, ties in bank order, none last. */
  function ranked(rows) {
    const score = (i) => (scored(rows[i].partnership) ? rows[i].partnership : null);
    return rows.map((_, i) => i).sort((a, b) => (score(a) === null) - (score(b) === null) || (score(b) ?? 0) - (score(a) ?? 0) || a - b);
  }

  /** A row as drawn: its label's lines and box, its level bands, its dots (dot_plot._placed_row). */
  function placedRow(index, row, d, top, xOf) {
    const L = DOTS, D = root.SelfassessDisplay, chars = Math.floor(L.labelWidth / (L.font * L.charWidth));
    const label = String(row.label), lines = wrap(label, (label.match(WIDE) ? Math.floor(chars / 2) : chars), L.maxLines), n = lines.length;
    const height = Math.max(L.rowMin, n * L.leading + L.rowPad), centre = top + height / 2;
    const widest = Math.max(...lines.map(cells)) * L.font * L.charWidth;
    const mins = (row.levels || []).map((m) => D.percent(d, m)).sort((a, b) => a - b), bands = [];
    mins.forEach((low, i) => {
      const x0 = xOf(low), x1 = i + 1 < mins.length ? xOf(mins[i + 1]) : xOf(100);
      if (x1 > x0) bands.push({ x: x0, width: x1 - x0, index: i, count: mins.length });
    });
    const orgs = row.organisations || [], count = orgs.length, step = Math.min(L.dotStep, (height - 12) / Math.max(count - 1, 1)), dots = [];
    orgs.forEach((v, k) => { if (scored(v)) dots.push({ organisation: k, x: xOf(v), y: centre + (k - (count - 1) / 2) * step }); });
    return {
      index, lines, box: { x: L.labelX, y: centre - (n * L.leading) / 2, width: widest, height: n * L.leading },
      top, height, y: centre, baseline: centre - ((n - 1) * L.leading) / 2 + L.font * 0.35, bands,
      partnership: scored(row.partnership) ? xOf(row.partnership) : null, dots
    };
  }

  /**
   * dot_plot.dot_plot_geometry's twin. o: {rows: [{label, partnership: 0-100 or null,
   * organisations: [0-100 or null], levels: [each level's min in the displayed unit]}],
   * display (SelfassessDisplay.displayOf(bank)), ticks: [the bank's level mins], top}.
   */
  function dotPlot(o) {
    const L = DOTS, d = o.display || root.SelfassessDisplay.PERCENT, D = root.SelfassessDisplay;
    const left = L.labelX + L.labelWidth + L.plotGap, right = L.width - L.endRoom, top = o.top || 0;
    const xOf = (v) => left + (Math.max(0, Math.min(100, v)) / 100) * (right - left);
    const rows = [];
    let y = top;
    for (const index of ranked(o.rows)) {
      const row = placedRow(index, o.rows[index], d, y, xOf);
      rows.push(row);
      y += row.height;
    }
    const ends = [d.lo, d.hi], lastX = xOf(100), ticks = [];
    const values = [...new Set(ends.concat((o.ticks || []).filter((t) => t >= d.lo && t <= d.hi)))].sort((a, b) => a - b);
    for (const value of values) {
      const x = xOf(D.percent(d, value));
      if (ends.includes(value) || (x - ticks[ticks.length - 1].x >= L.tickGap && lastX - x >= L.tickGap)) ticks.push({ x, value, text: numberText(d, value) });
    }
    return { width: L.width, height: y + L.axisRoom, left, right, top, bottom: y, ticks, rows };
  }

  /** core/palette.level_colours' twin: `count` fills along the ramp (Python rounds half to even). */
  function levelColours(ramp, count) {
    const rgb = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    const even = (v) => (Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v));
    const mix = (t) => {
      const position = t * (ramp.length - 1), low = Math.min(Math.floor(position), ramp.length - 2), frac = position - low;
      const a = rgb(ramp[low]), b = rgb(ramp[low + 1]);
      return "#" + a.map((x, i) => even(x + (b[i] - x) * frac).toString(16).padStart(2, "0")).join("");
    };
    if (count <= 0) return [];
    return count === 1 ? [mix(0.5)] : Array.from({ length: count }, (_, i) => mix(i / (count - 1)));
  }

  /**
   * The dot plot as an SVG string, without a legend (the pages list the series beside it, with
   * legendSwatch). o: dotPlot's options and {title, description, id, styles: [each
   * organisation's palette style], corners, ramp (the palette's level ramp; without it the
   * bands are shades of currentColor)}. The partnership's dot (o.rows[].partnership) is drawn
   * last, larger, in currentColor.
   */
  function dotPlotSvg(o) {
    const L = DOTS, g = dotPlot(o), id = esc(o.id || "dots"), styles = o.styles || [];
    let out = SVG + 'class="dot-plot" viewBox="0 0 ' + g.width + " " + num(g.height) + '" role="img" aria-labelledby="' + id + "-title " + id +
      '-desc" font-size="' + L.font + '" fill="currentColor"><title id="' + id + '-title">' + esc(o.title || "Dot plot") +
      '</title><desc id="' + id + '-desc">' + esc(o.description || "") + "</desc><g>";
    for (const row of g.rows) for (const band of row.bands) {
      const paint = o.ramp ? 'fill="' + esc(levelColours(o.ramp, band.count)[band.index]) + '" fill-opacity="0.45"' : 'fill-opacity="' + num(0.06 + (0.2 * band.index) / Math.max(band.count - 1, 1)) + '"';
      out += '<rect x="' + num(band.x) + '" y="' + num(row.top + 1) + '" width="' + num(band.width) + '" height="' + num(row.height - 2) + '" ' + paint + "/>";
    }
    out += '</g><path fill="none" stroke="currentColor" stroke-opacity="0.3" d="' + g.ticks.map((t) => "M" + num(t.x) + "," + num(g.top) + "V" + num(g.bottom)).join("") + '"/>';
    out += '<g text-anchor="middle">' + g.ticks.map((t) => '<text x="' + num(t.x) + '" y="' + num(g.bottom + 14) + '">' + esc(t.text) + "</text>").join("") +
      (o.caption ? '<text x="' + num((g.left + g.right) / 2) + '" y="' + num(g.bottom + 32) + '">' + esc(o.caption) + "</text>" : "") + "</g><g>";
    for (const row of g.rows) {
      out += "<text>" + row.lines.map((line, k) => '<tspan x="' + L.labelX + '" y="' + num(row.baseline + k * L.leading) + '">' + esc(line) + "</tspan>").join("") + "</text>";
    }
    out += "</g>";
    styles.forEach((style, k) => {
      const dots = g.rows.flatMap((row) => row.dots.filter((dot) => dot.organisation === k));
      const colour = style.colour ? esc(style.colour) : "currentColor";
      out += '<g class="dot-plot-series dot-plot-series-' + (k + 1) + '" stroke="' + colour + '" fill="' + colour + '" stroke-width="1.5">' +
        dots.map((dot) => marker(style, o.corners, dot.x, dot.y)).join("") + "</g>";
    });
    out += '<g class="dot-plot-series dot-plot-series-0" stroke="#fff" stroke-width="1">' +
      g.rows.filter((row) => row.partnership !== null).map((row) => '<circle cx="' + num(row.partnership) + '" cy="' + num(row.y) + '" r="6"/>').join("") + "</g>";
    return out + "</svg>";
  }

  root.SelfassessCharts = {
    radar, radarPoint, wrap, labelAnchor, marker, legendSwatch, escapeXml: esc,
    chartKind, dotPlot, dotPlotSvg, radarRings, levelColours, numberText, DOT_PLOT: DOTS
  };
})(globalThis);
